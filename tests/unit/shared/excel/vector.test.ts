/**
 * One reading of a row-or-column argument for every function that takes aligned lists: FORECAST and
 * DEMAND through their cells, and the rule itself.
 */
import { describe, expect, it } from 'vitest';
import { CellError } from '../../../../shared/excel/errors';
import { vector } from '../../../../shared/excel/vector';
import { demandCell } from '../../../../shared/demand/cells';
import { forecastCell } from '../../../../shared/finance/cells';

const col = (...xs: unknown[]) => xs.map((x) => [x]);
/** What Excel passes for a whole-column reference such as A:A: every one of its 1,048,576 rows. */
const wholeColumn = (...xs: unknown[]) => [...col(...xs), ...Array.from({ length: 1_048_576 - xs.length }, () => [null])];

describe('vector', () => {
  it('reads a value, a row or a column, trailing blanks dropped', () => {
    expect(vector(null, 'x')).toEqual([]);
    expect(vector(' ', 'x')).toEqual([]);
    expect(vector(7, 'x')).toEqual([7]);
    expect(vector([[1, 2, '']], 'x')).toEqual([1, 2]);
    expect(vector(col(1, '', 3, null, ''), 'x')).toEqual([1, '', 3]);
  });

  it('keeps the first `keep` cells even when blank', () => {
    expect(vector(col(1, '', null, ''), 'x', 3)).toEqual([1, '', null]);
    expect(vector(col(1, null), 'x', 5)).toEqual([1, null]);
  });

  it('refuses a block of several rows and columns, naming the argument', () => {
    expect(() =>
      vector(
        [
          [1, 2],
          [3, 4],
        ],
        'types',
      ),
    ).toThrow(expect.objectContaining({ code: '#VALUE!', message: 'types must be a single row or column, not 2×2 cells' }));
  });

  it('reads a whole column (1,048,576 rows)', () => {
    expect(vector(wholeColumn('a', 'b'), 'x')).toEqual(['a', 'b']);
  });
});

describe('both callers read lists the same way', () => {
  it('FORECAST takes whole columns', () => {
    const t = forecastCell(wholeColumn('Residential', 'IFA'), wholeColumn(10, 20), wholeColumn(4100, 800), '2020/21', 1, null, null, null, null);
    expect(t).toEqual([
      ['Financial year', 'Residential', 'IFA', 'Total'],
      ['2020/21', 2_132_000, 832_000, 2_964_000],
    ]);
  });

  it('DEMAND takes whole columns', () => {
    const t = demandCell(
      wholeColumn('A', 'B'),
      wholeColumn(10, 5),
      [
        [0, 0],
        [0, 0],
      ],
      wholeColumn(0, 0),
      wholeColumn(0, 0),
      '2025-04-01',
      1,
    );
    expect(t).toEqual([
      ['Financial year', 'A', 'B', 'Total'],
      ['2025/26', 10, 5, 15],
    ]);
  });

  it('FORECAST drops a trailing blank child count; DEMAND keeps one aligned with its states', () => {
    // FORECAST: the list is short, and says so.
    expect(() => forecastCell(col('A', 'B'), col(1, ''), col(100, 100), '2020/21', 1, null, null, null, null)).toThrow(
      expect.objectContaining({ message: 'children has 1 values but types has 2' }),
    );
    // DEMAND: a blank stock is 0 children.
    expect(
      demandCell(
        col('A', 'B'),
        col(10, ''),
        [
          [0, 0],
          [0, 0],
        ],
        col(0, 0),
        col(0, 0),
        '2025-04-01',
        1,
      )[1],
    ).toEqual(['2025/26', 10, 0, 10]);
  });

  it('both name the argument that is a block', () => {
    const block = [
      ['a', 'b'],
      ['c', 'd'],
    ];
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof CellError ? e.message : String(e);
      }
      return 'no error';
    };
    expect(err(() => forecastCell(block, 1, 1, '2020/21', 1, null, null, null, null))).toBe('types must be a single row or column, not 2×2 cells');
    expect(err(() => demandCell(block, 1, [[0]], 0, 0, '2025-04-01', 1))).toBe('states must be a single row or column, not 2×2 cells');
  });
});
