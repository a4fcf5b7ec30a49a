/** FORECAST and STEPDOWN refuse bad input in the words of the cell, never the engine's internal paths. */
import { describe, expect, test } from 'vitest';
import { CellError } from '../../../../shared/excel/errors';
import { forecastCell, stepDownCell } from '../../../../shared/finance/cells';

const message = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CellError);
    expect((e as CellError).code).toBe('#VALUE!');
    return (e as CellError).message;
  }
  throw new Error('no error');
};
const types = [['Residential'], ['Foster']];
const F = (over: Partial<Record<'children' | 'costs' | 'years' | 'growth' | 'inflation' | 'steps', unknown>>) => () =>
  forecastCell(
    types,
    over.children ?? [[2], [3]],
    over.costs ?? [[4000], [900]],
    '2025/26',
    over.years ?? 5,
    over.growth ?? null,
    over.inflation ?? null,
    over.steps ?? null,
    null,
  );

describe('FORECAST', () => {
  test.each<[string, Parameters<typeof F>[0], RegExp]>([
    ['years out of range', { years: 99 }, /^years must be a whole number from 1 to 50, not 99$/],
    ['years not whole', { years: 2.5 }, /^years must be a whole number from 1 to 50, not 2\.5$/],
    ['years zero', { years: 0 }, /from 1 to 50, not 0/],
    ['negative children', { children: [[2], [-1]] }, /^children in row 2 \("Foster"\) is negative \(-1\); it must be 0 or more$/],
    ['negative cost', { costs: [[-4000], [900]] }, /^weekly_costs in row 1 \("Residential"\) is negative/],
    [
      'growth -1: a percentage missing its % sign',
      { growth: -1 },
      /^growth -1 looks like a percentage typed without its % sign \(-1 = -100% a year\): type -1% or -0\.01$/,
    ],
    ['growth of -100% or less', { growth: '-100%' }, /^growth must be more than -100% and less than 100% a year, not -100%$/],
    ['per-type inflation below -100%', { inflation: [[0], [-2]] }, /^inflation in row 2 \("Foster"\) -2 looks like a percentage .*type -2% or -0\.02$/],
    [
      'step-down percent over 100%',
      { steps: [['Residential', 'Foster', null, '150%', '2026-01-01']] },
      /step_downs row 1 percent must be from 0% to 100%, not 150%/,
    ],
    [
      'step-down percent 50: a percentage missing its % sign',
      { steps: [['Residential', 'Foster', null, 50, '2026-01-01']] },
      /step_downs row 1 percent 50 looks like a percentage typed without its % sign \(50 = 5000%\): type 50% or 0\.5/,
    ],
    ['negative step-down count', { steps: [['Residential', 'Foster', -1, null, '2026-01-01']] }, /step_downs row 1 count is negative/],
  ])('%s', (_what, over, expected) => {
    const m = message(F(over));
    expect(m).toMatch(expected);
    expect(m).not.toMatch(/types\.\d|forecast input|Invalid input/);
  });
  test('good input still forecasts', () => {
    expect(F({})()[0]).toEqual(expect.arrayContaining(['Financial year']));
  });
});

describe('STEPDOWN', () => {
  test.each<[string, unknown[], RegExp]>([
    ['negative children', [4000, 900, -2, '2025-06-01'], /^children is negative \(-2\); it must be 0 or more$/],
    ['years out of range', [4000, 900, 2, '2025-06-01', 99], /^years must be a whole number from 1 to 50, not 99$/],
    ['negative cost', [-1, 900, 2, '2025-06-01'], /^from_weekly_cost is negative/],
    ['inflation of -100%', [4000, 900, 2, '2025-06-01', 3, '-100%'], /^inflation must be more than -100%/],
    ['inflation 4: a percentage missing its % sign', [4000, 900, 2, '2025-06-01', 3, 4], /^inflation 4 looks like a percentage .*type 4% or 0\.04$/],
  ])('%s', (_what, args, expected) => {
    const m = message(() => stepDownCell(...(args as Parameters<typeof stepDownCell>)));
    expect(m).toMatch(expected);
    expect(m).not.toMatch(/types\.\d|forecast input|Invalid input/);
  });
  test('the documented example: 5 children £4,100 → £800 from 1 Oct 2020', () => {
    const t = stepDownCell(4100, 800, 5, '2020-10-01', 2);
    expect(t[1]).toEqual(['2020/21', expect.any(Number), expect.closeTo(5 * 3300 * 52 * (182 / 365), 2)]);
    expect(t[2]).toEqual(['2021/22', 5, 858000]);
  });
});
