/**
 * Fingertips' recent-trend test (OHID, "Fingertips trend markers", Public Health Technical Guidance; the
 * same as PHEindicatormethods' assign_trend_markers and Fingertips' TrendMarkerCalculator), on a short
 * series, Fingertips' the latest five points:
 *   proportions: the chi-square test for linear trend (Cochran–Armitage, R's prop.trend.test), with r of
 *     n at time t, N = Σn, R = Σr:  χ² = N(NΣrt − RΣnt)² / (R(N − R)(NΣnt² − (Σnt)²)); the gradient is
 *     the least-squares slope of the log-odds ln(r / (n − r)) on t (with ½ added to r and n − r when a
 *     year is at 0% or 100%, where Fingertips' log-odds are infinite).
 *   rates (any value with a 95% interval): the inverse-variance weighted regression of the value on t,
 *     w = 1 / SE², SE = (upper − lower) / 3.92; gradient β = (S₁S_ty − S_tS_y) / (S₁S_tt − S_t²),
 *     Var β = S₁ / (S₁S_tt − S_t²), χ² = β² / Var β.
 * A trend is real when χ² exceeds the χ²(1) quantile at the level (Fingertips: 99.8%, 9.5495) and no
 * point is an outlier: the gradient keeps its sign with each point left out in turn (a gradient of 0
 * counts as positive, as Fingertips counts it).
 */
import { zFor } from './distributions';
import { StatisticsInputError } from './intervals';

/** Fingertips marks a recent trend at 99.8% (χ²(1) > 9.5495). */
export const FINGERTIPS_TREND_LEVEL = 0.998;
/** Fingertips' recent trend is over the latest five points. */
export const TREND_POINTS = 5;

export interface CountPoint {
  t: number;
  x: number;
  n: number;
}
export interface ValuePoint {
  t: number;
  value: number;
  /** The 95% interval (Fingertips takes the standard error from it, whatever the test's level). */
  lower: number;
  upper: number;
}

export interface TrendTest {
  /** 1 increasing, −1 decreasing, 0 no significant change. */
  direction: -1 | 0 | 1;
  chi2: number;
  /** The χ²(1) value it had to exceed. */
  critical: number;
  gradient: number;
  /** True when leaving one point out turns the gradient round (then no trend, whatever χ²). */
  outlier: boolean;
}

const sign = (g: number): -1 | 1 => (g < 0 ? -1 : 1);

function checkTimes(ts: number[], level: number): void {
  if (ts.length < 3) throw new StatisticsInputError(`a trend needs at least 3 points, not ${ts.length}`);
  if (ts.some((t) => !Number.isFinite(t)) || new Set(ts).size !== ts.length) throw new StatisticsInputError('each point needs its own time');
  if (!(level > 0 && level < 1)) throw new StatisticsInputError('level must be between 0 and 1, e.g. 0.998');
}

/** Centred times: every statistic here is unchanged by a shift of t, and years near 2025 squared lose digits. */
const centred = (ts: number[]): number[] => {
  const mean = ts.reduce((a, b) => a + b, 0) / ts.length;
  return ts.map((t) => t - mean);
};

function verdict(chi2: number, gradients: number[], level: number): TrendTest {
  const critical = zFor(level) ** 2;
  const outlier = gradients.some((g) => sign(g) !== sign(gradients[0]!));
  const direction = chi2 > critical && !outlier ? sign(gradients[0]!) : 0;
  return { direction, chi2, critical, gradient: gradients[0]!, outlier };
}

/**
 * Weighted least squares of y on t over the points `keep` admits (weights 1 when `w` is null): the slope,
 * and its variance when the weights are 1 / se².
 */
function fit(t: readonly number[], y: readonly number[], w: readonly number[] | null, keep: (i: number) => boolean): { slope: number; variance: number } {
  let s1 = 0,
    st = 0,
    sy = 0,
    sty = 0,
    stt = 0;
  for (let i = 0; i < t.length; i++) {
    if (!keep(i)) continue;
    const wi = w ? w[i]! : 1;
    s1 += wi;
    st += wi * t[i]!;
    sy += wi * y[i]!;
    sty += wi * t[i]! * y[i]!;
    stt += wi * t[i]! * t[i]!;
  }
  const det = s1 * stt - st * st;
  return { slope: (s1 * sty - st * sy) / det, variance: s1 / det };
}

/** The gradient over every point, then with each point left out in turn. */
const withEachLeftOut = (k: number, gradient: (keep: (i: number) => boolean) => number): number[] => [
  gradient(() => true),
  ...Array.from({ length: k }, (_, j) => gradient((i) => i !== j)),
];

export function proportionTrend(points: readonly CountPoint[], level = FINGERTIPS_TREND_LEVEL): TrendTest {
  checkTimes(
    points.map((p) => p.t),
    level,
  );
  for (const p of points) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.n) || p.x < 0 || !(p.n > 0) || p.x > p.n)
      throw new StatisticsInputError(`${p.x} of ${p.n} is not a proportion`);
  }
  const t = centred(points.map((p) => p.t));
  let N = 0,
    R = 0,
    rt = 0,
    nt = 0,
    ntt = 0;
  points.forEach((p, i) => {
    N += p.n;
    R += p.x;
    rt += p.x * t[i]!;
    nt += p.n * t[i]!;
    ntt += p.n * t[i]! ** 2;
  });
  // All 0% or all 100%: nothing varies, so no trend (the formula is 0 / 0).
  const chi2 = R === 0 || R === N ? 0 : (N * (N * rt - R * nt) ** 2) / (R * (N - R) * (N * ntt - nt ** 2));
  // A year at 0% or 100% has infinite log-odds: then every year's are taken as ln((r + ½) / (n − r + ½)) (Haldane–Anscombe).
  const half = points.some((p) => p.x === 0 || p.x === p.n) ? 0.5 : 0;
  const logit = points.map((p) => Math.log((p.x + half) / (p.n - p.x + half)));
  const gradients = withEachLeftOut(points.length, (keep) => fit(t, logit, null, keep).slope);
  return verdict(chi2, gradients, level);
}

/** Fingertips' standard error from a 95% interval: its width ÷ 3.92 (2 × 1.96). */
export const seFrom95 = (lower: number, upper: number): number => (upper - lower) / 3.92;

export function valueTrend(points: readonly ValuePoint[], level = FINGERTIPS_TREND_LEVEL): TrendTest {
  checkTimes(
    points.map((p) => p.t),
    level,
  );
  const w = points.map((p) => {
    const se = seFrom95(p.lower, p.upper);
    if (!Number.isFinite(p.value) || !(se > 0) || !Number.isFinite(se))
      throw new StatisticsInputError(`${p.value} needs an interval of some width (${p.lower} to ${p.upper})`);
    return 1 / se ** 2;
  });
  const t = centred(points.map((p) => p.t));
  const y = points.map((p) => p.value);
  const gradients = withEachLeftOut(points.length, (keep) => fit(t, y, w, keep).slope);
  const chi2 = gradients[0]! ** 2 / fit(t, y, w, () => true).variance;
  return verdict(chi2, gradients, level);
}
