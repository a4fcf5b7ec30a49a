/**
 * Direction of travel, current vs previous year, under the indicator's polarity.
 * LAIT shows no direction label, and the seeds say "Similar" without defining it, so the tolerance
 * is an argument: RELATIVE to the previous value, |current − previous| ≤ tolerance × |previous| is
 * Similar (Same with no polarity). Default 1%. Tolerance 0 = any difference counts; so does any
 * difference from a previous value of 0. Note the band is relative to `previous`, so swapping the
 * two years can turn a just-outside change into Similar (never into the opposite direction).
 */
import { valueError } from '../excel/errors';
import { choice } from '../excel/args';
import type { Polarity } from './polarity';

export type Direction = 'Better' | 'Worse' | 'Similar' | 'Higher' | 'Lower' | 'Same';

export const DEFAULT_TOLERANCE = 0.01;

export function change(current: number, previous: number, polarity: Polarity, tolerance = DEFAULT_TOLERANCE): Direction {
  if (!Number.isFinite(current) || !Number.isFinite(previous)) throw valueError('Both values must be finite numbers');
  if (!(Number.isFinite(tolerance) && tolerance >= 0)) throw valueError(`Tolerance must be a number ≥ 0, not ${tolerance}`);
  const diff = current - previous;
  const up = diff > 0;
  if (Math.abs(diff) <= tolerance * Math.abs(previous)) return polarity ? 'Similar' : 'Same';
  if (polarity === 'High') return up ? 'Better' : 'Worse';
  if (polarity === 'Low') return up ? 'Worse' : 'Better';
  if (polarity === null) return up ? 'Higher' : 'Lower';
  throw valueError(`Polarity must be "High", "Low" or none, not ${String(polarity)}`);
}

const WORDS: Record<string, Direction> = {
  better: 'Better',
  improving: 'Better',
  improved: 'Better',
  worse: 'Worse',
  declining: 'Worse',
  declined: 'Worse',
  similar: 'Similar',
  higher: 'Higher',
  lower: 'Lower',
  same: 'Same',
  // CIC.TREND's words, so a trend feeds CIC.RAG as a change does.
  'no significant change': 'Similar',
  increasing: 'Higher',
  decreasing: 'Lower',
};

/** Cell argument → Direction (case-insensitive; "improving"/"declining" accepted as the seeds word it). */
export const parseDirection = (x: unknown): Direction => choice(x, 'change', WORDS, null);
