import { valueError } from '../excel/errors';

type Polar = 'High' | 'Low';

function check(value: number, polarity: unknown): void {
  if (!Number.isFinite(value)) throw valueError(`Value must be a finite number, not ${value}`);
  if (polarity !== 'High' && polarity !== 'Low') throw valueError('Ranking needs polarity "High" or "Low"');
}

/**
 * Rank, 1 = best: 1 + how many values are strictly better. Ties share the lowest rank (1, 2, 2, 4),
 * as R's rank(ties.method = "min") on values (Low) or −values (High), which LAIT uses.
 * `value` need not be in `values` (a hypothetical); non-finite entries of `values` are ignored.
 */
export function rankOf(value: number, values: readonly number[], polarity: Polar): number {
  check(value, polarity);
  let better = 0;
  for (const v of values) if (polarity === 'Low' ? v < value : v > value) better++;
  return better + 1;
}

/** First index whose element is > x (strict) or ≥ x, in an ascending array. */
function bound(xs: readonly number[], x: number, strict: boolean): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const m = xs[mid] as number;
    if (strict ? m <= x : m < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `rankOf` by binary search over ascending finite values (see `sortedNumeric`). */
export function rankSorted(value: number, sortedAsc: readonly number[], polarity: Polar): number {
  check(value, polarity);
  const better = polarity === 'Low' ? bound(sortedAsc, value, false) : sortedAsc.length - bound(sortedAsc, value, true);
  return better + 1;
}

/** Rank every entry among the non-null ones; nulls (and non-finite numbers) stay unranked (null). */
export function ranks(values: readonly (number | null)[], polarity: Polar): (number | null)[] {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const sorted = Array.from(Float64Array.from(present).sort());
  return values.map((v) => (v !== null && Number.isFinite(v) ? rankSorted(v, sorted, polarity) : null));
}
