import { describe, expect, it } from 'vitest';
import { parseSnStat, snAverage } from '../../../../shared/benchmark/sn-average';
import { thrownCode } from '../formulas/cell-error-code';

describe('snAverage', () => {
  it('simple mean of the neighbours that have a value (missing is not 0)', () => {
    expect(snAverage([10, null, 20, undefined, 30, Number.NaN])).toEqual({ value: 20, count: 3 });
    expect(snAverage([1, 2, 4], 'mean')).toEqual({ value: 7 / 3, count: 3 });
  });
  it('median, odd and even counts', () => {
    expect(snAverage([9, 1, null, 5], 'median')).toEqual({ value: 5, count: 3 });
    expect(snAverage([9, 1, 5, 2], 'median')).toEqual({ value: 3.5, count: 4 });
    expect(snAverage([4], 'median')).toEqual({ value: 4, count: 1 });
  });
  it('no neighbour with a value → #N/A', () => {
    expect(thrownCode(() => snAverage([]))).toBe('#N/A');
    expect(thrownCode(() => snAverage([null, undefined], 'median'))).toBe('#N/A');
  });
  it('unknown statistic → #VALUE!', () => expect(thrownCode(() => snAverage([1], 'mode' as never))).toBe('#VALUE!'));
});

describe('parseSnStat', () => {
  it.each([
    ['mean', 'mean'],
    ['Average', 'mean'],
    [' AVG ', 'mean'],
    ['Median', 'median'],
    [null, 'mean'],
    [undefined, 'mean'],
  ])('%j → %s', (x, want) => expect(parseSnStat(x)).toBe(want));
  // A blank text cell means "default", as for every optional choice argument (one coercion, choice()).
  it('"" → mean', () => expect(parseSnStat('')).toBe('mean'));
  it('{"median"} (an array constant) → median', () => expect(parseSnStat([['median']])).toBe('median'));
  it.each([['mode'], ['constructor'], [1]])('%j → #VALUE!', (x) => expect(thrownCode(() => parseSnStat(x))).toBe('#VALUE!'));
});
