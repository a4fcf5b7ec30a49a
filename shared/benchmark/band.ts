import { valueError } from '../excel/errors';
import type { Band } from './polarity';
import type { Boundaries } from './quartile';

const BANDS: readonly Band[] = ['A', 'B', 'C', 'D'];

function check(value: number, polarity: unknown): void {
  if (!Number.isFinite(value)) throw valueError(`Value must be a finite number, not ${value}`);
  if (polarity !== 'High' && polarity !== 'Low') throw valueError('Banding needs polarity "High" or "Low"');
}

/** Index 0–3 of the interval (…,Q1], (Q1,Q2], (Q2,Q3], (Q3,…) holding v: LAIT's inclusive-top rule. */
function interval(v: number, b: Boundaries): 0 | 1 | 2 | 3 {
  return v <= b[1] ? 0 : v <= b[2] ? 1 : v <= b[3] ? 2 : 3;
}

/**
 * LAIT's `calculate_quartile_band`. Low: A if v ≤ Q1, B if ≤ Q2, C if ≤ Q3, else D.
 * High: D if v ≤ Q1, C if ≤ Q2, B if ≤ Q3, else A. So a value on a boundary goes to the better band
 * for Low and the worse band for High. Values outside [Q0, Q4] (hypotheticals) follow the same rule.
 */
export function bandOf(value: number, b: Boundaries, polarity: 'High' | 'Low'): Band {
  check(value, polarity);
  const i = interval(value, b);
  return BANDS[polarity === 'Low' ? i : 3 - i] as Band;
}

export function quartileOfBand(band: Band): 1 | 2 | 3 | 4 {
  const i = BANDS.indexOf(band);
  if (i < 0) throw valueError(`Band must be A–D, not ${String(band)}`);
  return (i + 1) as 1 | 2 | 3 | 4;
}

export function bandOfQuartile(q: number): Band {
  const band = Number.isInteger(q) ? BANDS[q - 1] : undefined;
  if (!band) throw valueError(`Quartile must be 1–4, not ${q}`);
  return band;
}

/**
 * Where the value sits inside its band: 0 at the band's worse edge, 1 at its better edge (for Low the
 * better edge is the lower boundary, for High the upper). Clamped to [0, 1], so hypotheticals beyond
 * Q0/Q4 count as at the edge; a zero-width band (tied boundaries) gives 0.5.
 * This is what "high/low in a quartile" means for RAG: high = position ≥ 0.5.
 */
export function positionInBand(value: number, b: Boundaries, polarity: 'High' | 'Low'): number {
  check(value, polarity);
  const i = interval(value, b);
  const lo = b[i];
  const hi = b[i + 1] as number;
  if (hi === lo) return 0.5;
  const towardHi = (value - lo) / (hi - lo);
  const pos = polarity === 'High' ? towardHi : 1 - towardHi;
  return Math.min(1, Math.max(0, pos));
}
