import { valueError } from '../excel/errors';

/** Which direction is good. `null` = no polarity (LAIT's `-` / `NA`): no band, no Better/Worse. */
export type Polarity = 'High' | 'Low' | null;
/** A = quartile 1 = best, whatever the polarity. */
export type Band = 'A' | 'B' | 'C' | 'D';

/**
 * The polarity a measure is banded under, or null where LAIT shows no band (and so no quartile): a measure
 * with no polarity, or one its dictionary flags No_Quartile. The one statement of the rule: the cells
 * (`bandablePolarity`), `cic table` and `cic diff` all ask it.
 */
export const bandPolarity = (indicator: { readonly polarity: Polarity; readonly noQuartile: boolean }): 'High' | 'Low' | null =>
  indicator.noQuartile ? null : indicator.polarity;

const NONE = new Set(['', '-', 'na', 'n/a', 'none']);
// "High", "high = good", "Higher is better", "low good" …: the first word decides.
const POLAR = /^(high|low)(?:er)?(?:\s*(?:=|is)?\s*(?:good|better))?$/;

/** Polarity from the data dictionary or a cell argument. Unrecognised text → #VALUE!. */
export function parsePolarity(text: unknown): Polarity {
  if (text === null || text === undefined) return null;
  if (typeof text !== 'string') throw valueError(`Polarity must be "High", "Low" or "-", not ${String(text)}`);
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (NONE.has(t)) return null;
  const m = POLAR.exec(t);
  if (!m) throw valueError(`Polarity must be "High", "Low" or "-", not "${text}"`);
  return m[1] === 'high' ? 'High' : 'Low';
}
