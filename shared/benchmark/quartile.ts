import { numError, valueError } from '../excel/errors';

/**
 * Quartile boundaries.
 * - 'inc' (default, LAIT's method): R quantile type 7 = Excel QUARTILE.INC / PERCENTILE.INC.
 * - 'exc': Excel QUARTILE.EXC / PERCENTILE.EXC (R type 6); Q0/Q4 stay min/max.
 * - 'equal-count': boundaries chosen so bands hold (as near as ties allow) a quarter of the LAs each.
 */
export type QuartileMethod = 'inc' | 'exc' | 'equal-count';
/** Q0 (min) … Q4 (max), ascending. */
export type Boundaries = readonly [number, number, number, number, number];

/** Element i of a sorted array; callers guarantee 0 ≤ i < n. */
const at = (xs: readonly number[], i: number): number => xs[i] as number;

/**
 * R type 7 on an ascending array: h = p(n−1) (0-based), interpolate between neighbours, written as R's
 * quantile() writes it, (1 − h)·x[lo] + h·x[hi]: x + h·(x[hi] − x) can differ in the last bit, and a
 * value sitting on the boundary then falls in the other band from LAIT's.
 */
export function quantileInc(sorted: readonly number[], p: number): number {
  const n = sorted.length;
  if (n === 0) throw numError('No values to take a percentile of');
  if (!(p >= 0 && p <= 1)) throw numError(`Percentile must be between 0 and 1, not ${p}`);
  const index = p * (n - 1);
  const lo = Math.floor(index);
  const x = at(sorted, lo);
  const h = index - lo;
  if (h === 0) return x;
  const next = at(sorted, lo + 1);
  return next === x ? x : (1 - h) * x + h * next;
}

/**
 * Excel PERCENTILE.EXC on an ascending array: h = p(n+1) (1-based rank). Excel cannot extrapolate,
 * so #NUM! when p ∉ (0,1) or h < 1 or h > n (n = 1: only p = 0.5 works; n = 2: p = 0.25 fails).
 */
export function quantileExc(sorted: readonly number[], p: number): number {
  const n = sorted.length;
  if (n === 0) throw numError('No values to take a percentile of');
  if (!(p > 0 && p < 1)) throw numError(`PERCENTILE.EXC needs 0 < k < 1, not ${p}`);
  const h = p * (n + 1);
  if (h < 1 || h > n) throw numError(`PERCENTILE.EXC cannot interpolate k = ${p} with ${n} values`);
  const lo = Math.floor(h);
  const x = at(sorted, lo - 1);
  return h === lo ? x : x + (h - lo) * (at(sorted, lo) - x);
}

/** Excel truncates quart toward zero before range-checking it. */
function quartArg(quart: number, min: number, max: number, fn: string): number {
  const q = Math.trunc(quart);
  if (!(q >= min && q <= max)) throw numError(`${fn} quart must be ${min}–${max}, not ${quart}`);
  return q;
}

/** Excel QUARTILE.INC(values, quart): quart 0–4 (truncated); unsorted input is fine. */
export function excelQuartileInc(values: readonly number[], quart: number): number {
  const q = quartArg(quart, 0, 4, 'QUARTILE.INC');
  return quantileInc(sortedNumeric(values), q / 4);
}

/** Excel QUARTILE.EXC(values, quart): quart 1–3 (truncated); unsorted input is fine. */
export function excelQuartileExc(values: readonly number[], quart: number): number {
  const q = quartArg(quart, 1, 3, 'QUARTILE.EXC');
  return quantileExc(sortedNumeric(values), q / 4);
}

/**
 * Equal-count boundaries: split the n sorted values into four consecutive groups whose sizes differ
 * by at most one (the first n mod 4 groups take one extra), and let Q_k be the last value of group k.
 * With distinct values, banding by ≤ Q1/Q2/Q3 then reproduces the groups exactly; ties at a group's
 * edge pull the whole tie into the lower group, which is as equal as ties allow.
 */
function equalCount(sorted: readonly number[]): Boundaries {
  const n = sorted.length;
  const base = Math.floor(n / 4);
  const extra = n % 4;
  const end = (k: number): number => at(sorted, Math.max(0, k * base + Math.min(k, extra) - 1));
  return [at(sorted, 0), end(1), end(2), end(3), at(sorted, n - 1)];
}

/** Q0–Q4 of an ascending array of finite numbers (see `sortedNumeric`). Empty → #NUM!. */
export function boundaries(sorted: readonly number[], method: QuartileMethod = 'inc'): Boundaries {
  const n = sorted.length;
  if (n === 0) throw numError('No values to take quartiles of');
  const min = at(sorted, 0);
  const max = at(sorted, n - 1);
  switch (method) {
    case 'inc':
      return [min, quantileInc(sorted, 0.25), quantileInc(sorted, 0.5), quantileInc(sorted, 0.75), max];
    case 'exc':
      return [min, quantileExc(sorted, 0.25), quantileExc(sorted, 0.5), quantileExc(sorted, 0.75), max];
    case 'equal-count':
      return equalCount(sorted);
    default: // reachable from untyped callers (CLI, cells)
      throw valueError(`Unknown quartile method "${String(method)}"`);
  }
}

/** The finite numbers among `values`, ascending (nulls, NaN, ±Infinity dropped; −0 read as 0, as Excel has no −0). */
export function sortedNumeric(values: Iterable<number | null | undefined>): number[] {
  const xs: number[] = [];
  for (const v of values) if (typeof v === 'number' && Number.isFinite(v)) xs.push(v === 0 ? 0 : v);
  return Array.from(Float64Array.from(xs).sort());
}
