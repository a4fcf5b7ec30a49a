/**
 * Fingertips' recent-trend test against published figures and independent computations: R's documented
 * prop.trend.test example, the chi-square for trend recomputed here the way prop.trend.test computes it (the
 * regression sum of squares of the proportions on the score, weighted n / p̄(1 − p̄)), the weighted
 * regression recomputed from weighted means, and the markers Fingertips published for three indicators
 * (the figures in FingertipsNext's legacy trend tests, as shown on fingertips.phe.org.uk).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byar } from '../../../../shared/statistics/intervals';
import { FINGERTIPS_TREND_LEVEL, proportionTrend, valueTrend, type CountPoint } from '../../../../shared/statistics/trend';

const points = (x: number[], n: number[], t0 = 1): CountPoint[] => x.map((xi, i) => ({ t: t0 + i, x: xi, n: n[i]! }));

/** prop.trend.test: anova(lm(freq ~ score, weights = n / p̄ / (1 − p̄)))["score", "Sum Sq"], in closed form. */
function propTrendTest(x: number[], n: number[], score: number[]): number {
  const p = x.reduce((a, b) => a + b, 0) / n.reduce((a, b) => a + b, 0);
  const w = n.map((ni) => ni / p / (1 - p));
  const f = x.map((xi, i) => xi / n[i]!);
  const sw = w.reduce((a, b) => a + b, 0);
  const tBar = w.reduce((a, wi, i) => a + wi * score[i]!, 0) / sw;
  const fBar = w.reduce((a, wi, i) => a + wi * f[i]!, 0) / sw;
  const sxy = w.reduce((a, wi, i) => a + wi * (score[i]! - tBar) * (f[i]! - fBar), 0);
  const sxx = w.reduce((a, wi, i) => a + wi * (score[i]! - tBar) ** 2, 0);
  return (sxy * sxy) / sxx;
}

describe('proportions: the chi-square test for linear trend', () => {
  it("R's prop.trend.test example: smokers 83/86, 90/93, 129/136, 70/82 → X-squared = 8.2249", () => {
    expect(proportionTrend(points([83, 90, 129, 70], [86, 93, 136, 82])).chi2).toBeCloseTo(8.2249, 4);
  });

  it('equals prop.trend.test recomputed as a weighted regression, for any counts and any (shifted) years', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 2, max: 5000 })), { minLength: 5, maxLength: 5 }),
        fc.integer({ min: -3000, max: 3000 }),
        (rows, t0) => {
          const n = rows.map(([, b]) => b);
          const x = rows.map(([a, b]) => Math.min(a, b - 1));
          const want = propTrendTest(
            x,
            n,
            x.map((_, i) => i + 1),
          );
          const got = proportionTrend(points(x, n, t0)).chi2;
          expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-7 * Math.max(1, want));
        },
      ),
    );
  });

  it("the critical value at 99.8% is Fingertips' 9.54953570608324", () => {
    expect(proportionTrend(points([10, 20, 30, 40, 50], [100, 100, 100, 100, 100])).critical).toBeCloseTo(9.54953570608324, 9);
    expect(FINGERTIPS_TREND_LEVEL).toBe(0.998);
  });

  it('Fingertips: MMR one dose at 2, Yorkshire and the Humber 2020–2024, Decreasing', () => {
    const r = proportionTrend(points([57274, 55865, 53681, 51767, 53185], [61834, 60511, 59074, 57508, 59028], 2020));
    expect(r.direction).toBe(-1);
    expect(r.chi2).toBeCloseTo(405.0479, 3);
  });

  it('Fingertips: diabetes QOF prevalence, England 2020–2024, Increasing', () => {
    const r = proportionTrend(points([3455176, 3491868, 3625401, 3774801, 3938080], [48783947, 49122259, 49956777, 50649129, 51441896], 2020));
    expect(r.direction).toBe(1);
  });

  it('a significant χ² is no trend when leaving one point out turns the gradient round (an outlier)', () => {
    const r = proportionTrend(points([3000, 1000, 1100, 1200, 1300], [10000, 10000, 10000, 10000, 10000]));
    expect(r.chi2).toBeGreaterThan(r.critical);
    expect(r.outlier).toBe(true);
    expect(r.direction).toBe(0);
    // Without the first point the same rise is a trend.
    expect(proportionTrend(points([1000, 1100, 1200, 1300], [10000, 10000, 10000, 10000])).direction).toBe(1);
  });

  it('a level lowers or raises the bar: χ² = 8.2249 is a trend at 95%, not at 99.8%', () => {
    const x = [83, 90, 129, 70];
    const n = [86, 93, 136, 82];
    expect(proportionTrend(points(x, n)).direction).toBe(0);
    expect(proportionTrend(points(x, n), 0.95).direction).toBe(-1);
  });

  it('a year at 0% or 100% (infinite log-odds) takes ln((r + ½) / (n − r + ½)) for every year; all at 0% is no trend', () => {
    const x = [0, 12, 30, 41, 60];
    const n = [200, 200, 200, 200, 200];
    const r = proportionTrend(points(x, n));
    const y = x.map((xi, i) => Math.log((xi + 0.5) / (n[i]! - xi + 0.5)));
    // Least squares of y on t = 1…5 by hand: Σ(t − 3)y / Σ(t − 3)².
    expect(r.gradient).toBeCloseTo((-2 * y[0]! - y[1]! + y[3]! + 2 * y[4]!) / 10, 12);
    expect(r.chi2).toBeCloseTo(propTrendTest(x, n, [1, 2, 3, 4, 5]), 9);
    expect(r.direction).toBe(1);
    expect(proportionTrend(points([200, 190, 180, 170, 160], n)).direction).toBe(-1);
    expect(proportionTrend(points([0, 0, 0, 0, 0], n))).toMatchObject({ chi2: 0, direction: 0 });
  });

  it('refuses what has no trend: fewer than 3 points, a repeated time, a count that is not a proportion', () => {
    expect(() => proportionTrend(points([1, 2], [10, 10]))).toThrow(/at least 3 points/);
    expect(() => proportionTrend([1, 2, 3].map((x) => ({ t: 1, x, n: 10 })))).toThrow(/its own time/);
    expect(() => proportionTrend(points([11, 2, 3], [10, 10, 10]))).toThrow(/11 of 10 is not a proportion/);
  });
});

describe('rates: the weighted regression on the 95% interval', () => {
  /** β and χ² from weighted means: β = Σw(t − t̄)(y − ȳ) / Σw(t − t̄)², Var β = 1 / Σw(t − t̄)². */
  function weighted(t: number[], y: number[], lo: number[], hi: number[]): { beta: number; chi2: number } {
    const w = lo.map((l, i) => (3.92 / (hi[i]! - l)) ** 2);
    const sw = w.reduce((a, b) => a + b, 0);
    const tBar = w.reduce((a, wi, i) => a + wi * t[i]!, 0) / sw;
    const yBar = w.reduce((a, wi, i) => a + wi * y[i]!, 0) / sw;
    const sxx = w.reduce((a, wi, i) => a + wi * (t[i]! - tBar) ** 2, 0);
    const beta = w.reduce((a, wi, i) => a + wi * (t[i]! - tBar) * (y[i]! - yBar), 0) / sxx;
    return { beta, chi2: beta * beta * sxx };
  }

  // Fingertips 41203, preventable sight loss from diabetic eye disease, England 2020–2024 (crude rate per 100,000).
  const counts = [1416, 935, 1344, 1415, 1502];
  const pops = [48246126, 48440507, 48753376, 49300918, 49866388];
  const published = [
    [2.935, 2.7841, 3.0919],
    [1.93028, 1.8085, 2.058],
    [2.7567, 2.6113, 2.9082],
    [2.8701, 2.7225, 3.0237],
    [3.0121, 2.8616, 3.1683],
  ];

  it("Byar's interval from the counts reproduces the published intervals (to 1e-4 per 100,000)", () => {
    counts.forEach((o, i) => {
      const ci = byar(o, pops[i]!, 0.95, 100000);
      expect(Math.abs(ci.lower - published[i]![1]!)).toBeLessThan(1e-4);
      expect(Math.abs(ci.upper - published[i]![2]!)).toBeLessThan(1e-4);
    });
  });

  it('Fingertips marks it Increasing (2021 is low, but no single point turns the gradient round)', () => {
    const r = valueTrend(published.map(([value, lower, upper], i) => ({ t: 2020 + i, value: value!, lower: lower!, upper: upper! })));
    const ref = weighted(
      [1, 2, 3, 4, 5],
      published.map((p) => p[0]!),
      published.map((p) => p[1]!),
      published.map((p) => p[2]!),
    );
    expect(r.gradient).toBeCloseTo(ref.beta, 12);
    expect(r.chi2).toBeCloseTo(ref.chi2, 9);
    expect(r.chi2).toBeCloseTo(33.4858, 3);
    expect(r.direction).toBe(1);
  });

  it('equals the weighted-means form for any values and interval widths', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0.01, max: 20, noNaN: true })), { minLength: 5, maxLength: 5 }),
        (rows) => {
          const t = [2021, 2022, 2023, 2024, 2025];
          const y = rows.map(([v]) => v);
          const lo = rows.map(([v, h]) => v - h);
          const hi = rows.map(([v, h]) => v + h);
          const ref = weighted(t, y, lo, hi);
          const r = valueTrend(rows.map(([v, h], i) => ({ t: t[i]!, value: v, lower: v - h, upper: v + h })));
          expect(Math.abs(r.chi2 - ref.chi2)).toBeLessThanOrEqual(1e-7 * Math.max(1, ref.chi2));
        },
      ),
    );
  });

  it('refuses an interval of no width', () => {
    expect(() => valueTrend([1, 2, 3].map((t) => ({ t, value: 5, lower: 5, upper: 5 })))).toThrow(/interval of some width/);
  });
});
