import { naError, valueError } from '../excel/errors';
import { choice } from '../excel/args';

/** Statistical-neighbour average: simple mean (the default, as LAIT) or median. */
export type SnStat = 'mean' | 'median';

/**
 * Average of the neighbours' values that exist (null, undefined and non-finite are missing, never 0).
 * Callers pass the neighbours only: the LA itself is never part of its SN average.
 */
export function snAverage(values: readonly (number | null | undefined)[], stat: SnStat = 'mean'): { value: number; count: number } {
  const xs = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const n = xs.length;
  if (n === 0) throw naError('No statistical neighbour has a value for this indicator and year');
  if (stat === 'mean') return { value: xs.reduce((s, v) => s + v, 0) / n, count: n };
  if (stat !== 'median') throw valueError(`Unknown statistic "${String(stat)}"`);
  xs.sort((a, b) => a - b);
  const mid = n >> 1;
  const value = n % 2 ? (xs[mid] as number) : ((xs[mid - 1] as number) + (xs[mid] as number)) / 2;
  return { value, count: n };
}

/** The same, reading the neighbours' values from one distribution (what a cell computes). */
export function snAverageIn(group: readonly number[], byLa: ReadonlyMap<number, number | null>, stat: SnStat = 'mean'): number {
  if (stat !== 'mean')
    return snAverage(
      group.map((n) => byLa.get(n)),
      stat,
    ).value;
  let sum = 0;
  let n = 0;
  for (let i = 0; i < group.length; i++) {
    const v = byLa.get(group[i]!);
    if (typeof v === 'number' && Number.isFinite(v)) {
      sum += v;
      n++;
    }
  }
  if (n === 0) throw naError('No statistical neighbour has a value for this indicator and year');
  return sum / n;
}

const STATS: Record<string, SnStat> = { mean: 'mean', average: 'mean', avg: 'mean', median: 'median' };

/** Cell argument → SnStat; omitted → 'mean'. */
export const parseSnStat = (x: unknown): SnStat => choice(x, 'stat', STATS, 'mean');
