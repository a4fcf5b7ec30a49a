/**
 * CIC.TREND: whether a local authority's recent trend is real, by Fingertips' recent-trend test
 * (shared/statistics/trend.ts) on the counts the importer proved the indicator is made of (release
 * `counts`): by default the latest five published years. SERIES notes it in its header and CARD carries it.
 */
import { isBlank, key as keyArg, scalar } from '../excel/args';
import { naError } from '../excel/errors';
import type { Polarity } from '../benchmark/polarity';
import type { Catalog } from '../release/catalog';
import type { Indicator, La } from '../release/schema';
import { resolveYear } from '../release/years';
import { all, type BenchmarkSource } from '../source';
import { interval, StatisticsInputError } from '../statistics/intervals';
import { FINGERTIPS_TREND_LEVEL, proportionTrend, TREND_POINTS, valueTrend, type TrendTest } from '../statistics/trend';
import { laCounts } from './la-counts';
import { PARAM } from './params';
import { laArg } from './resolve';
import { levelArg } from './statistics';
import type { CicFunctionDef } from './types';

export type TrendWord = 'Increasing' | 'Decreasing' | 'Better' | 'Worse' | 'No significant change';

/** Fingertips' words: Increasing / Decreasing, or Better / Worse when a high or a low value is good. */
export function trendWord(direction: -1 | 0 | 1, polarity: Polarity): TrendWord {
  if (direction === 0) return 'No significant change';
  if (polarity === 'High') return direction > 0 ? 'Better' : 'Worse';
  if (polarity === 'Low') return direction > 0 ? 'Worse' : 'Better';
  return direction > 0 ? 'Increasing' : 'Decreasing';
}

/** Blank: the latest five published years; one year: the five published up to it; a number k that is no year label: the latest k; labels: those. */
export function trendYears(indicator: Indicator, x: unknown): string[] {
  const published = indicator.years;
  const given = (Array.isArray(x) ? x.flat() : [x]).filter((y) => !isBlank(y));
  if (given.length === 0) return published.slice(-TREND_POINTS);
  const resolve = (y: unknown) => resolveYear(published, y, indicator.key, indicator.yearType);
  if (given.length === 1) {
    const v = given[0];
    if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 50 && !published.includes(String(v))) return published.slice(-v);
    return published.slice(0, published.indexOf(resolve(v)) + 1).slice(-TREND_POINTS);
  }
  const wanted = new Set(given.map(resolve));
  return published.filter((y) => wanted.has(y));
}

export interface LaTrend {
  word: TrendWord;
  years: string[];
  test: TrendTest;
}

/** A year label's time for the test: its first four-digit year, so a gap in publication is a gap in time. */
const timeOf = (label: string): number => Number(/\d{4}/.exec(label)?.[0] ?? NaN);

/** The LA's trend over `years`: #N/A with the reason when the release has no counts for it or the test cannot be made. */
export function laTrend(src: BenchmarkSource, catalog: Catalog, indicator: Indicator, la: La, years: string[], level: number): LaTrend {
  const pair = catalog.counts[indicator.key];
  if (!pair) throw naError(`${indicator.key}: the release has no counts for it (no published numerator and denominator reproduce it), so no trend test`);
  if (years.length < TREND_POINTS) {
    throw naError(
      `${indicator.key}: a trend needs at least ${TREND_POINTS} years (Fingertips' recent trend is the latest ${TREND_POINTS}), not ${years.length}${years.length ? ` (${years.join(', ')})` : ''}`,
    );
  }
  const counts = all(years, (y) => laCounts(src, catalog, pair, y, la.number));
  const missing = years.filter((_, i) => counts[i] === null);
  if (missing.length > 0) {
    const held = pair.years ? ` (the counts hold for ${pair.years.join(', ')})` : '';
    throw naError(`${la.name}: ${indicator.key} has no counts (${pair.numerator} / ${pair.denominator}) for ${missing.join(', ')}${held}, so no trend test`);
  }
  const points = counts.map((c, i) => ({ t: timeOf(years[i]!), ...c! }));
  let test: TrendTest;
  try {
    test =
      pair.method === 'proportion'
        ? proportionTrend(points, level)
        : valueTrend(
            points.map((p) => ({ t: p.t, ...interval(p.x, p.n, 0.95, pair.multiplier, 'rate') })),
            level,
          );
  } catch (e) {
    // The counts are the release's, not the user's: a series the test cannot take is "not available".
    if (e instanceof StatisticsInputError) throw naError(`${la.name}: ${indicator.key} ${years[0]}–${years.at(-1)}: ${e.message}`);
    throw e;
  }
  return { word: trendWord(test.direction, indicator.polarity), years, test };
}

export const TREND: CicFunctionDef = {
  id: 'TREND',
  description:
    "Whether a local authority's recent trend is statistically real, by Fingertips' recent-trend test on the published counts (chi-square test for trend, 99.8%, latest five years): Increasing / Decreasing / No significant change, Better / Worse under a polarity",
  params: [
    PARAM.indicator,
    PARAM.la,
    {
      name: 'years',
      type: 'any',
      optional: true,
      description: 'Blank for the latest five published years, a year for the five up to it, or five or more year labels',
    },
    { name: 'level', type: 'number', optional: true, description: "Significance level of the test: 0.998 (default, Fingertips') or e.g. 0.95" },
  ],
  result: { type: 'string', dimensionality: 'scalar' },
  data: 'release',
  run(src, [ind, laIn, yearsIn, levelIn]): TrendWord {
    const catalog = src.catalog();
    const indicator = catalog.indicator(keyArg(ind, 'indicator'));
    const la = laArg(catalog, laIn);
    const level = isBlank(scalar(levelIn, 'level')) ? FINGERTIPS_TREND_LEVEL : levelArg(levelIn);
    return laTrend(src, catalog, indicator, la, trendYears(indicator, yearsIn), level).word;
  },
};
