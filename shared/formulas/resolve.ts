/**
 * Shared steps of the data functions: resolve the indicator, its year and distribution, and the
 * distribution's statistics, memoised per distribution object (immutable, so never stale).
 */
import { naError } from '../excel/errors';
import { choice, key, optKey } from '../excel/args';
import { bandPolarity } from '../benchmark/polarity';
import { boundaries, type Boundaries, type QuartileMethod } from '../benchmark/quartile';
import type { Catalog } from '../release/catalog';
import type { Distribution } from '../release/distribution';
import type { Indicator } from '../release/schema';
import { resolveYear, yearEnds } from '../release/years';
import type { BenchmarkSource } from '../source';

export interface Resolved {
  catalog: Catalog;
  indicator: Indicator;
  dist: Distribution;
}

/** The indicator's distribution in the year asked for (read as the indicator's year type reads it); `dist.indicator` is the indicator. */
export function distributionOf(src: BenchmarkSource, indicatorArg: unknown, yearArg: unknown): Distribution {
  const indicator = src.catalog().indicator(indicatorArg);
  return src.distribution(indicator.key, resolveYear(indicator.years, optKey(yearArg, 'year'), indicator.key, indicator.yearType));
}

/** The same, with the catalog and indicator beside it, for definitions that read more of them. */
export function resolveDistribution(src: BenchmarkSource, indicatorArg: unknown, yearArg: unknown): Resolved {
  const dist = distributionOf(src, indicatorArg, yearArg);
  return { catalog: src.catalog(), indicator: dist.indicator, dist };
}

const METHODS: Record<string, QuartileMethod> = {
  inc: 'inc',
  'quartile.inc': 'inc',
  lait: 'inc',
  exc: 'exc',
  'quartile.exc': 'exc',
  'equal-count': 'equal-count',
  equal: 'equal-count',
  count: 'equal-count',
};

export const parseMethod = (x: unknown): QuartileMethod => choice(x, 'method', METHODS, 'inc');

const memo = new WeakMap<Distribution, Map<QuartileMethod, Boundaries>>();

export function boundariesOf(dist: Distribution, method: QuartileMethod): Boundaries {
  let byMethod = memo.get(dist);
  if (!byMethod) memo.set(dist, (byMethod = new Map()));
  let b = byMethod.get(method);
  if (!b) {
    if (dist.sorted.length === 0) throw naError(`${dist.indicator.key} ${dist.year}: no local authority has a value`);
    b = boundaries(dist.sorted, method);
    byMethod.set(method, b);
  }
  return b;
}

/** LAIT shows no band for measures without polarity or flagged No_Quartile; nor do we (an explained #N/A). */
export function bandablePolarity(indicator: Indicator): 'High' | 'Low' {
  const polarity = bandPolarity(indicator);
  if (polarity) return polarity;
  if (indicator.noQuartile) throw naError(`${indicator.key}: LAIT publishes no quartile banding for this measure`);
  throw naError(`${indicator.key} has no polarity (neither high nor low is better), so it has no quartile band or rank`);
}

export function laValue(dist: Distribution, laNumber: number, laName: string, catalog?: Catalog): number {
  const v = dist.byLa.get(laNumber);
  if (v === undefined) throw naError(`${laName} is not in ${dist.indicator.key} for ${dist.year}`);
  if (v === null) {
    // A council that no longer exists (or did not yet) says so and names its successors (or predecessors).
    const note = catalog?.reorganisationNote(laNumber, yearEnds(dist.year));
    if (note) throw naError(`${note}; ${dist.indicator.key} ${dist.year} has no value for it`);
    throw naError(`${laName}: ${dist.indicator.key} ${dist.year} is not published (suppressed or missing)`);
  }
  return v;
}

export const laArg = (catalog: Catalog, x: unknown) => catalog.la(key(x, 'la'));
