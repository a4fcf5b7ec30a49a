import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { change, DEFAULT_TOLERANCE, parseDirection, type Direction } from '../../../../shared/benchmark/direction';
import { thrownCode } from '../formulas/cell-error-code';

const num = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
const polarity = fc.constantFrom('High' as const, 'Low' as const, null);
const SWAP: Record<Direction, Direction> = {
  Better: 'Worse',
  Worse: 'Better',
  Similar: 'Similar',
  Higher: 'Lower',
  Lower: 'Higher',
  Same: 'Same',
};

describe('change', () => {
  it('polarity decides Better/Worse; none gives Higher/Lower', () => {
    expect(change(12, 10, 'High')).toBe('Better');
    expect(change(8, 10, 'High')).toBe('Worse');
    expect(change(8, 10, 'Low')).toBe('Better');
    expect(change(12, 10, 'Low')).toBe('Worse');
    expect(change(12, 10, null)).toBe('Higher');
    expect(change(8, 10, null)).toBe('Lower');
  });

  it('default tolerance is 1% of the previous value, inclusive', () => {
    expect(DEFAULT_TOLERANCE).toBe(0.01);
    expect(change(101, 100, 'High')).toBe('Similar');
    expect(change(99, 100, 'Low')).toBe('Similar');
    expect(change(101.5, 100, 'High')).toBe('Better');
    expect(change(100.5, 100, null)).toBe('Same');
    expect(change(-101, -100, 'High')).toBe('Similar'); // relative to |previous|
    // Relative to the previous year, so not symmetric at the edge:
    expect([change(99.5, 100.5, 'High'), change(100.5, 99.5, 'High')]).toEqual(['Similar', 'Better']);
  });

  it('tolerance 0 counts any difference; so does any change from 0', () => {
    expect(change(100.0001, 100, 'High', 0)).toBe('Better');
    expect(change(100, 100, 'Low', 0)).toBe('Similar');
    expect(change(0.001, 0, 'Low')).toBe('Worse');
    expect(change(0, 0, null)).toBe('Same');
    expect(change(15, 10, 'High', 0.5)).toBe('Similar');
  });

  it('bad tolerance, values or polarity → #VALUE!', () => {
    for (const t of [-0.01, Number.NaN, Infinity]) expect(thrownCode(() => change(1, 2, 'High', t))).toBe('#VALUE!');
    expect(thrownCode(() => change(Number.NaN, 2, 'High'))).toBe('#VALUE!');
    expect(thrownCode(() => change(1, Infinity, 'High'))).toBe('#VALUE!');
    expect(thrownCode(() => change(1, 2, 'Up' as never))).toBe('#VALUE!');
  });

  it('property: with tolerance 0, swapping the years mirrors the direction; Similar only on equality', () => {
    fc.assert(
      fc.property(num, num, polarity, (a, b, p) => {
        const d = change(a, b, p, 0);
        expect(change(b, a, p, 0)).toBe(SWAP[d]);
        expect(d === 'Similar' || d === 'Same').toBe(a === b);
      }),
    );
  });

  it('property: with a tolerance, swapping never gives the same non-neutral direction', () => {
    fc.assert(
      fc.property(num, num, polarity, fc.double({ min: 0, max: 0.5, noNaN: true }), (a, b, p, t) => {
        const d = change(a, b, p, t);
        fc.pre(d !== 'Similar' && d !== 'Same');
        expect([SWAP[d], p ? 'Similar' : 'Same']).toContain(change(b, a, p, t));
      }),
    );
  });
});

describe('parseDirection', () => {
  it.each([
    ['Better', 'Better'],
    ['improving', 'Better'],
    ['IMPROVED', 'Better'],
    ['worse', 'Worse'],
    ['Declining', 'Worse'],
    ['declined', 'Worse'],
    [' similar ', 'Similar'],
    ['higher', 'Higher'],
    ['LOWER', 'Lower'],
    ['same', 'Same'],
  ])('%j → %s', (x, want) => expect(parseDirection(x)).toBe(want));
  it.each([['up'], [''], [null], [1]])('%j → #VALUE!', (x) => expect(thrownCode(() => parseDirection(x))).toBe('#VALUE!'));
});
