/**
 * The decimal places an indicator's values are published to: the dictionary's dps where DfE states it
 * (195 of 455 indicators), else the most its published values show, at most 4 (the importer's rule for
 * proving counts, shared/importers/counts.ts). What `cic` rounds an indicator's values to for display.
 */
import type { Indicator } from './schema';

const MAX_PLACES = 4;

/**
 * The places a published number has: the fewest (up to 4) that write it. Not its shortest text: a value is
 * the double its text denotes, and 22.700000000000003 as LAIT's R wrote it has one place, not fifteen.
 */
export function placesOf(v: number): number {
  for (let d = 0; d < MAX_PLACES; d++) if (Math.abs(Math.round(v * 10 ** d) / 10 ** d - v) <= 1e-9 * Math.max(1, Math.abs(v))) return d;
  return MAX_PLACES;
}

/** The dictionary's dps, else the most places any of `values` (the indicator's published values) shows. */
export function publishedDecimals(indicator: Pick<Indicator, 'dps'>, values: Iterable<number | null>): number {
  if (indicator.dps !== null) return indicator.dps;
  let d = 0;
  for (const v of values) if (v !== null && d < MAX_PLACES) d = Math.max(d, placesOf(v));
  return d;
}
