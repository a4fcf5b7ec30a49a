/**
 * Significance on the central data: CIC.COMPARE (an LA against England, its region or its statistical
 * neighbours, the Fingertips way) and CIC.SERIES (LAIT's LA view over the years, with each year's interval
 * and its comparison with England). The LA's interval comes from the counts the importer proved the
 * indicator is made of (release `counts`); without them there is no interval, and the cell says so.
 */
import { isBlank, key as keyArg, scalar } from '../excel/args';
import { CellError, naError, valueError } from '../excel/errors';
import { snAverage } from '../benchmark/sn-average';
import type { Catalog } from '../release/catalog';
import { DEFAULT_SN_MODEL } from '../release/catalog';
import type { Distribution } from '../release/distribution';
import type { CountPair, Indicator, La } from '../release/schema';
import { resolveYear } from '../release/years';
import { all, type BenchmarkSource } from '../source';
import { interval, type Interval } from '../statistics/intervals';
import { compareToBenchmark, type Verdict } from '../statistics/significance';
import { FINGERTIPS_TREND_LEVEL, TREND_POINTS } from '../statistics/trend';
import { indicatorValue, percentText } from './indicator-value';
import { laCounts } from './la-counts';
import { laTrend, type LaTrend } from './trend';
import { laArg } from './resolve';
import { PARAM } from './params';
import { levelArg } from './statistics';
import type { CellScalar, CicFunctionDef } from './types';

type Benchmark = 'England' | 'Region' | 'SN';
const BENCHMARKS: Record<string, Benchmark> = {
  england: 'England',
  national: 'England',
  region: 'Region',
  regional: 'Region',
  sn: 'SN',
  neighbours: 'SN',
  'statistical neighbours': 'SN',
};

function pairOf(catalog: Catalog, indicator: Indicator): CountPair {
  const pair = catalog.counts[indicator.key];
  if (!pair)
    throw naError(
      `${indicator.key}: the release has no counts for it (no published numerator and denominator reproduce it), so no interval; compare your own counts with CIC.COMPAREOF`,
    );
  return pair;
}

/** The LA's interval for a year from its counts, or null when a count is not published. */
export function laInterval(src: BenchmarkSource, catalog: Catalog, pair: CountPair, year: string, la: number, level: number): Interval | null {
  const c = laCounts(src, catalog, pair, year, la);
  return c && interval(c.x, c.n, level, pair.multiplier, pair.method);
}

/** An LA's region is written "Inner London" / "Yorkshire and The Humber", the region's own row "London (Inner)" / "Yorkshire and the Humber". */
const regionName = (s: string): string =>
  s
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^(inner|outer) london$/, 'london ($1)');

export function regionOf(catalog: Catalog, la: La): La | undefined {
  if (!la.region) return undefined;
  const want = regionName(la.region);
  return catalog.las.find((l) => l.kind === 'region' && regionName(l.name) === want);
}

/**
 * The region LAIT's LA view shows (its clean_ldn_region): an Inner or Outer London borough is compared with
 * London (Inner) / London (Outer), unless the indicator has no value for that sub-region in any year,
 * when London is used instead.
 */
export function laitRegion(src: BenchmarkSource, catalog: Catalog, indicator: Indicator, la: La): La | undefined {
  const region = regionOf(catalog, la);
  if (!region || !/^london \(/.test(regionName(region.name))) return region;
  const dists = all(indicator.years, (y) => src.distribution(indicator.key, y));
  if (dists.some((d) => (d.byLa.get(region.number) ?? null) !== null)) return region;
  return catalog.las.find((l) => l.kind === 'region' && regionName(l.name) === 'london') ?? region;
}

function benchmarkValue(catalog: Catalog, dist: Distribution, la: La, which: Benchmark, region?: La): number | null {
  if (which === 'England') return dist.england;
  if (which === 'Region') return region ? (dist.byLa.get(region.number) ?? null) : null;
  const group = catalog.neighboursOf(la, DEFAULT_SN_MODEL);
  const values = group.map((n) => dist.byLa.get(n) ?? null);
  return values.some((v) => v !== null) ? snAverage(values, 'mean').value : null;
}

export const COMPARE: CicFunctionDef = {
  id: 'COMPARE',
  description:
    "Whether a local authority is statistically better, similar or worse than England, its region or its statistical neighbours, the Fingertips way: Similar when the benchmark lies inside the LA's confidence interval",
  params: [
    PARAM.indicator,
    PARAM.la,
    PARAM.year,
    {
      name: 'benchmark',
      type: 'any',
      optional: true,
      description: '"England" (default: the published England value), "Region", "SN" (statistical-neighbour mean), or a value',
    },
    PARAM.level,
  ],
  result: { type: 'string', dimensionality: 'scalar' },
  data: 'release',
  run(src, [ind, laIn, yearIn, benchIn, levelIn]): Verdict {
    const catalog = src.catalog();
    const indicator = catalog.indicator(keyArg(ind, 'indicator'));
    const pair = pairOf(catalog, indicator);
    const year = resolveYear(indicator.years, isBlank(scalar(yearIn, 'year')) ? null : keyArg(yearIn, 'year'), indicator.key, indicator.yearType);
    const la = laArg(catalog, laIn);
    const level = levelArg(levelIn);
    const dist = src.distribution(indicator.key, year);
    const b = scalar(benchIn, 'benchmark');
    // A value ("22.3%" or 22.3) is on the indicator's published scale, as for BAND.
    const given = typeof b === 'number' || percentText(b) !== null;
    const which: Benchmark | null = given ? null : isBlank(b) ? 'England' : (BENCHMARKS[String(b).trim().toLowerCase()] ?? null);
    if (which === null && !given) throw valueError(`benchmark must be "England", "Region", "SN" or a value, not "${String(b)}"`);
    const region = which === 'Region' ? laitRegion(src, catalog, indicator, la) : undefined;
    const target = given ? indicatorValue(src, indicator, b, 'benchmark') : benchmarkValue(catalog, dist, la, which!, region);
    if (target === null) throw naError(`${indicator.key} ${year}: no ${which} value to compare with`);
    const ci = laInterval(src, catalog, pair, year, la.number, level);
    if (!ci && pair.years && !pair.years.includes(year))
      throw naError(
        `${indicator.key} ${year}: ${pair.numerator} / ${pair.denominator} does not reproduce the published value that year (the counts hold for ${pair.years.join(', ')}), so no interval`,
      );
    if (!ci) throw naError(`${la.name}: ${indicator.key} ${year} has no published counts (${pair.numerator} / ${pair.denominator}), so no interval`);
    return compareToBenchmark(ci, target, indicator.polarity);
  },
};

/** The LA's recent trend, or null where the test cannot be made (no counts that year, too few points). */
function trendOrNull(src: BenchmarkSource, catalog: Catalog, indicator: Indicator, la: La, years: string[]): LaTrend | null {
  try {
    return laTrend(src, catalog, indicator, la, years, FINGERTIPS_TREND_LEVEL);
  } catch (e) {
    if (e instanceof CellError) return null;
    throw e;
  }
}

export const SERIES_HEADERS = ['Year', 'LA', 'Region', 'SN average', 'England', 'Lower', 'Upper', 'Compared with England'] as const;

/** Which years: blank = every published year; a number k = the latest k; a label or a range of labels = those. */
function yearsOf(indicator: Indicator, x: unknown): string[] {
  if (isBlank(x) || (Array.isArray(x) && x.flat().every(isBlank))) return [...indicator.years];
  const v = Array.isArray(x) && x.flat().length === 1 ? x.flat()[0] : x;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 50 && !indicator.years.includes(String(v))) return indicator.years.slice(-v);
  const wanted = (Array.isArray(v) ? v.flat() : [v])
    .filter((y) => !isBlank(y))
    .map((y) => resolveYear(indicator.years, y as string | number, indicator.key, indicator.yearType));
  return indicator.years.filter((y) => wanted.includes(y));
}

/** Why SERIES's interval columns are blank throughout, in their headers. */
export const NO_COUNTS = 'no counts: the release has none for this indicator';
export const NO_COUNTS_SHOWN = 'no counts for the years shown';

/** A SERIES row's verdict: Better / Similar / Worse against England, or why there is none that year. */
function seriesVerdict(
  pair: CountPair,
  year: string,
  value: number | null,
  ci: Interval | null,
  england: number | null,
  polarity: Indicator['polarity'],
): string {
  if (ci) return england === null ? `no England value for ${year}` : compareToBenchmark(ci, england, polarity);
  if (value === null) return `not published for ${year}`;
  if (pair.years && !pair.years.includes(year)) return `no counts for ${year}: the published counts do not reproduce that year's value`;
  return `no counts for ${year}`;
}

export const SERIES: CicFunctionDef = {
  id: 'SERIES',
  description:
    "LAIT's LA view over the years: spills a header row, then per year the LA's value, its region, SN average and England, the LA's confidence interval and whether it is statistically better or worse than England; the LA header notes the latest five years' trend (CIC.TREND)",
  params: [
    PARAM.indicator,
    PARAM.la,
    { name: 'years', type: 'any', optional: true, description: 'Blank for every published year, a number for the latest few, or year labels' },
    { name: 'level', type: 'number', optional: true, description: 'Confidence level of the interval: 0.95 (default)' },
  ],
  result: { type: 'any', dimensionality: 'matrix' },
  data: 'release',
  run(src, [ind, laIn, yearsIn, levelIn]) {
    const catalog = src.catalog();
    const indicator = catalog.indicator(keyArg(ind, 'indicator'));
    const la = laArg(catalog, laIn);
    const level = levelArg(levelIn);
    const years = yearsOf(indicator, yearsIn);
    if (years.length === 0) throw naError(`${indicator.key}: none of those years is published`);
    const pair = catalog.counts[indicator.key] ?? null;
    const region = laitRegion(src, catalog, indicator, la);
    // Every year's values and counts asked for at once: one round trip, not one per year.
    all(years, (y) => src.distribution(indicator.key, y));
    if (pair) all(years, (y) => laCounts(src, catalog, pair, y, la.number));
    const blank = (v: number | null | undefined): CellScalar => (v === null || v === undefined ? '' : v);
    let intervals = 0;
    const rows = years.map((year): CellScalar[] => {
      const dist = src.distribution(indicator.key, year);
      const value = dist.byLa.get(la.number) ?? null;
      const england = dist.england;
      const ci = pair && value !== null ? laInterval(src, catalog, pair, year, la.number, level) : null;
      if (ci) intervals++;
      return [
        year,
        blank(value),
        blank(region ? dist.byLa.get(region.number) : null),
        blank(benchmarkValue(catalog, dist, la, 'SN')),
        blank(england),
        blank(ci?.lower),
        blank(ci?.upper),
        pair ? seriesVerdict(pair, year, value, ci, england, indicator.polarity) : '',
      ];
    });
    const pct = Math.round(level * 1000) / 10;
    // The shape is fixed, so the trend of the latest five shown years (CIC.TREND) is a note in the LA header,
    // and why an interval column is blank throughout is a note in its header (a blank row says why in its verdict cell).
    const trend = pair && years.length >= TREND_POINTS ? trendOrNull(src, catalog, indicator, la, years.slice(-TREND_POINTS)) : null;
    const laHeader = trend ? `LA (trend ${trend.years[0]}–${trend.years.at(-1)}: ${trend.word})` : SERIES_HEADERS[1];
    const none = intervals > 0 ? '' : pair ? ` (${NO_COUNTS_SHOWN})` : ` (${NO_COUNTS})`;
    return [
      [SERIES_HEADERS[0], laHeader, ...SERIES_HEADERS.slice(2, 5), `Lower ${pct}%${none}`, `Upper ${pct}%${none}`, `${SERIES_HEADERS[7]}${pair ? '' : none}`],
      ...rows,
    ];
  },
};
