import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandOf } from '../../../../shared/benchmark/band';
import { boundaries, excelQuartileExc, excelQuartileInc, quantileExc, quantileInc, sortedNumeric } from '../../../../shared/benchmark/quartile';
import { thrownCode } from '../formulas/cell-error-code';

const num = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
const sortedArr = (minLength: number) => fc.array(num, { minLength, maxLength: 60 }).map(sortedNumeric);

describe('Excel QUARTILE.INC / QUARTILE.EXC / PERCENTILE.EXC', () => {
  it("reproduces Microsoft's documented examples", () => {
    expect(excelQuartileInc([1, 2, 4, 7, 8, 9, 10, 12], 1)).toBe(3.5);
    const exc = [6, 7, 15, 36, 39, 40, 41, 42, 43, 47, 49];
    expect(excelQuartileExc(exc, 1)).toBe(15);
    expect(excelQuartileExc(exc, 3)).toBe(43);
    const pct = [1, 2, 3, 6, 6, 6, 7, 8, 9];
    expect(quantileExc(pct, 0.25)).toBe(2.5);
    for (const k of [0, 0.01, 2]) expect(thrownCode(() => quantileExc(pct, k))).toBe('#NUM!');
  });

  it('does not need sorted input', () => {
    expect(excelQuartileInc([12, 1, 9, 4, 10, 2, 8, 7], 1)).toBe(3.5);
    expect(excelQuartileInc([3, 1, 2], 0)).toBe(1);
    expect(excelQuartileInc([3, 1, 2], 4)).toBe(3);
  });

  it('n = 1: INC gives the value for every quart; EXC only the median (h = 0.5 × 2 = 1 is in [1, n])', () => {
    for (const q of [0, 1, 2, 3, 4]) expect(excelQuartileInc([7], q)).toBe(7);
    for (const q of [1, 3]) expect(thrownCode(() => excelQuartileExc([7], q))).toBe('#NUM!');
    expect(excelQuartileExc([7], 2)).toBe(7);
    expect(thrownCode(() => boundaries([7], 'exc'))).toBe('#NUM!');
  });

  it('n = 2: EXC only has the median; n = 3: EXC Q1/Q3 are min/max', () => {
    expect(thrownCode(() => excelQuartileExc([1, 2], 1))).toBe('#NUM!');
    expect(excelQuartileExc([1, 2], 2)).toBe(1.5);
    expect(thrownCode(() => excelQuartileExc([1, 2], 3))).toBe('#NUM!');
    expect([1, 2, 3].map((q) => excelQuartileExc([3, 1, 2], q))).toEqual([1, 2, 3]);
    expect([1, 2, 3, 4].map((q) => excelQuartileInc([1, 2], q))).toEqual([1.25, 1.5, 1.75, 2]);
  });

  it('all values equal → every quartile is that value', () => {
    const same = [5, 5, 5, 5, 5];
    for (const q of [0, 1, 2, 3, 4]) expect(excelQuartileInc(same, q)).toBe(5);
    for (const q of [1, 2, 3]) expect(excelQuartileExc(same, q)).toBe(5);
  });

  it('truncates quart, then range-checks it (#NUM!)', () => {
    const xs = [1, 2, 4, 7, 8, 9, 10, 12];
    expect(excelQuartileInc(xs, 1.9)).toBe(3.5);
    expect(excelQuartileInc(xs, 4.5)).toBe(12);
    expect(excelQuartileExc(xs, 3.9)).toBe(excelQuartileExc(xs, 3));
    for (const q of [-1, 5]) expect(thrownCode(() => excelQuartileInc(xs, q))).toBe('#NUM!');
    for (const q of [0, 0.5, 4]) expect(thrownCode(() => excelQuartileExc(xs, q))).toBe('#NUM!');
  });

  it('empty input or p outside the range → #NUM!', () => {
    expect(thrownCode(() => excelQuartileInc([], 1))).toBe('#NUM!');
    expect(thrownCode(() => excelQuartileExc([], 2))).toBe('#NUM!');
    expect(thrownCode(() => quantileInc([], 0.5))).toBe('#NUM!');
    for (const p of [-0.1, 1.1, Number.NaN]) expect(thrownCode(() => quantileInc([1, 2], p))).toBe('#NUM!');
    expect(quantileInc([1, 2], 0)).toBe(1);
    expect(quantileInc([1, 2], 1)).toBe(2);
  });
});

describe('boundaries', () => {
  it('inc is R type 7 (LAIT)', () => {
    expect(boundaries([1, 2, 3, 4, 5])).toEqual([1, 2, 3, 4, 5]);
    expect(boundaries([1, 2, 4, 7, 8, 9, 10, 12], 'inc')).toEqual([1, 3.5, 7.5, 9.25, 12]);
  });

  it('exc keeps min/max and propagates #NUM! when n is too small', () => {
    expect(boundaries([6, 7, 15, 36, 39, 40, 41, 42, 43, 47, 49], 'exc')).toEqual([6, 15, 40, 43, 49]);
    expect(thrownCode(() => boundaries([1, 2], 'exc'))).toBe('#NUM!');
  });

  it('equal-count: last value of each of four groups, earlier groups taking the remainder', () => {
    const upTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
    expect(boundaries(upTo(8), 'equal-count')).toEqual([1, 2, 4, 6, 8]);
    expect(boundaries(upTo(10), 'equal-count')).toEqual([1, 3, 6, 8, 10]); // sizes 3, 3, 2, 2
    expect(boundaries(upTo(3), 'equal-count')).toEqual([1, 1, 2, 3, 3]);
    expect(boundaries([4], 'equal-count')).toEqual([4, 4, 4, 4, 4]);
  });

  it('empty → #NUM!; unknown method → #VALUE!', () => {
    for (const m of ['inc', 'exc', 'equal-count'] as const) expect(thrownCode(() => boundaries([], m))).toBe('#NUM!');
    expect(thrownCode(() => boundaries([1], 'bogus' as never))).toBe('#VALUE!');
  });

  it('property: ordered, Q0 = min, Q4 = max (inc, equal-count; exc when n ≥ 3)', () => {
    fc.assert(
      fc.property(sortedArr(3), (xs) => {
        for (const m of ['inc', 'exc', 'equal-count'] as const) {
          const b = boundaries(xs, m);
          for (let i = 0; i < 4; i++) expect(b[i]).toBeLessThanOrEqual(b[i + 1] as number);
          expect(b[0]).toBe(xs[0]);
          expect(b[4]).toBe(xs[xs.length - 1]);
        }
      }),
    );
  });

  it('property: boundaries(inc) agree with excelQuartileInc on shuffled input', () => {
    fc.assert(
      fc.property(fc.array(num, { minLength: 1, maxLength: 60 }), (raw) => {
        const b = boundaries(sortedNumeric(raw));
        for (const q of [0, 1, 2, 3, 4]) expect(excelQuartileInc(raw, q)).toBe(b[q]);
      }),
    );
  });

  it('property: equal-count bands of distinct values differ in size by at most 1', () => {
    fc.assert(
      fc.property(fc.uniqueArray(num, { minLength: 4, maxLength: 80, comparator: 'SameValueZero' }), fc.constantFrom('High', 'Low' as const), (raw, pol) => {
        const xs = sortedNumeric(raw);
        const b = boundaries(xs, 'equal-count');
        const counts = new Map<string, number>();
        for (const v of xs) counts.set(bandOf(v, b, pol), (counts.get(bandOf(v, b, pol)) ?? 0) + 1);
        const sizes = ['A', 'B', 'C', 'D'].map((k) => counts.get(k) ?? 0);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('sortedNumeric', () => {
  it('keeps finite numbers only, sorted numerically', () => {
    expect(sortedNumeric([10, null, 9, undefined, Number.NaN, -1, Infinity, 100, -Infinity, 0])).toEqual([-1, 0, 9, 10, 100]);
    expect(sortedNumeric(new Set([3, 1, 2]))).toEqual([1, 2, 3]);
    expect(Object.is(sortedNumeric([-0])[0], 0)).toBe(true); // Excel has no −0
  });
});
