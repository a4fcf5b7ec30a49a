/**
 * An LA's published counts for the pair the importer proved an indicator is made of (release `counts`):
 * what its confidence interval (COMPARE, SERIES, CARD) and its trend test (TREND) are built from.
 */
import type { Catalog } from '../release/catalog';
import type { CountPair } from '../release/schema';
import { all, type BenchmarkSource } from '../source';

/** The value of a measure for one geography in one year label, or null when not published. */
function valueIn(src: BenchmarkSource, catalog: Catalog, key: string, year: string, la: number): number | null {
  const ind = catalog.indicator(key);
  if (!ind.years.includes(year)) return null;
  return src.distribution(ind.key, year).byLa.get(la) ?? null;
}

/** x of n for the LA in a year, or null when a count is not published or the pair does not hold that year. */
export function laCounts(src: BenchmarkSource, catalog: Catalog, pair: CountPair, year: string, la: number): { x: number; n: number } | null {
  if (pair.years && !pair.years.includes(year)) return null; // the counts do not reproduce that year's value
  const [x, n] = all([pair.numerator, pair.denominator], (k) => valueIn(src, catalog, k, year, la)) as [number | null, number | null];
  if (x === null || n === null || !(n > 0) || x < 0 || (pair.method === 'proportion' && x > n)) return null;
  return { x, n };
}
