/**
 * Arbitrary values Excel (or a buggy host) may hand a custom function, and valid-ish ones drawn from a
 * real release so the fuzzer gets past argument checks into the deep paths (bands, SN averages, forecasts).
 */
import fc from 'fast-check';
import type { Release } from '../../shared/release/schema';

const specialNumbers = fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 0, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER, 2958466, 60, 10_000);

const text = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\t\n',
    '\u00a0',
    '#N/A',
    '#VALUE!',
    'TRUE',
    'NaN',
    'Infinity',
    '1e999',
    '-0',
    '50%',
    '£1,234.5',
    '2019/20',
    '2020-02-30',
    '0x10',
    '__proto__',
    'constructor',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer({ min: 1_000, max: 200_000 }).map((n) => 'x'.repeat(n)),
);

const scalar = fc.oneof(
  { weight: 3, arbitrary: fc.double() },
  { weight: 2, arbitrary: specialNumbers },
  { weight: 2, arbitrary: fc.integer({ min: -3000, max: 3000 }) },
  { weight: 3, arbitrary: text },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined) },
  // What a host might pass for an error cell, or junk objects.
  { weight: 1, arbitrary: fc.constantFrom({ code: '#N/A', message: 'x' }, new Error('#REF!'), Object.create(null) as object, new Date(0)) },
);

/** Ranges as Excel never sends them too: empty, ragged, nested deeper than 2-D. */
const range = fc.oneof(fc.array(fc.array(scalar, { maxLength: 4 }), { maxLength: 5 }), fc.constantFrom([], [[]], [[[1]]], [[1, [2, 3]]], [[null]]));

export const excelValue: fc.Arbitrary<unknown> = fc.oneof({ weight: 4, arbitrary: scalar }, { weight: 1, arbitrary: range });

const column = <T>(a: fc.Arbitrary<T>, min: number, max: number) => fc.array(a, { minLength: min, maxLength: max }).map((xs) => xs.map((x) => [x]));

/**
 * Valid-ish arguments by parameter name, drawn from the release: indicator keys, aliases and names; LA
 * numbers, codes and names; published years; options; columns for the finance ranges.
 */
export function argumentsByName(release: Release): (param: string) => fc.Arbitrary<unknown> {
  const indicator = fc.constantFrom(...release.indicators.flatMap((i) => [i.key, i.name, ...i.aliases]));
  const la = fc.constantFrom(...release.las.flatMap((l) => [l.number, String(l.number), l.name, ...(l.ons ? [l.ons] : [])]));
  const year = fc.oneof(fc.constantFrom(...new Set(release.indicators.flatMap((i) => i.years))), fc.integer({ min: 2010, max: 2026 }), fc.constant(null));
  const unitType = fc.constantFrom(...release.unitCosts.flatMap((u) => [u.type, u.measure, ...u.aliases]));
  const amount = fc.oneof(fc.double({ min: -100, max: 10_000, noNaN: true }), fc.integer({ min: 0, max: 500 }));
  const small = fc.oneof(fc.integer({ min: 0, max: 20 }), fc.double({ min: 0, max: 20, noNaN: true }));
  const rate = fc.oneof(fc.double({ min: -0.5, max: 0.5, noNaN: true }), fc.constantFrom('5%', null));
  const date = fc.oneof(fc.constantFrom('2025-10-01', '2020-04-01', '2024-03-31', '2019/20'), fc.integer({ min: 40_000, max: 50_000 }));
  // FORECAST's ranges must line up with its two types.
  const typeNames = ['Residential', 'IFA'];
  const byName: Record<string, fc.Arbitrary<unknown>> = {
    indicator,
    la,
    year,
    type: unitType,
    value: amount,
    current: amount,
    previous: amount,
    children: fc.oneof(small, column(small, 2, 2)),
    weeks: fc.integer({ min: 0, max: 53 }),
    position: fc.double({ min: -0.5, max: 1.5, noNaN: true }),
    tolerance: fc.double({ min: 0, max: 0.2, noNaN: true }),
    method: fc.constantFrom('inc', 'exc', 'equal-count', 'LAIT', null),
    stat: fc.constantFrom('mean', 'median', null),
    model: fc.constantFrom('2021', '2025', null),
    field: fc.constantFrom('id', 'title', 'asof', 'hash', 'attribution', null),
    search: fc.constantFrom('placement', 'stability', 'care leavers', '', null),
    topic: fc.constantFrom(...new Set(release.indicators.map((i) => i.topic)), null),
    quartile_or_band: fc.constantFrom(1, 2, 3, 4, 'A', 'B', 'C', 'D', 'a'),
    change: fc.constantFrom('Better', 'Worse', 'Similar', 'Higher', 'Lower', 'Same', null),
    polarity: fc.constantFrom('High', 'Low', 'high'),
    polarity_or_indicator: fc.oneof(fc.constantFrom('High', 'Low', null), indicator),
    values: column(amount, 1, 12),
    weekly_cost_or_type: fc.oneof(amount, unitType),
    from_weekly_cost: amount,
    to_weekly_cost: amount,
    start: date,
    inflation: rate,
    growth: rate,
    types: fc.constantFrom([['Residential'], ['IFA']], [['IFA'], ['Residential']]),
    weekly_costs: column(amount, 2, 2),
    start_year: fc.oneof(fc.constantFrom('2019/20', '2025/26', 2024), date),
    years: fc.integer({ min: 1, max: 50 }),
    view: fc.constantFrom('cost', 'children', 'long', null),
    basis: fc.constantFrom('weeks52', 'days', null),
    step_downs: fc.array(
      fc.tuple(fc.constantFrom(...typeNames), fc.constantFrom(...typeNames), fc.oneof(small, fc.constant('')), fc.constantFrom('', 0.1, 0.5), date),
      { maxLength: 3 },
    ),
  };
  return (param) => byName[param] ?? excelValue;
}
