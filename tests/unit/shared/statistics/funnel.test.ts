/**
 * Funnel limits against an independent computation: at each limit count x, the average proportion must
 * sit exactly on the Wilson score limit of x / n (the Wilson limits are the roots in π of
 * n(x/n − π)² = z²π(1 − π), solved here by bisection, not by PHE's quadratic). Plus the shape a funnel has.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { funnelDenominators, funnelLimit, funnelLimits, funnelZone, pooledProportion } from '../../../../shared/statistics/funnel';

/** z by bisection on Φ computed by Simpson's rule (independent of AS 241). */
function zOf(p: number): number {
  const phi = (z: number): number => {
    const steps = 2000;
    const h = z / steps;
    let s = 0;
    for (let i = 0; i <= steps; i++) s += (i === 0 || i === steps ? 1 : i % 2 ? 4 : 2) * Math.exp(-((i * h) ** 2) / 2);
    return 0.5 + (s * h) / 3 / Math.sqrt(2 * Math.PI);
  };
  let lo = 0;
  let hi = 10;
  for (let i = 0; i < 100; i++) {
    const m = (lo + hi) / 2;
    if (phi(m) < p) lo = m;
    else hi = m;
  }
  return (lo + hi) / 2;
}

describe('funnel limits (PHEindicatormethods, proportions)', () => {
  const cases = [
    [0.3, 10],
    [0.3, 100],
    [0.1, 50],
    [0.65, 2000],
    [0.02, 400],
  ] as const;

  it.each(cases)('average %s at n = %s lies on the Wilson limit of each funnel count', (avg, n) => {
    for (const p of [0.975, 0.999]) {
      const z = zOf(p);
      for (const side of ['low', 'high'] as const) {
        const prop = funnelLimit(p, n, avg, side, 1);
        if (prop === 0 || prop === 1) continue; // held at the edge for tiny n
        // n(prop − π)² − z²π(1 − π) = 0 at π = avg: the average is a root, so an edge of prop's Wilson interval.
        expect(n * (prop - avg) ** 2 - z * z * avg * (1 - avg)).toBeCloseTo(0, 8);
        expect(side === 'low' ? prop < avg : prop > avg).toBe(true);
      }
    }
  });

  it('is the normal approximation p̄ ± z√(p̄(1 − p̄)/n) written another way', () => {
    const z = zOf(0.975);
    for (const n of [10, 80, 640, 5120]) {
      const half = z * Math.sqrt((0.3 * 0.7) / n);
      expect(funnelLimit(0.975, n, 0.3, 'low', 100)).toBeCloseTo((0.3 - half) * 100, 7);
      expect(funnelLimit(0.975, n, 0.3, 'high', 100)).toBeCloseTo((0.3 + half) * 100, 7);
    }
  });

  it('narrows as the denominator grows, 99.8% outside 95%, both around the average', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.integer({ min: 20, max: 100000 }), (avg, n) => {
        const [a, b] = funnelLimits(avg, [n, n * 2], 100);
        if (!a || !b) return false;
        const eps = 1e-9;
        return (
          a.lower998 <= a.lower95 + eps &&
          a.lower95 <= avg * 100 + eps &&
          avg * 100 <= a.upper95 + eps &&
          a.upper95 <= a.upper998 + eps &&
          b.lower95 >= a.lower95 - eps &&
          b.upper95 <= a.upper95 + eps &&
          a.lower998 >= 0 &&
          a.upper998 <= 100
        );
      }),
    );
  });

  it('pools Σx / Σn over areas with both counts, and zones a point', () => {
    expect(pooledProportion([10, null, 30, 5], [100, 50, 100, null])).toBeCloseTo(40 / 200, 15);
    expect(() => pooledProportion([null], [null])).toThrow(/no area/);
    const [lim] = funnelLimits(0.2, [100]);
    expect(funnelZone(20, lim!)).toBe('inside 95%');
    expect(funnelZone(40, lim!)).toBe('above 99.8%');
    expect(funnelZone(12, lim!)).toBe('below 95%');
    const ds = funnelDenominators(10, 1000, 3);
    expect(ds[0]).toBe(10);
    expect(ds[1]).toBeCloseTo(100, 9);
    expect(ds[2]).toBe(1000);
  });

  it('refuses what has no funnel', () => {
    expect(() => funnelLimit(0.975, 0, 0.2, 'low')).toThrow(/denominator/);
    expect(() => funnelLimit(0.975, 10, 1.2, 'low')).toThrow(/average/);
    expect(() => funnelLimit(0.4, 10, 0.2, 'low')).toThrow(/tail/);
    expect(() => funnelDenominators(10, 5)).toThrow(/range/);
  });
});
