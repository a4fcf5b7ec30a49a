/**
 * CIC.CARD: everything the single functions say about one LA, indicator and year, as one Excel entity
 * value (a data-type card). Each property is the answer of the single function it is named for, computed
 * by calling that very definition, so the card can never disagree with the cells beside it. A property
 * whose function has no answer (no polarity, no counts, no previous year) is left out, not faked.
 */
import { naError } from '../excel/errors';
import { optKey } from '../excel/args';
import type { Indicator } from '../release/schema';
import { BAND, COUNT, NATIONAL, QUARTILE, RANK, SNAVG, VALUE } from './benchmark';
import { callWithin } from './invoke';
import { laArg, resolveDistribution } from './resolve';
import type { CellOutcome, CicFunctionDef, EntityProperty, EntityValue } from './types';
import { CHANGE } from './workbook';
import { COMPARE, laInterval, laitRegion } from './compare';
import { PARAM } from './params';
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

const number = (v: CellOutcome, format?: string): EntityProperty | null =>
  typeof v === 'number' ? { type: 'Double', basicValue: v, ...(format ? { numberFormat: format } : {}) } : null;
const string = (v: CellOutcome): EntityProperty | null => (typeof v === 'string' ? { type: 'String', basicValue: v } : null);

type Ten = [CellOutcome, CellOutcome, CellOutcome, CellOutcome, CellOutcome, CellOutcome, CellOutcome, CellOutcome, CellOutcome, CellOutcome];

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
    // Every property's data asked for at once (one round trip), then each computed by its own function.
    const [band, quartile, rank, n, england, regional, sn, previous, compare, trend] = all(
      [
        [BAND, [indicator.key, value, year]],
        [QUARTILE, [indicator.key, value, year]],
        [RANK, [indicator.key, value, year]],
        [COUNT, [indicator.key, year]],
        [NATIONAL, [indicator.key, year]],
        region ? [VALUE, [indicator.key, region.number, year]] : null,
        [SNAVG, [indicator.key, la.number, year]],
        previousYear ? [VALUE, [indicator.key, la.number, previousYear]] : null,
        [COMPARE, [indicator.key, la.number, year]],
        [TREND, [indicator.key, la.number, year]],
      ] as ([CicFunctionDef, unknown[]] | null)[],
      (c): CellOutcome => (c ? call(c[0], c[1]) : naError('not applicable')),
    ) as CellOutcome[] as Ten;
    const trendSpan = trendYears(indicator, year);
    const change = typeof previous === 'number' ? call(CHANGE, [value, previous, indicator.key]) : null;
    const format = numberFormatOf(indicator);
    const pair = catalog.counts[indicator.key];
    // The same interval CIC.COMPARE and CIC.SERIES use (95%), from the counts where the release has them.
    const interval = pair ? laInterval(src, catalog, pair, year, la.number, 0.95) : null;

    const entries: [string, EntityProperty | null][] = [
      ['Local authority', string(la.name)],
      ['Indicator', string(indicator.name || indicator.key)],
      ['Key', string(indicator.key)],
      ['Year', string(year)],
      ['Value', number(value, format)],
      ['Band', string(band)],
      ['Quartile', number(quartile)],
      ['Rank', typeof rank === 'number' && typeof n === 'number' ? string(`${rank} of ${n}`) : null],
      ['England', number(england, format)],
      [`Region (${region?.name ?? 'none'})`, number(regional, format)],
      ['SN average', number(sn, format)],
      [`Previous year (${previousYear ?? 'none'})`, number(previous, format)],
      ['Change', change === null ? null : string(change)],
      ['Trend', string(trend)],
      ['Trend years', typeof trend === 'string' ? string(`${trendSpan[0]}–${trendSpan.at(-1)}`) : null],
      ['Lower 95%', interval ? number(interval.lower, format) : null],
      ['Upper 95%', interval ? number(interval.upper, format) : null],
      ['Compared with England', string(compare)],
      ['Polarity', string(indicator.polarity ?? 'None')],
      ['Release', string(dist.release)],
    ];
    const properties = Object.fromEntries(entries.filter((e): e is [string, EntityProperty] => e[1] !== null));
    const shown = (names: string[]): string[] => names.filter((k) => k in properties);
    return {
      type: 'Entity',
      text: `${la.name}: ${indicator.key} ${year}`,
      properties,
      layouts: {
        card: {
          title: { property: 'Local authority' },
          sections: [
            { layout: 'List', properties: shown(['Indicator', 'Year', 'Value', 'Band', 'Quartile', 'Rank']) },
            {
              layout: 'List',
              title: 'Compared with',
              properties: shown(Object.keys(properties).filter((k) => /^(England|Region|SN average|Compared with England|Lower|Upper)/.test(k))),
            },
            { layout: 'List', title: 'Over time', properties: shown(Object.keys(properties).filter((k) => /^(Previous year|Change|Trend)/.test(k))) },
            { layout: 'List', title: 'About', properties: shown(['Key', 'Polarity', 'Release']) },
          ].filter((s) => s.properties.length > 0) as { layout: 'List'; title?: string; properties: string[] }[],
        },
      },
      fallback: value,
    };
  },
};
