/**
 * The intervals against published values (Newcombe 1998's worked examples, the exact Poisson limits in
 * every table) and against independent computations: the Wilson limits as the roots of the score
 * equation's quadratic, the exact Poisson limits by bisecting the Poisson distribution itself.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { qchisq, qnorm } from '../../../../shared/statistics/distributions';
import { byar, newcombe, poissonCountInterval, wilson } from '../../../../shared/statistics/intervals';
import { bisect, poissonCdf } from './poisson-reference';

describe('distribution functions', () => {
  it.each([
    [0.975, 1.959963984540054],
    [0.999, 3.090232306167813],
    [0.1, -1.2815515655446004],
    [1e-10, -6.361340902404056],
    [0.5, 0],
  ])('qnorm(%f) = %f (R)', (p, want) => expect(qnorm(p)).toBeCloseTo(want, 12));

  it.each([
    [0.025, 10, 3.246972780236841],
    [0.975, 12, 23.33666415864534],
    [0.025, 2, 0.05063561596857975],
    [0.999, 1, 10.82756617139634],
  ])('qchisq(%f, %i) = %f (R)', (p, df, want) => expect(qchisq(p, df) / want).toBeCloseTo(1, 9));
});

describe('Wilson score interval', () => {
  it("reproduces Wilson's 81/263 example (0.2553 to 0.3662; Newcombe 1998, Table I)", () => {
    const w = wilson(81, 263);
    expect(w.lower).toBeCloseTo(0.2553, 4);
    expect(w.upper).toBeCloseTo(0.3662, 4);
  });

  it('equals the roots of (n + z²)p² − (2x + z²)p + x²/n = 0, for any x ≤ n and level', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(0.8, 0.9, 0.95, 0.99, 0.998),
        (n, f, level) => {
          const x = Math.round(f * n);
          const z = qnorm(1 - (1 - level) / 2);
          const a = n + z * z;
          const b = -(2 * x + z * z);
          const c = (x * x) / n;
          const disc = Math.sqrt(Math.max(0, b * b - 4 * a * c));
          const w = wilson(x, n, level);
          expect(w.lower).toBeCloseTo((-b - disc) / (2 * a), 9);
          expect(w.upper).toBeCloseTo((-b + disc) / (2 * a), 9);
        },
      ),
    );
  });

  it('contains the value, narrows as the denominator grows at a fixed proportion, and nests as the level rises', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 2, max: 10 }), (n, pct, k) => {
        const x = (n * pct) / 100;
        const w = wilson(x, n, 0.95, 100);
        expect(w.lower).toBeLessThanOrEqual(w.value + 1e-9);
        expect(w.upper).toBeGreaterThanOrEqual(w.value - 1e-9);
        const bigger = wilson(x * k, n * k, 0.95, 100);
        expect(bigger.upper - bigger.lower).toBeLessThan(w.upper - w.lower);
        const wider = wilson(x, n, 0.998, 100);
        expect(wider.lower).toBeLessThanOrEqual(w.lower + 1e-12);
        expect(wider.upper).toBeGreaterThanOrEqual(w.upper - 1e-12);
      }),
    );
  });

  it('refuses what is not a proportion', () => {
    expect(() => wilson(5, 4)).toThrow(/larger than the denominator/);
    expect(() => wilson(-1, 4)).toThrow(/negative/);
    expect(() => wilson(1, 0)).toThrow(/greater than 0/);
    expect(() => wilson(1, 4, 1)).toThrow(/level/);
  });
});

describe('rates: exact Poisson below 10 events, Byar from 10', () => {
  it.each([0, 1, 2, 5, 9])('O = %i: the exact limits are where the Poisson tail probabilities are 2.5%%', (o) => {
    const { lower, upper } = poissonCountInterval(o, 0.95);
    const wantUpper = bisect((mu) => poissonCdf(o, mu) - 0.025, 0, 100);
    expect(upper).toBeCloseTo(wantUpper, 8);
    if (o === 0) expect(lower).toBe(0);
    else
      expect(lower).toBeCloseTo(
        bisect((mu) => 1 - poissonCdf(o - 1, mu) - 0.025, 0, 100),
        8,
      );
  });

  it('O = 5 gives the textbook 1.6235 to 11.6683', () => {
    const { lower, upper } = poissonCountInterval(5);
    expect(lower).toBeCloseTo(1.6235, 4);
    expect(upper).toBeCloseTo(11.6683, 4);
  });

  it("Byar's formula exactly, and within 1% of the exact limits from 10 events up", () => {
    const z = qnorm(0.975);
    for (const o of [10, 11, 25, 100, 1000, 12345]) {
      const { lower, upper } = poissonCountInterval(o);
      expect(lower).toBeCloseTo(o * (1 - 1 / (9 * o) - z / (3 * Math.sqrt(o))) ** 3, 9);
      expect(upper).toBeCloseTo((o + 1) * (1 - 1 / (9 * (o + 1)) + z / (3 * Math.sqrt(o + 1))) ** 3, 9);
      const exactLower = bisect((mu) => 1 - poissonCdf(o - 1, mu) - 0.025, 0, o * 3 + 50);
      const exactUpper = bisect((mu) => poissonCdf(o, mu) - 0.025, 0, o * 3 + 50);
      // Summing the Poisson terms directly underflows past a few hundred events: check where it does not.
      if (o <= 100) {
        expect(Math.abs(lower / exactLower - 1)).toBeLessThan(0.01);
        expect(Math.abs(upper / exactUpper - 1)).toBeLessThan(0.01);
      }
    }
  });

  it('scales by the denominator and the multiplier (a rate per 10,000)', () => {
    const r = byar(25, 50_000, 0.95, 10_000);
    const c = poissonCountInterval(25);
    expect(r.value).toBeCloseTo(5, 12);
    expect(r.lower).toBeCloseTo((c.lower / 50_000) * 10_000, 12);
    expect(r.upper).toBeCloseTo((c.upper / 50_000) * 10_000, 12);
  });
});

describe("Newcombe's hybrid score interval for a difference of proportions", () => {
  // Newcombe (1998), "Interval estimation for the difference between independent proportions", Table II, method 10.
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [10, 10, 0, 20, 0.6791, 1.0],
  ])('%i/%i − %i/%i → %f to %f', (x1, n1, x2, n2, lo, hi) => {
    const d = newcombe(x1, n1, x2, n2);
    expect(d.lower).toBeCloseTo(lo, 4);
    expect(d.upper).toBeCloseTo(hi, 4);
  });
});
