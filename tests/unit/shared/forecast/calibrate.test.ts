/**
 * Interval calibration: the quantile is Excel's PERCENTILE.INC, the scale fit recovers a known
 * τ² + κ/n, only errors whose outcome year ≤ the origin are used, and on simulated errors with a known
 * size-dependent spread the interval covers what it says.
 */
import { describe, expect, it } from 'vitest';
import { calibrate, fitScale, intervalFactors, MIN_ORIGINS, quantileSorted, sigmaOf, type ScaledError } from '../../../../shared/forecast/calibrate';

// Deterministic normal draws (mulberry32 + Box–Muller), so the test is reproducible.
function normals(seed: number): () => number {
  let a = seed >>> 0;
  const u = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

describe('quantileSorted', () => {
  it('matches PERCENTILE.INC: {1,2,3,4} at 0.25 → 1.75, 0.9 → 3.7; {15,20,35,40,50} at 0.4 → 29', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 12);
    expect(quantileSorted([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 12);
    expect(quantileSorted([15, 20, 35, 40, 50], 0.4)).toBeCloseTo(29, 12);
    expect(quantileSorted([7], 0.1)).toBe(7);
  });
});

describe('fitScale', () => {
  it('recovers τ² and κ exactly when e² = τ² + κ/n (nothing reaches the 3σ cap)', () => {
    const errs: ScaledError[] = [];
    for (const n of [20, 50, 100, 200, 400, 800, 1600]) for (let k = 0; k < 10; k++) errs.push({ e: Math.sqrt(0.002 + 1.5 / n), n, origin: 2016 });
    const s = fitScale(errs);
    expect(s.tau2).toBeCloseTo(0.002, 9);
    expect(s.kappa).toBeCloseTo(1.5, 6);
  });
  it('one wild error among many is capped at 3σ(n) instead of setting the width', () => {
    const errs: ScaledError[] = [];
    for (const n of [50, 200, 800]) for (let k = 0; k < 100; k++) errs.push({ e: (k % 2 ? 1 : -1) * Math.sqrt(0.004 + 1 / n), n, origin: 2016 });
    const clean = fitScale(errs);
    const wild = fitScale([...errs, { e: 5, n: 800, origin: 2016 }]);
    expect(clean.tau2).toBeCloseTo(0.004, 9);
    // Uncapped, e² = 25 would add about 25/301 ≈ 0.083 to σ² (0.00525 at n = 800): σ × 4. Capped: a few %.
    expect(sigmaOf(wild, 800) / sigmaOf(clean, 800)).toBeLessThan(1.1);
  });
  it('never returns a negative κ or a τ² below its floor', () => {
    const errs: ScaledError[] = [20, 40, 80, 160].map((n) => ({ e: n / 1000, n, origin: 2016 })); // e grows with n
    const s = fitScale(errs);
    expect(s.kappa).toBeGreaterThanOrEqual(0);
    expect(s.tau2).toBeGreaterThanOrEqual(1e-4);
  });
});

describe('calibrate', () => {
  const errsAt = (origins: number[], h: number, e = 0.05): ScaledError[] =>
    origins.flatMap((o) => [100, 400].map((n) => ({ e: o % 2 ? e : -e, n, origin: o })));

  it(`needs ${MIN_ORIGINS} origins at horizon 1, else null`, () => {
    expect(calibrate([errsAt([2016], 1)], 2017)).toBeNull();
    expect(calibrate([errsAt([2016, 2017], 1)], 2018)).not.toBeNull();
  });

  it('uses only errors whose outcome (origin + h) is ≤ upTo: later outcomes change nothing', () => {
    const h1 = errsAt([2016, 2017, 2018], 1);
    const a = calibrate([h1], 2018)!; // origin 2018's outcome is 2019: excluded
    const b = calibrate([[...h1.slice(0, 4), ...h1.slice(4).map((x) => ({ ...x, e: 9 }))]], 2018)!;
    expect(a[0]!.origins).toBe(2);
    expect(b).toEqual(a);
  });

  it('a horizon with too few origins borrows the longest calibrated one, σ widened by √(h/k)', () => {
    const s = calibrate([errsAt([2016, 2017, 2018], 1), errsAt([2016], 2), []], 2019)!;
    expect(s[1]!.borrowedFrom).toBe(1);
    expect(s[2]!.borrowedFrom).toBe(1);
    expect(sigmaOf(s[2]!, 250)).toBeCloseTo(sigmaOf(s[0]!, 250) * Math.sqrt(3), 12);
  });

  it('on simulated log errors with σ(n) = √(0.003 + 1.2/n), the 80% interval covers 80% ± 2 points out of sample, for small and large LAs alike', () => {
    const draw = normals(42);
    const sizes = [25, 40, 60, 100, 150, 250, 400, 600, 900, 1500];
    const sample = (origin: number): ScaledError[] =>
      Array.from({ length: 150 }, (_, i) => {
        const n = sizes[i % sizes.length]!;
        return { e: draw() * Math.sqrt(0.003 + 1.2 / n), n, origin };
      });
    const past = [2016, 2017, 2018, 2019, 2020].flatMap(sample);
    const s = calibrate([past], 2021)![0]!;
    const fresh = Array.from({ length: 40 }, (_, k) => sample(2030 + k)).flat();
    const inside = (xs: ScaledError[]) =>
      xs.filter((x) => {
        const [lo, hi] = intervalFactors(s, x.n, 0.8);
        return Math.exp(x.e) >= lo && Math.exp(x.e) <= hi;
      }).length / xs.length;
    expect(inside(fresh)).toBeGreaterThan(0.78);
    expect(inside(fresh)).toBeLessThan(0.82);
    expect(inside(fresh.filter((x) => x.n <= 60))).toBeGreaterThan(0.75);
    expect(inside(fresh.filter((x) => x.n >= 600))).toBeGreaterThan(0.75);
    expect(inside(fresh.filter((x) => x.n <= 60))).toBeLessThan(0.85);
    expect(inside(fresh.filter((x) => x.n >= 600))).toBeLessThan(0.85);
  });

  it('the interval is ŷ·e^{q·σ(n)} with σ(n)² = τ² + κ/n as fitted, however few origins calibrated it (errors are not centred, so no estimated mean widens it)', () => {
    const s = { tau2: 0.002, kappa: 0.5, z: [-1.5, -0.5, 0, 0.5, 1.5], origins: 2, errors: 5 };
    const sigma = Math.sqrt(0.002 + 0.5 / 100);
    const [lo, hi] = intervalFactors(s, 100, 0.5);
    expect(lo).toBeCloseTo(Math.exp(-0.5 * sigma), 12);
    expect(hi).toBeCloseTo(Math.exp(0.5 * sigma), 12);
  });
});
