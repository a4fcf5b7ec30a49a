import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankOf, rankSorted, ranks } from '../../../../shared/benchmark/rank';
import { sortedNumeric } from '../../../../shared/benchmark/quartile';
import { thrownCode } from '../formulas/cell-error-code';

const small = fc.integer({ min: -20, max: 20 }); // small range → plenty of ties
const num = fc.oneof(small, fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }));
const pol = fc.constantFrom('High' as const, 'Low' as const);

describe('rankOf / rankSorted / ranks', () => {
  const xs = [20, 10, 30, 20];
  it('Low: smallest is 1; ties share the lowest rank (1, 2, 2, 4)', () => {
    expect(xs.map((v) => rankOf(v, xs, 'Low'))).toEqual([2, 1, 4, 2]);
    expect(ranks(xs, 'Low')).toEqual([2, 1, 4, 2]);
  });
  it('High: largest is 1', () => {
    expect(xs.map((v) => rankOf(v, xs, 'High'))).toEqual([2, 4, 1, 2]);
    expect(ranks(xs, 'High')).toEqual([2, 4, 1, 2]);
  });
  it('ranks a hypothetical value not in the set', () => {
    const s = sortedNumeric(xs);
    expect([rankOf(15, xs, 'Low'), rankSorted(15, s, 'Low')]).toEqual([2, 2]);
    expect([rankOf(15, xs, 'High'), rankSorted(15, s, 'High')]).toEqual([4, 4]);
    expect([rankOf(99, xs, 'High'), rankSorted(-99, s, 'Low'), rankSorted(99, s, 'Low')]).toEqual([1, 1, 5]);
    expect(rankSorted(1, [], 'High')).toBe(1);
  });
  it('nulls stay unranked and do not count', () => {
    expect(ranks([5, null, 3, null, 5], 'High')).toEqual([1, null, 3, null, 1]);
  });
  it('bad value or polarity → #VALUE!', () => {
    expect(thrownCode(() => rankOf(Number.NaN, xs, 'Low'))).toBe('#VALUE!');
    expect(thrownCode(() => rankSorted(1, [1], 'up' as never))).toBe('#VALUE!');
  });

  it('property: rankSorted equals rankOf', () => {
    fc.assert(
      fc.property(fc.array(num, { maxLength: 50 }), num, pol, (vs, v, p) => {
        expect(rankSorted(v, sortedNumeric(vs), p)).toBe(rankOf(v, vs, p));
      }),
    );
  });

  it('property: a better value never gets a worse rank', () => {
    fc.assert(
      fc.property(fc.array(num, { maxLength: 50 }), num, num, (vs, x, y) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        expect(rankOf(lo, vs, 'Low')).toBeLessThanOrEqual(rankOf(hi, vs, 'Low'));
        expect(rankOf(hi, vs, 'High')).toBeLessThanOrEqual(rankOf(lo, vs, 'High'));
      }),
    );
  });

  it("property: every member's rank is R's rank(ties.method = 'min')", () => {
    fc.assert(
      fc.property(fc.array(small, { minLength: 1, maxLength: 50 }), pol, (vs, p) => {
        // Independent: order best-first; a value's rank is 1 + its first position in that order.
        const order = [...vs].sort((a, b) => (p === 'Low' ? a - b : b - a));
        expect(ranks(vs, p)).toEqual(vs.map((v) => order.indexOf(v) + 1));
      }),
    );
  });
});
