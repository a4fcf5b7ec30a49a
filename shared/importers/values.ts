/**
 * DfE published values are text: numbers written by R/Excel with binary artefacts
 * (`18.399999999999999`, `-7.0000000000000007E-2`) or a missing-value symbol. A symbol is missing,
 * never 0 — a suppressed count is not a zero count.
 */
import { ImportError } from './errors';

/** Symbols seen across DfE/EES/LAIT files for suppressed, not applicable, unavailable or rounded-away data. */
export const MISSING_SYMBOLS: ReadonlySet<string> = new Set(['', '-', 'c', 'z', 'x', '..', ':', 'low', 'k', 'u', '~']);

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

export function parsePublishedValue(text: string): number | null {
  const t = text.trim();
  if (MISSING_SYMBOLS.has(t.toLowerCase())) return null;
  if (!NUMBER.test(t)) throw new ImportError('', 0, `not a number or a DfE missing-value symbol: "${text}"`);
  // 15 significant digits is what a double holds exactly; it strips the 17-digit artefacts.
  const n = Number(Number(t).toPrecision(15));
  // "1e999" matches the pattern but is Infinity, which no cell (nor the release schema) can hold.
  if (!Number.isFinite(n)) throw new ImportError('', 0, `number out of range: "${text}"`);
  return n;
}
