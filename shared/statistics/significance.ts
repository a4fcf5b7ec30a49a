/**
 * Whether a difference is statistically real, and which way: the Fingertips comparisons.
 *   compare:   Similar when the benchmark lies inside the LA's interval (its ends included)
 *   change:    Newcombe's interval for the difference of two proportions excludes 0 (default), or the
 *              two Wilson intervals do not overlap ("overlap", Fingertips' simpler test); for rates the
 *              two Byar intervals are compared the same way.
 * Without a polarity the verdict is Higher / Similar / Lower; with one, Better / Similar / Worse.
 */
import type { Polarity } from '../benchmark/polarity';
import { interval, newcombe, type Interval, type IntervalMethod } from './intervals';

export type Verdict = 'Better' | 'Worse' | 'Similar' | 'Higher' | 'Lower';

/** Which way a real difference goes, in the words a committee uses. */
export function verdict(direction: -1 | 0 | 1, polarity: Polarity): Verdict {
  if (direction === 0) return 'Similar';
  if (polarity === 'High') return direction > 0 ? 'Better' : 'Worse';
  if (polarity === 'Low') return direction > 0 ? 'Worse' : 'Better';
  return direction > 0 ? 'Higher' : 'Lower';
}

/** An LA's interval against a benchmark value. */
export function compareToBenchmark(ci: Interval, benchmark: number, polarity: Polarity): Verdict {
  const direction = benchmark < ci.lower ? 1 : benchmark > ci.upper ? -1 : 0;
  return verdict(direction, polarity);
}

export type ChangeMethod = 'newcombe' | 'overlap';

export interface ChangeTest {
  verdict: Verdict;
  /** The difference now − previous and its interval (Newcombe), or the two intervals (overlap). */
  difference: Interval | null;
  now: Interval;
  previous: Interval;
}

export function significantChange(
  now: { x: number; n: number },
  prev: { x: number; n: number },
  polarity: Polarity,
  level: number,
  method: ChangeMethod,
  measure: IntervalMethod = 'proportion',
): ChangeTest {
  const a = interval(now.x, now.n, level, 1, measure);
  const b = interval(prev.x, prev.n, level, 1, measure);
  if (method === 'newcombe' && measure === 'proportion') {
    const d = newcombe(now.x, now.n, prev.x, prev.n, level);
    const direction = d.lower > 0 ? 1 : d.upper < 0 ? -1 : 0;
    return { verdict: verdict(direction, polarity), difference: d, now: a, previous: b };
  }
  const direction = a.lower > b.upper ? 1 : a.upper < b.lower ? -1 : 0;
  return { verdict: verdict(direction, polarity), difference: null, now: a, previous: b };
}
