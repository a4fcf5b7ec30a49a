import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fyEndDate, fyStartDate, financialYearOf, dateToExcelSerial, excelSerialToDate } from '../../../../shared/finance/fiscal-year';
import { forecast, scenarioMinusBase, type ForecastInput } from '../../../../shared/finance/forecast';

const TYPES = ['Residential', 'IFA', 'Kinship'];
const money = fc.double({ min: 0, max: 10_000, noNaN: true });
const count = fc.double({ min: 0, max: 500, noNaN: true });
const rate = fc.double({ min: -0.5, max: 0.5, noNaN: true });
const input: fc.Arbitrary<ForecastInput> = fc.record({
  types: fc.tuple(count, count, count, money, money, money).map(([a, b, c, x, y, z]) => [
    { name: 'Residential', children: a, weeklyCost: x },
    { name: 'IFA', children: b, weeklyCost: y },
    { name: 'Kinship', children: c, weeklyCost: z },
  ]),
  startYear: fc.integer({ min: 2000, max: 2040 }),
  years: fc.integer({ min: 1, max: 12 }),
  growth: rate,
  inflation: rate,
  basis: fc.constantFrom('weeks52' as const, 'days' as const),
});
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
const anyDate = fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(9999, 11, 31, 23, 59)), noInvalidDate: true });
const stepStart = fc.integer({ min: Date.UTC(1995, 0, 1), max: Date.UTC(2055, 0, 1) }).map((t) => new Date(t).toISOString().slice(0, 10));

describe('forecast properties', () => {
  it('no growth and no inflation: every year equals year 0', () => {
    fc.assert(
      fc.property(input, (i) => {
        const r = forecast({ ...i, growth: 0, inflation: 0, basis: 'weeks52' });
        return r.rows.every((row, n) => row.children === r.rows[n % 3]!.children && row.annualCost === r.rows[n % 3]!.annualCost);
      }),
    );
  });

  it('costs scale linearly in children and in weekly cost', () => {
    fc.assert(
      fc.property(input, fc.double({ min: 0, max: 10, noNaN: true }), (i, k) => {
        const r = forecast(i);
        const moreChildren = forecast({ ...i, types: i.types.map((t) => ({ ...t, children: t.children * k })) });
        const dearer = forecast({ ...i, types: i.types.map((t) => ({ ...t, weeklyCost: t.weeklyCost * k })) });
        return r.totals.every((t, n) => close(moreChildren.totals[n]!.annualCost, k * t.annualCost) && close(dearer.totals[n]!.annualCost, k * t.annualCost));
      }),
    );
  });

  it('a step-down of 0 children changes nothing', () => {
    fc.assert(
      fc.property(input, stepStart, fc.constantFrom(...TYPES), fc.constantFrom(...TYPES), (i, start, from, to) => {
        const moved = forecast({ ...i, stepDowns: [{ from, to, count: 0, start }] });
        return JSON.stringify(moved) === JSON.stringify(forecast(i));
      }),
    );
  });

  it('a step-down preserves total children', () => {
    fc.assert(
      fc.property(input, stepStart, fc.double({ min: 0, max: 1, noNaN: true }), (i, start, percent) => {
        const moved = forecast({ ...i, stepDowns: [{ from: 'Residential', to: 'IFA', percent, start }] });
        return forecast(i).totals.every((t, n) => close(moved.totals[n]!.children, t.children));
      }),
    );
  });

  it('scenario minus itself is all zeros', () => {
    fc.assert(
      fc.property(input, (i) => {
        const r = forecast(i);
        const d = scenarioMinusBase(r, r);
        return [...d.rows, ...d.totals].every((x) => x.children === 0 && x.annualCost === 0);
      }),
    );
  });
});

describe('date properties', () => {
  it('a date lies within the financial year it belongs to', () => {
    fc.assert(
      fc.property(anyDate, (d) => {
        const fy = financialYearOf(d);
        const end = fyEndDate(fy).getTime() + 86_400_000; // the instant after 31 March
        expect(fyStartDate(fy).getTime()).toBeLessThanOrEqual(d.getTime());
        expect(d.getTime()).toBeLessThan(end);
      }),
    );
  });

  it('Excel serials round-trip', () => {
    fc.assert(fc.property(fc.integer({ min: 61, max: 2_958_465 }), (s) => dateToExcelSerial(excelSerialToDate(s)) === s));
  });
});
