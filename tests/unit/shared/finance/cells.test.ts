import { describe, expect, it } from 'vitest';
import { forecastCell, placementCostCell, stepDownCell } from '../../../../shared/finance/cells';

const VALUE = (arg: RegExp) => expect.objectContaining({ code: '#VALUE!', message: expect.stringMatching(arg) });
const col = (...xs: unknown[]) => xs.map((x) => [x]);

describe('PLACEMENTCOST', () => {
  it('takes numbers, numeric text and 1×1 ranges; weeks default to 52', () => {
    expect(placementCostCell(800, 2, null)).toBe(83_200);
    expect(placementCostCell('£4,100', [[1]], undefined)).toBe(213_200);
    expect(placementCostCell(800, 2, 26)).toBe(41_600);
  });

  it.each([
    [[true, 2, null], /weekly_cost must be a number/],
    [[800, '', null], /children is required/],
    [[800, [[1, 2]], null], /children must be a single value/],
    [[800, -1, null], /children must be a number ≥ 0/],
  ])('rejects %j', (args, msg) => {
    expect(() => placementCostCell(...(args as [unknown, unknown, unknown]))).toThrow(VALUE(msg));
  });
});

describe('FORECAST', () => {
  const types = col('Residential', 'IFA', '', '');
  const children = col(10, 20, '', null);
  const costs = [[4100, 800]]; // a row works as well as a column

  it('spills the cost view by default, ignoring trailing blanks', () => {
    expect(forecastCell(types, children, costs, '2020/21', 2, null, null, null, null)).toEqual([
      ['Financial year', 'Residential', 'IFA', 'Total'],
      ['2020/21', 2_132_000, 832_000, 2_964_000],
      ['2021/22', 2_132_000, 832_000, 2_964_000],
    ]);
  });

  it('takes growth per type, a step-down range and the children view', () => {
    const steps = [
      ['Residential', 'IFA', 2, '', 44287],
      ['', '', '', '', ''],
    ];
    expect(forecastCell(types, children, costs, 2020, 2, col(0, 0.1), 0, steps, 'Children')).toEqual([
      ['Financial year', 'Residential', 'IFA', 'Total'],
      ['2020/21', 10, 20, 30],
      ['2021/22', 8, 24, 32],
    ]);
    const pct = forecastCell(types, children, costs, 2020, 1, null, null, [['Residential', 'IFA', null, 0.5, '2020/21']], 'children');
    expect(pct[1]).toEqual(['2020/21', 5, 25, 30]);
  });

  it('accepts a date for start_year and the days basis', () => {
    const t = forecastCell('IFA', 1, 700, 43921, 1, null, null, null, 'long', 'days'); // 31 March 2020
    expect(t[1]).toEqual(['2019/20', 'IFA', 1, 700, 36_600]);
    expect(forecastCell('IFA', 1, 700, '2020-03-31', 1, null, null, null, null)[1]![0]).toBe('2019/20');
  });

  it.each([
    [[null, children, costs, 2020, 1], /types must list at least one/],
    [
      [
        [
          ['a', 'b'],
          ['c', 'd'],
        ],
        children,
        costs,
        2020,
        1,
      ],
      /types must be a single row or column, not 2×2/,
    ],
    [[types, col(10), costs, 2020, 1], /children has 1 values but types has 2/],
    [[types, children, [[4100, 'x']], 2020, 1], /weekly_costs in row 2 \("IFA"\) must be a number/],
    [[types, children, costs, null, 1], /start_year is required/],
    [[types, children, costs, '2020/22', 1], /not a financial year/],
    [[types, children, costs, 2020, null], /years is required/],
    [[types, children, costs, 2020, 99], /years/],
    [[types, children, costs, 2020, 1, col(0.1, 0.1, 0.1)], /growth has 3 values but there are 2 types/],
    [[types, children, costs, 2020, 1, null, null, [['Residential', 'IFA', 1, 0.5, 44287]]], /row 1: fill in either count or percent/],
    [[types, children, costs, 2020, 1, null, null, [['Residential', 'IFA', 1, '']]], /row 1 must have 5 columns/],
    [[types, children, costs, 2020, 1, null, null, [['Residential', 'IFA', 1, '', 'later']]], /row 1 start/],
    [[types, children, costs, 2020, 1, null, null, [['Residential', 'Kinship', 1, '', 44287]]], /"Kinship", which is not a placement type/],
    [[types, children, costs, 2020, 1, null, null, 'Residential'], /step_downs must be a range/],
    [[types, children, costs, 2020, 1, null, null, null, 'table'], /view must be/],
    [[types, children, costs, 2020, 1, null, null, null, null, 'months'], /basis must be/],
  ])('rejects bad input %#', (args, msg) => {
    const [t, c, w, s, y, g = null, i = null, sd = null, v = null, b = null] = args as unknown[];
    expect(() => forecastCell(t, c, w, s, y, g, i, sd, v, b)).toThrow(VALUE(msg));
  });
});

describe('STEPDOWN', () => {
  it('moves 5 children from residential £4,100 to IFA £800 from 1 Oct 2020 over 3 years', () => {
    expect(stepDownCell(4100, 800, 5, '2020-10-01')).toEqual([
      ['Financial year', 'Children moved', 'Saving'],
      ['2020/21', expect.closeTo((5 * 182) / 365, 12), expect.closeTo(427_824.66, 2)],
      ['2021/22', 5, 858_000],
      ['2022/23', 5, 858_000],
    ]);
  });

  it('inflates both costs and takes an Excel serial start', () => {
    const t = stepDownCell(4100, 800, 1, 44287, 2, 0.1, null); // 1 April 2021: a full first year
    expect(t.slice(1)).toEqual([
      ['2021/22', 1, 171_600],
      ['2022/23', 1, expect.closeTo(188_760, 6)],
    ]);
  });

  it.each([
    [[4100, 800, 'five', 44287], /children must be a number/],
    [[4100, 800, 5, null], /start must be a date/],
    [[4100, 800, 5, 'tomorrow'], /start must be a date/],
    [[4100, 800, 5, 44287, 0], /years/],
  ])('rejects %j', (args, msg) => {
    expect(() => stepDownCell(...(args as [unknown, unknown, unknown, unknown, unknown]))).toThrow(VALUE(msg));
  });
});
