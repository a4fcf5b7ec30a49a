/**
 * Confidence intervals the way PHEindicatormethods and Fingertips compute them.
 *   proportion: Wilson score interval (phe_proportion)
 *   rate:       Byar's approximation, exact Poisson (chi-square) below 10 events (phe_rate)
 * Results are scaled by `multiplier` (100 for a percentage, 10,000 for a rate per 10,000).
 */
import { qchisq, zFor } from './distributions';

export type IntervalMethod = 'proportion' | 'rate';

export interface Interval {
  value: number;
  lower: number;
  upper: number;
}

export class StatisticsInputError extends Error {}

function check(x: number, n: number, level: number, method: IntervalMethod): void {
  if (!Number.isFinite(x) || !Number.isFinite(n)) throw new StatisticsInputError('numerator and denominator must be finite numbers');
  if (x < 0) throw new StatisticsInputError('numerator must not be negative');
  if (n <= 0) throw new StatisticsInputError('denominator must be greater than 0');
  if (method === 'proportion' && x > n) throw new StatisticsInputError(`numerator (${x}) is larger than the denominator (${n}): not a proportion`);
  if (!(level > 0 && level < 1)) throw new StatisticsInputError('level must be between 0 and 1, e.g. 0.95');
}

/** Wilson score interval for x successes out of n: (2x + z² ∓ z√(z² + 4x(1 − x/n))) / (2(n + z²)). */
export function wilson(x: number, n: number, level = 0.95, multiplier = 1): Interval {
  check(x, n, level, 'proportion');
  const z = zFor(level);
  const root = z * Math.sqrt(z * z + 4 * x * (1 - x / n));
  const denom = 2 * (n + z * z);
  return { value: (x / n) * multiplier, lower: ((2 * x + z * z - root) / denom) * multiplier, upper: ((2 * x + z * z + root) / denom) * multiplier };
}

/** Interval for a Poisson count O: exact (chi-square) below 10 events, Byar's approximation from 10. */
export function poissonCountInterval(o: number, level = 0.95): { lower: number; upper: number } {
  const alpha = 1 - level;
  if (o < 10) {
    return { lower: o === 0 ? 0 : qchisq(alpha / 2, 2 * o) / 2, upper: qchisq(1 - alpha / 2, 2 * o + 2) / 2 };
  }
  const z = zFor(level);
  return {
    lower: o * (1 - 1 / (9 * o) - z / (3 * Math.sqrt(o))) ** 3,
    upper: (o + 1) * (1 - 1 / (9 * (o + 1)) + z / (3 * Math.sqrt(o + 1))) ** 3,
  };
}

/** A rate: events per unit of denominator × multiplier, with Byar's (or the exact) interval. */
export function byar(o: number, n: number, level = 0.95, multiplier = 1): Interval {
  check(o, n, level, 'rate');
  const { lower, upper } = poissonCountInterval(o, level);
  return { value: (o / n) * multiplier, lower: (lower / n) * multiplier, upper: (upper / n) * multiplier };
}

export function interval(x: number, n: number, level: number, multiplier: number, method: IntervalMethod): Interval {
  return method === 'proportion' ? wilson(x, n, level, multiplier) : byar(x, n, level, multiplier);
}

/**
 * Newcombe's hybrid score interval (his method 10) for p1 − p2 from two independent proportions, built
 * from each proportion's Wilson interval: (p1 − p2) − √((p1 − l1)² + (u2 − p2)²) … (p1 − p2) + √((u1 − p1)² + (p2 − l2)²).
 */
export function newcombe(x1: number, n1: number, x2: number, n2: number, level = 0.95, multiplier = 1): Interval {
  const a = wilson(x1, n1, level);
  const b = wilson(x2, n2, level);
  const d = a.value - b.value;
  return {
    value: d * multiplier,
    lower: (d - Math.sqrt((a.value - a.lower) ** 2 + (b.upper - b.value) ** 2)) * multiplier,
    upper: (d + Math.sqrt((a.upper - a.value) ** 2 + (b.value - b.lower) ** 2)) * multiplier,
  };
}
