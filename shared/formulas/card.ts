/**
 * CIC.CARD: everything the single functions say about one LA, indicator and year, as one Excel entity
 * value (a data-type card). Each property is the answer of the single function it is named for, computed
 * by calling that very definition, so the card can never disagree with the cells beside it.
 *
 * Every card has the same properties under the same names, whatever the LA, indicator or year, so
 * `=A2.Rank` fills down a column and sums: what varies (the region's name, the previous year) is a property
 * of its own, and a property with no answer (no polarity, no counts, no previous year) holds the reason as
 * text, never a made-up number and never a missing field (#FIELD!).
 */
import { CellError, naError } from '../excel/errors';
import { optKey } from '../excel/args';
import type { Indicator } from '../release/schema';
import { BAND, COUNT, NATIONAL, QUARTILE, RANK, SNAVG, VALUE } from './benchmark';
import { callWithin } from './invoke';
import { laCounts } from './la-counts';
import { laArg, resolveDistribution } from './resolve';
import type { CellOutcome, CicFunctionDef, EntityProperty, EntityValue } from './types';
import { CHANGE } from './workbook';
import { COMPARE, laInterval, laitRegion } from './compare';
import { PARAM } from './params';
import { SIGCHANGE } from './statistics';
import { all } from '../source';
import { TREND, trendYears } from './trend';

/** Excel number format for an indicator's values: LAIT publishes percentages as points (7.7 = 7.7%). */
export function numberFormatOf(indicator: Pick<Indicator, 'unit' | 'dps'>): string {
  const dps = indicator.dps ?? 1;
  const decimals = dps > 0 ? `.${'0'.repeat(dps)}` : '';
  if (indicator.unit.trim().startsWith('%')) return `0${decimals}"%"`;
  if (/spend|cost|£/i.test(indicator.unit)) return `"£"#,##0${decimals}`;
  return `#,##0${decimals}`;
}

/** How the card's Change was judged (its "Change basis"): the same words for every card, to filter and count. */
export const CHANGE_BASIS = {
  significance: 'significance (Newcombe, 95%)',
  tolerance: '1% tolerance, no counts',
  none: 'none: no previous value',
} as const;

/** Every card's properties, in this order: the contract a column of `=A2.<name>` formulas relies on. */
export const CARD_PROPERTIES = [
  'Local authority',
  'Indicator',
  'Key',
  'Year',
  'Value',
  'Band',
  'Quartile',
  'Rank',
  'Rank of',
  'England',
  'Region',
  'Region name',
  'SN average',
  'Previous year',
  'Previous year label',
  'Change',
  'Change basis',
  'Trend',
  'Trend years',
  'Lower 95%',
  'Upper 95%',
  'Compared with England',
  'Polarity',
  'Release',
] as const;
type CardProperty = (typeof CARD_PROPERTIES)[number];

const text = (s: string): EntityProperty => ({ type: 'String', basicValue: s });
/** Why there is no answer: the single function's own message, or the reason given. */
const why = (v: CellOutcome, reason: string): EntityProperty => text(v instanceof CellError && v.message ? v.message : reason);
const number = (v: CellOutcome, reason: string, format?: string): EntityProperty =>
  typeof v === 'number' ? { type: 'Double', basicValue: v, ...(format ? { numberFormat: format } : {}) } : why(v, reason);
const string = (v: CellOutcome, reason: string): EntityProperty => (typeof v === 'string' ? text(v) : why(v, reason));

const NOT_PUBLISHED = 'not published';

export const CARD: CicFunctionDef = {
  id: 'CARD',
  description:
    "A card (Excel data type) for a local authority's indicator: value, band, quartile, rank, England, region, SN average, change, significance and trend",
  params: [PARAM.indicator, PARAM.la, PARAM.year],
  result: { type: 'any', dimensionality: 'scalar' },
  data: 'release',
  run(src, [ind, laIn, yearIn]): EntityValue {
    const { catalog, indicator, dist } = resolveDistribution(src, ind, optKey(yearIn, 'year'));
    const la = laArg(catalog, laIn);
    const year = dist.year;
    const call = (def: CicFunctionDef, args: unknown[]): CellOutcome => callWithin(def, src, args);

    const value = call(VALUE, [indicator.key, la.number, year]);
    if (typeof value !== 'number') throw value instanceof Error ? value : naError(`${la.name}: ${indicator.key} ${year} is not published`);
    const years = indicator.years;
    const previousYear = years[years.indexOf(year) - 1] ?? null;
    const region = laitRegion(src, catalog, indicator, la);
    const pair = catalog.counts[indicator.key] ?? null;
    const none = (): CellOutcome => naError('not applicable');
    const counts = (y: string | null) => () => (pair && y ? laCounts(src, catalog, pair, y, la.number) : null);
    // Every property's data asked for at once (one round trip), then each computed by its own function.
    type Counts = { x: number; n: number } | null;
    const [band, quartile, rank, n, england, regional, sn, previous, compare, trend, now, prev] = all(
      [
        () => call(BAND, [indicator.key, value, year]),
        () => call(QUARTILE, [indicator.key, value, year]),
        () => call(RANK, [indicator.key, value, year]),
        () => call(COUNT, [indicator.key, year]),
        () => call(NATIONAL, [indicator.key, year]),
        region ? () => call(VALUE, [indicator.key, region.number, year]) : none,
        () => call(SNAVG, [indicator.key, la.number, year]),
        previousYear ? () => call(VALUE, [indicator.key, la.number, previousYear]) : none,
        () => call(COMPARE, [indicator.key, la.number, year]),
        () => call(TREND, [indicator.key, la.number, year]),
        counts(year),
        counts(previousYear),
      ] as (() => unknown)[],
      (f) => f(),
    ) as [CellOutcome, CellOutcome, CellOutcome, CellOutcome, CellOutcome, CellOutcome, CellOutcome, CellOutcome, CellOutcome, CellOutcome, Counts, Counts];
    const trendSpan = trendYears(indicator, year);
    const format = numberFormatOf(indicator);
    // The change is tested for significance on both years' counts where the release has them (as CIC.SIGCHANGE
    // and the dashboard do), else judged by CIC.CHANGE's 1% tolerance; "Change basis" says which.
    let change: CellOutcome = naError(previousYear ? `${la.name}: ${indicator.key} ${previousYear} is not published` : `no year before ${year} is published`);
    let basis: string = CHANGE_BASIS.none;
    if (typeof previous === 'number') {
      const tested = now && prev ? call(SIGCHANGE, [now.x, now.n, prev.x, prev.n, indicator.key]) : null;
      if (typeof tested === 'string') [change, basis] = [tested, CHANGE_BASIS.significance];
      else [change, basis] = [call(CHANGE, [value, previous, indicator.key]), CHANGE_BASIS.tolerance];
    }
    // The same interval CIC.COMPARE and CIC.SERIES use (95%), from the counts where the release has them.
    const interval = pair ? laInterval(src, catalog, pair, year, la.number, 0.95) : null;
    const noInterval = pair ? `no counts for ${year}` : 'no counts: the release has none for this indicator';

    const properties: Record<CardProperty, EntityProperty> = {
      'Local authority': text(la.name),
      Indicator: text(indicator.name || indicator.key),
      Key: text(indicator.key),
      Year: text(year),
      Value: number(value, NOT_PUBLISHED, format),
      Band: string(band, 'no band'),
      Quartile: number(quartile, 'no quartile'),
      Rank: number(rank, 'no rank'),
      'Rank of': number(n, 'no rank'),
      England: number(england, NOT_PUBLISHED, format),
      Region: region ? number(regional, NOT_PUBLISHED, format) : text('no region'),
      'Region name': text(region?.name ?? 'none'),
      'SN average': number(sn, NOT_PUBLISHED, format),
      'Previous year': previousYear ? number(previous, NOT_PUBLISHED, format) : text(`no year before ${year}`),
      'Previous year label': text(previousYear ?? 'none'),
      Change: string(change, 'no change'),
      'Change basis': text(basis),
      Trend: string(trend, 'no trend test'),
      'Trend years': text(typeof trend === 'string' ? `${trendSpan[0]}–${trendSpan.at(-1)}` : 'none'),
      'Lower 95%': interval ? number(interval.lower, noInterval, format) : text(noInterval),
      'Upper 95%': interval ? number(interval.upper, noInterval, format) : text(noInterval),
      'Compared with England': string(compare, 'no comparison'),
      Polarity: text(indicator.polarity ?? 'None'),
      Release: text(dist.release),
    };
    return {
      type: 'Entity',
      text: `${la.name}: ${indicator.key} ${year}`,
      properties,
      layouts: {
        card: {
          title: { property: 'Local authority' },
          sections: [
            { layout: 'List', properties: ['Indicator', 'Year', 'Value', 'Band', 'Quartile', 'Rank', 'Rank of'] },
            {
              layout: 'List',
              title: 'Compared with',
              properties: ['England', 'Region', 'Region name', 'SN average', 'Compared with England', 'Lower 95%', 'Upper 95%'],
            },
            { layout: 'List', title: 'Over time', properties: ['Previous year', 'Previous year label', 'Change', 'Change basis', 'Trend', 'Trend years'] },
            { layout: 'List', title: 'About', properties: ['Key', 'Polarity', 'Release'] },
          ] satisfies { layout: 'List'; title?: string; properties: CardProperty[] }[],
        },
      },
      fallback: value,
    };
  },
};
