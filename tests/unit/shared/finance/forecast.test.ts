import { describe, expect, it } from 'vitest';
import { forecast, ForecastInputSchema, forecastTable, scenarioMinusBase, stepDownSavings, type ForecastInput } from '../../../../shared/finance/forecast';

const VALUE = expect.objectContaining({ code: '#VALUE!' });
const base: ForecastInput = {
  types: [
    { name: 'Residential', children: 10, weeklyCost: 4100 },
    { name: 'IFA', children: 20, weeklyCost: 800 },
  ],
  startYear: '2020/21',
  years: 3,
};

describe('forecast', () => {
  it('is flat without growth or inflation, at weekly × 52', () => {
    const r = forecast(base);
    expect(r.years).toEqual(['2020/21', '2021/22', '2022/23']);
    expect(r.totals.map((t) => t.annualCost)).toEqual([2_964_000, 2_964_000, 2_964_000]);
    expect(r.rows[0]).toEqual({ fy: '2020/21', type: 'Residential', children: 10, weeklyCost: 4100, annualCost: 2_132_000 });
  });

  it('compounds growth and inflation, overall or per type', () => {
    const r = forecast({ ...base, growth: 0.1, inflation: { IFA: 0.02 } });
    const ifa = r.rows.filter((x) => x.type === 'IFA');
    expect(ifa.map((x) => x.children)).toEqual([20, 22, expect.closeTo(24.2, 9)]);
    expect(ifa.map((x) => x.weeklyCost)).toEqual([800, 816, expect.closeTo(832.32, 9)]);
    expect(r.rows.filter((x) => x.type === 'Residential').map((x) => x.weeklyCost)).toEqual([4100, 4100, 4100]);
  });

  it('prices by days / 7 on the days basis (2019/20 has 366 days)', () => {
    const r = forecast({ ...base, startYear: 2019, years: 2, basis: 'days' });
    expect(r.rows[1]!.annualCost).toBeCloseTo((20 * 800 * 366) / 7, 6);
    expect(r.rows[3]!.annualCost).toBeCloseTo((20 * 800 * 365) / 7, 6);
    expect(forecast({ ...base, weeksPerYear: 52.14 }).rows[1]!.annualCost).toBeCloseTo(20 * 800 * 52.14, 6);
  });

  it('applies a step-down pro-rata in its first FY and in full after', () => {
    const r = forecast({ ...base, stepDowns: [{ from: 'Residential', to: 'IFA', count: 4, start: '2020-10-01' }] });
    const res = r.rows.filter((x) => x.type === 'Residential').map((x) => x.children);
    expect(res[0]).toBeCloseTo(10 - (4 * 182) / 365, 12);
    expect(res.slice(1)).toEqual([6, 6]);
    expect(r.totals.every((t) => Math.abs(t.children - 30) < 1e-12)).toBe(true);
  });

  it('moves a percent of the from-type after growth; an FY label means its 1 April; a serial is a date', () => {
    const pct = forecast({ ...base, growth: 0.5, stepDowns: [{ from: 'Residential', to: 'IFA', percent: 0.2, start: '2021/22' }] });
    expect(pct.rows.filter((x) => x.type === 'Residential').map((x) => x.children)).toEqual([10, 12, 18]);
    const serial = forecast({ ...base, stepDowns: [{ from: 'Residential', to: 'IFA', count: 1, start: 44287 }] }); // 2021-04-01
    expect(serial.rows.map((x) => x.children)).toEqual([10, 20, 9, 21, 9, 21]);
  });

  it('applies a step-down that started before the forecast in full from year 0', () => {
    const r = forecast({ ...base, stepDowns: [{ from: 'Residential', to: 'IFA', count: 2, start: '2015-06-01' }] });
    expect(r.rows[0]!.children).toBe(8);
  });

  it('refuses to move more children than there are', () => {
    expect(() => forecast({ ...base, stepDowns: [{ from: 'Residential', to: 'IFA', count: 11, start: '2022-03-31' }] })).toThrow(
      expect.objectContaining({ code: '#VALUE!', message: expect.stringMatching(/moves 11 children from "Residential" but only 10/) }),
    );
  });

  it.each([
    ['an unknown step-down type', { stepDowns: [{ from: 'Residential', to: 'Kinship', count: 1, start: '2020-04-01' }] }],
    ['both count and percent', { stepDowns: [{ from: 'Residential', to: 'IFA', count: 1, percent: 0.1, start: '2020-04-01' }] }],
    ['a bad start date', { stepDowns: [{ from: 'Residential', to: 'IFA', count: 1, start: 'soon' }] }],
    ['an unknown growth type', { growth: { Kinship: 0.1 } }],
    ['growth of -100%', { growth: -1 }],
    ['0 years', { years: 0 }],
    ['51 years', { years: 51 }],
    ['a bad start year', { startYear: '2020/22' }],
    ['duplicate types', { types: [base.types[0]!, base.types[0]!] }],
    ['no types', { types: [] }],
    ['negative children', { types: [{ name: 'IFA', children: -1, weeklyCost: 800 }] }],
    ['weeksPerYear with the days basis', { basis: 'days', weeksPerYear: 52 }],
  ])('rejects %s', (_, patch) => {
    expect(() => forecast({ ...base, ...patch } as ForecastInput)).toThrow(VALUE);
  });

  it('exposes the schema for callers that validate first', () => {
    expect(ForecastInputSchema.safeParse(base).success).toBe(true);
    expect(ForecastInputSchema.safeParse({ ...base, years: 2.5 }).success).toBe(false);
  });
});

describe('tables and scenarios', () => {
  const r = forecast({ ...base, years: 2, growth: 0.1 });

  it('spills cost and children as FY × type with a Total column', () => {
    expect(forecastTable(r)).toEqual([
      ['Financial year', 'Residential', 'IFA', 'Total'],
      ['2020/21', 2_132_000, 832_000, 2_964_000],
      ['2021/22', expect.closeTo(2_345_200, 6), expect.closeTo(915_200, 6), expect.closeTo(3_260_400, 6)],
    ]);
    expect(forecastTable(r, 'children')[2]).toEqual(['2021/22', 11, 22, 33]);
  });

  it('spills the long table', () => {
    const t = forecastTable(r, 'long');
    expect(t[0]).toEqual(['Financial year', 'Type', 'Children', 'Weekly cost', 'Annual cost']);
    expect(t).toHaveLength(5);
    expect(t[4]).toEqual(['2021/22', 'IFA', 22, 800, expect.closeTo(915_200, 6)]);
  });

  it('subtracts base from scenario, a type missing on one side counting as 0', () => {
    const scenario = forecast({
      ...base,
      years: 2,
      types: [
        { name: 'IFA', children: 25, weeklyCost: 800 },
        { name: 'SGO', children: 5, weeklyCost: 180 },
      ],
    });
    const d = scenarioMinusBase(forecast({ ...base, years: 2 }), scenario);
    expect(d.types).toEqual(['Residential', 'IFA', 'SGO']);
    expect(d.rows.slice(0, 3).map((x) => x.annualCost)).toEqual([-2_132_000, 208_000, 46_800]);
    expect(d.totals[0]).toEqual({ fy: '2020/21', children: 0, annualCost: -2_132_000 + 208_000 + 46_800 });
  });

  it('refuses scenarios over different years', () => {
    expect(() => scenarioMinusBase(r, forecast({ ...base, years: 3 }))).toThrow(VALUE);
  });

  it('gives a step-down saving as base − scenario', () => {
    const s = stepDownSavings(base, { from: 'Residential', to: 'IFA', count: 5, start: '2020-10-01' });
    expect(s.totals.map((t) => t.annualCost)).toEqual([expect.closeTo((5 * 3300 * 52 * 182) / 365, 6), 858_000, 858_000]);
  });
});
