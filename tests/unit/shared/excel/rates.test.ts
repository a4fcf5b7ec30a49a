/**
 * Issue 19 item 2: every rate argument (growth, inflation, tolerance, level, a step-down's percent, RAG's
 * position) refuses a whole number that can only be a percentage typed without its % sign, says how to
 * write it, and reads the text "5%" as 0.05 — one coercion (shared/excel/args.ts `rate`) for all.
 */
import { describe, expect, test } from 'vitest';
import { readReleaseFile } from '../../../../node/release-file';
import { CellError } from '../../../../shared/excel/errors';
import { rate, GROWTH, LEVEL, SHARE } from '../../../../shared/excel/args';
import { functionById, FUNCTIONS } from '../../../../shared/formulas/index';
import { invoke } from '../../../../shared/formulas/invoke';
import { ReleaseIndex } from '../../../../shared/release/release-index';

const src = new ReleaseIndex(readReleaseFile());
const call = (id: string, args: unknown[]) => invoke(functionById(id)!, src, args);

const TYPES = [['Residential'], ['Foster']];
const FORECAST = (growth: unknown, inflation: unknown = null, steps: unknown = null) => [
  TYPES,
  [[2], [10]],
  [[4000], [900]],
  '2025/26',
  3,
  growth,
  inflation,
  steps,
];
const DEMAND = (inflation: unknown) => [[['A']], [[10]], [[0]], [[0.001]], [[0.01]], '2025-03-31', 2, [[1000]], inflation, 'cost'];

/** [function, argument, args with the rate at `at` set to a placeholder] */
const CASES: [string, string, (r: unknown) => unknown[], number][] = [
  ['FORECAST', 'growth', (r) => FORECAST(r), 5],
  ['FORECAST', 'inflation', (r) => FORECAST(null, r), 3],
  ['FORECAST', 'percent', (r) => FORECAST(null, null, [['Residential', 'Foster', null, r, '2026-01-01']]), 50],
  ['STEPDOWN', 'inflation', (r) => [4100, 800, 5, '2020-10-01', 3, r], 4],
  ['DEMAND', 'inflation', (r) => DEMAND(r), 3],
  ['COSTFORECAST', 'inflation', (r) => [855, 3, null, r], 4],
  ['COSTFORECAST', 'level', (r) => [855, 3, null, null, r], 80],
  ['CLAFORECAST', 'level', (r) => [855, 3, null, r], 80],
  ['CHANGE', 'tolerance', (r) => [10, 11, 'High', r], 5],
  ['CI', 'level', (r) => [5, 10, 100, r], 95],
  ['COMPARE', 'level', (r) => ['LACStable_2016on', 855, 2025, 'England', r], 95],
  ['COMPAREOF', 'level', (r) => [5, 10, 40, 'High', 100, r], 95],
  ['SIGCHANGE', 'level', (r) => [5, 10, 6, 10, 'High', r], 95],
  ['SERIES', 'level', (r) => ['LACStable_2016on', 855, 1, r], 95],
  ['TREND', 'level', (r) => ['LACStable_2016on', 855, null, r], 95],
  ['RAG', 'position', (r) => [2, 'Better', r], 50],
];

const message = (v: unknown): string => (v instanceof CellError ? `${v.code} ${v.message}` : JSON.stringify(v));

describe('a rate typed as a whole number is refused with how to write it; "5%" is 0.05', () => {
  test.each(CASES)('%s %s', async (id, arg, args, whole) => {
    const refused = message(await call(id, args(whole)));
    expect(refused).toMatch(new RegExp(`^#VALUE! .*${arg}.* ${whole} looks like a percentage typed without its % sign .*type ${whole}% or ${whole / 100}`));
    const asText = await call(id, args(`${whole}%`));
    const asFraction = await call(id, args(whole / 100));
    expect(asFraction).not.toBeInstanceOf(CellError);
    expect(asText).toEqual(asFraction);
  });

  test('every rate parameter of every function is in the table above', () => {
    const rateParams = FUNCTIONS.flatMap((d) =>
      d.params.filter((p) => /^(growth|inflation|tolerance|level|position)$/.test(p.name)).map((p) => `${d.id} ${p.name}`),
    );
    const covered = new Set(CASES.map(([id, arg]) => `${id} ${arg}`));
    expect(rateParams.filter((p) => !covered.has(p))).toEqual([]);
    expect(rateParams.length).toBeGreaterThanOrEqual(13);
  });

  test('growth 5 never applies 500% (26,000 is not 156,000 in year two)', async () => {
    const out = await call('FORECAST', [[['Residential']], [[1]], [[500]], '2025/26', 2, 5]);
    expect(out).toBeInstanceOf(CellError);
  });

  test('the coercion itself: ranges, signs and explicit percentages', () => {
    expect(rate(0.05, 'growth', GROWTH)).toBe(0.05);
    expect(rate('5%', 'growth', GROWTH)).toBe(0.05);
    expect(rate(' -2.5 % ', 'growth', GROWTH)).toBeCloseTo(-0.025, 15);
    expect(() => rate(-1, 'growth', GROWTH)).toThrow(/growth -1 looks like a percentage .*type -1% or -0.01/);
    expect(() => rate('150%', 'growth', GROWTH)).toThrow(/growth must be more than -100% and less than 100% a year, not 150%/);
    expect(() => rate(250, 'growth', GROWTH)).toThrow(/growth must be .* not 25000%/);
    expect(rate(1, 'percent', SHARE)).toBe(1);
    expect(() => rate(1, 'level', LEVEL)).toThrow(/level 1 looks like a percentage/);
    expect(() => rate('abc', 'level', LEVEL)).toThrow(/level must be a number/);
  });
});
