/** The ONS child population as a measure, and the proof that pairs a rate per 10,000 with its count. */
import { describe, expect, it } from 'vitest';
import type { Indicator, La } from '../../../../shared/release/schema';
import { parsePopulation, populationMeasure, POPULATION_KEY, proveRatePairs } from '../../../../shared/importers/population';
import { testIndicator } from '../../../fixtures/indicator';

const la = (number: number, kind: La['kind'], ons: string | null): La => ({ number, ons, name: `G${number}`, region: null, kind, current: true });
const LAS = [la(855, 'la', 'E10000018'), la(856, 'la', 'E06000016'), la(970, 'england', 'E92000001'), la(984, 'region', 'E12000004')];
const HEAD =
  'time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,age_group,population_estimate\n';
const row = (y: number, level: string, region: string, old: string, age: string, pop: string) =>
  `${y},Reporting year,${level},E92000001,England,${region},,${old},,,${age},${pop}\n`;
const CSV =
  HEAD +
  row(2024, 'National', '', '', 'Children aged 0 to 17 years', '12183016') +
  row(2024, 'Regional', 'E12000004', '', 'Children aged 0 to 17 years', '1032130') +
  row(2024, 'Local authority', 'E12000004', '855', 'Children aged 0 to 17 years', '147439') +
  row(2024, 'Local authority', 'E12000004', '855', 'All ages', '999999') +
  row(2024, 'Local authority', 'E12000004', '856', 'Children aged 0 to 17 years', 'x') +
  row(2023, 'Local authority', 'E12000004', '855', 'Children aged 0 to 17 years', '146000') +
  row(2023, 'Local authority', 'E12000004', '940 / 941', 'Children aged 0 to 17 years', '5');

const ind = (key: string, unit: string, years: string[]): Indicator => testIndicator(key, years, { unit, dps: null });

describe('parsePopulation / populationMeasure', () => {
  it('reads children aged 0 to 17 for LAs, England and regions; suppressed is missing, never 0', () => {
    const pop = parsePopulation('p.csv', CSV, LAS);
    expect([...pop.keys()].sort()).toEqual([2023, 2024]);
    expect(Object.fromEntries(pop.get(2024)!)).toEqual({ 855: 147439, 970: 12183016, 984: 1032130 });
    const m = populationMeasure(pop, LAS);
    // Labelled by the year whose rates it divides: mid-2024 → "2025".
    expect(m.indicator.key).toBe(POPULATION_KEY);
    expect(m.indicator.years).toEqual(['2024', '2025']);
    expect(m.values['2025']).toEqual([147439, null, 12183016, 1032130]);
    expect(m.indicator.polarity).toBeNull();
    expect(m.indicator.noQuartile).toBe(true);
  });

  it('a population that is not a number names the line', () => {
    expect(() => parsePopulation('p.csv', HEAD + row(2024, 'Local authority', '', '855', 'Children aged 0 to 17 years', 'lots'), LAS)).toThrow(
      /p\.csv:2: .*"lots"/,
    );
  });
});

describe('proveRatePairs', () => {
  // 120 LAs × 2 years: the count reproduces the rate in 2025 for all; in 2024 the rate is something else.
  const many = Array.from({ length: 120 }, (_, i) => la(100 + i, 'la', null));
  const popCol = many.map((_, i) => 10000 + 100 * i);
  const count25 = many.map((_, i) => 20 + i);
  const count24 = many.map((_, i) => 30 + i);
  const values = {
    [POPULATION_KEY]: { '2024': popCol, '2025': popCol },
    RateX: { '2024': count24.map((x, i) => Math.round((x / popCol[i]!) * 10000) + 7), '2025': count25.map((x, i) => Math.round((x / popCol[i]!) * 10000)) },
    NumX: { '2024': count24, '2025': count25 },
    Other: { '2024': count24.map((x) => x * 3), '2025': count25.map((x) => x * 3) },
  };
  const indicators = [ind('RateX', 'Rate per 10,000', ['2024', '2025']), ind('NumX', 'Number', ['2024', '2025']), ind('Other', 'Number', ['2024', '2025'])];

  it('pairs the count that reproduces the rate, only in the years it does', () => {
    const [p, ...rest] = proveRatePairs(indicators, values, many);
    expect(rest).toEqual([]);
    expect(p).toMatchObject({
      indicator: 'RateX',
      numerator: 'NumX',
      denominator: POPULATION_KEY,
      multiplier: 10000,
      method: 'rate',
      agreement: 1,
      checked: 120,
      years: ['2025'],
    });
  });

  it('allows for a count rounded to the nearest 10 but not for a wrong count', () => {
    const rounded = { ...values, NumX: { '2024': count24, '2025': count25.map((x) => Math.round(x / 10) * 10) } };
    expect(proveRatePairs(indicators, rounded, many)[0]?.agreement).toBe(1);
    const wrong = { ...values, NumX: { '2024': count24, '2025': count25.map((x) => x * 2) } };
    expect(proveRatePairs(indicators, wrong, many)).toEqual([]);
  });

  it('without the population no rate is paired', () => {
    const { [POPULATION_KEY]: _, ...rest } = values;
    expect(proveRatePairs(indicators, rest, many)).toEqual([]);
  });
});
