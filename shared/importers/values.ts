/**
 * DfE published values are text: numbers written by R/Excel with binary artefacts
 * (`18.399999999999999`, `-7.0000000000000007E-2`) or a missing-value symbol. A symbol is missing,
 * never 0 — a suppressed count is not a zero count. A number is kept as the exact double its text
 * denotes, because LAIT ranks and bands those doubles: rounding them would tie LAs LAIT tells apart.
 */
import { ImportError } from './errors';

/** Symbols seen across DfE/EES/LAIT files for suppressed, not applicable, unavailable or rounded-away data. */
export const MISSING_SYMBOLS: ReadonlySet<string> = new Set(['', '-', 'c', 'z', 'x', '..', ':', 'low', 'k', 'u', '~']);

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

export function parsePublishedValue(text: string): number | null {
  const t = text.trim();
  if (MISSING_SYMBOLS.has(t.toLowerCase())) return null;
  if (!NUMBER.test(t)) throw new ImportError('', 0, `not a number or a DfE missing-value symbol: "${text}"`);
  // The double the text denotes, as LAIT's R reads it (as.numeric): "18.399999999999999" is 18.4, but
  // "82.30000000000001" stays just above 82.3, which LAIT ranks and bands apart from an LA's 82.3.
  const n = Number(t) + 0; // + 0: a published "-0" is the zero every other 0 is
  // "1e999" matches the pattern but is Infinity, which no cell (nor the release schema) can hold.
  if (!Number.isFinite(n)) throw new ImportError('', 0, `number out of range: "${text}"`);
  return n;
}
