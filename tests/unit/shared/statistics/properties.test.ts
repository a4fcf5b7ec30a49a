/**
 * Properties every interval here must have, for rates and for differences as well as for proportions:
 * it contains the value, narrows as the denominator grows at a fixed rate, and nests as the level rises.
 * Also the normal quantile against Φ computed independently (Simpson's rule on the density) to 1e-9.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { qchisq, qnorm } from '../../../../shared/statistics/distributions';
import { byar, newcombe, wilson } from '../../../../shared/statistics/intervals';

const LEVELS = [0.8, 0.9, 0.95, 0.99, 0.998] as const;
const eps = 1e-12;

/** Φ(z) for z ≥ 0 by composite Simpson on the density. */
function phi(z: number): number {
  const steps = 20000;
  const h = z / steps;
  let s = 0;
  for (let i = 0; i <= steps; i++) s += (i === 0 || i === steps ? 1 : i % 2 ? 4 : 2) * Math.exp(-((i * h) ** 2) / 2);
  return 0.5 + (s * h) / 3 / Math.sqrt(2 * Math.PI);
}

describe('the quantiles', () => {
  it.each([0.6, 0.9, 0.95, 0.975, 0.995, 0.999, 0.9999])('Φ(qnorm(%s)) = p to 1e-9', (p) => {
    expect(Math.abs(phi(qnorm(p)) - p)).toBeLessThan(1e-9);
    expect(qnorm(1 - p)).toBeCloseTo(-qnorm(p), 12);
  });

  it('qchisq with 2 degrees of freedom is −2 ln(1 − p) (the exponential), to 1e-9', () => {
    for (const p of [0.001, 0.025, 0.5, 0.975, 0.999]) expect(Math.abs(qchisq(p, 2) - -2 * Math.log(1 - p))).toBeLessThan(1e-9);
  });
});

describe('rates (Byar / exact Poisson)', () => {
  it('contain the rate, nest as the level rises', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 1_000_000 }), (o, n) => {
        let prev: { lower: number; upper: number } | null = null;
        for (const level of LEVELS) {
          const r = byar(o, n, level, 10000);
          if (!(r.lower <= r.value + eps && r.value <= r.upper + eps && r.lower >= 0)) return false;
          if (prev && !(r.lower <= prev.lower + eps && r.upper >= prev.upper - eps)) return false;
          prev = r;
        }
        return true;
      }),
    );
  });

  it('narrow (relative to the rate) as the population grows at a fixed rate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 2, max: 20 }), (o, k) => {
        const a = byar(o, 1000 * o, 0.95, 10000);
        const b = byar(o * k, 1000 * o * k, 0.95, 10000);
        return b.upper - b.lower < a.upper - a.lower && Math.abs(a.value - b.value) < 1e-9;
      }),
    );
  });
});

describe("differences (Newcombe's hybrid score)", () => {
  const pair = fc
    .integer({ min: 1, max: 2000 })
    .chain((n1) =>
      fc
        .integer({ min: 1, max: 2000 })
        .chain((n2) => fc.tuple(fc.integer({ min: 0, max: n1 }), fc.constant(n1), fc.integer({ min: 0, max: n2 }), fc.constant(n2))),
    );

  it('contains the difference, stays within −1 … 1, nests as the level rises, and swapping the groups negates it', () => {
    fc.assert(
      fc.property(pair, ([x1, n1, x2, n2]) => {
        let prev: { lower: number; upper: number } | null = null;
        for (const level of LEVELS) {
          const d = newcombe(x1, n1, x2, n2, level);
          if (!(d.lower <= d.value + eps && d.value <= d.upper + eps && d.lower >= -1 - eps && d.upper <= 1 + eps)) return false;
          if (prev && !(d.lower <= prev.lower + eps && d.upper >= prev.upper - eps)) return false;
          const s = newcombe(x2, n2, x1, n1, level);
          if (Math.abs(s.lower + d.upper) > 1e-12 || Math.abs(s.upper + d.lower) > 1e-12) return false;
          prev = d;
        }
        return true;
      }),
    );
  });

  it('narrows as both groups grow at fixed proportions', () => {
    fc.assert(
      fc.property(pair, fc.integer({ min: 2, max: 10 }), ([x1, n1, x2, n2], k) => {
        const a = newcombe(x1, n1, x2, n2);
        const b = newcombe(x1 * k, n1 * k, x2 * k, n2 * k);
        return b.upper - b.lower < a.upper - a.lower;
      }),
    );
  });

  it('each side combines the two Wilson sides, so it is at least as wide as the wider of them', () => {
    // Each side is at least as far from D as the wider of the two Wilson sides that make it.
    fc.assert(
      fc.property(pair, ([x1, n1, x2, n2]) => {
        const a = wilson(x1, n1);
        const b = wilson(x2, n2);
        const d = newcombe(x1, n1, x2, n2);
        return (
          d.value - d.lower >= Math.max(a.value - a.lower, b.upper - b.value) - eps && d.upper - d.value >= Math.max(a.upper - a.value, b.value - b.lower) - eps
        );
      }),
    );
  });
});
