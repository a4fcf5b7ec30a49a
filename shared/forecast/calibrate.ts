/**
 * Interval calibration from the method's own out-of-sample errors. For an origin T, the errors used are
 * those of forecasts made at earlier origins o whose outcome year o + h is ≤ T, across all LAs — so an
 * interval, like the point forecast, uses nothing published after T.
 *
 * An error is e = ln(actual ÷ forecast). Small LAs are noisier in relative terms, so errors are scaled by
 * σ_h(n) = √(τ_h² + κ_h / n), n = the LA's stock at the origin (τ² the shared, common part of the error,
 * κ/n the count noise), fitted by least squares of e² on [1, 1/n] (outliers capped at 3σ(n)).
 * The interval is forecast × e^{q·σ_h(n)} with q the empirical (1 ∓ level)/2 quantiles of z = e / σ_h(n):
 * the fitted scale only spreads the width between small and large LAs; the pooled coverage comes from the
 * quantiles themselves.
 */
import type { PointModel } from './models';
import { cutPanel, type ClaPanel } from './panel';

export interface ScaledError {
  /** ln(actual ÷ forecast). */
  e: number;
  /** Stock at the origin. */
  n: number;
  origin: number;
}

/** At least this many earlier origins at a horizon before its errors calibrate an interval. */
export const MIN_ORIGINS = 2;

/**
 * Errors of `model` by horizon (index h − 1) for origins whose outcome is inside the panel; at each origin
 * the model is handed the panel cut there, so an error is exactly what that origin's forecast would have made.
 */
export function pooledErrors(p: ClaPanel, model: PointModel, maxH: number): ScaledError[][] {
  const out: ScaledError[][] = Array.from({ length: maxH }, () => []);
  const last = p.years.length - 1;
  for (let t = 0; t < last; t++) {
    const H = Math.min(maxH, last - t);
    const forecast = model(cutPanel(p, p.years[t]!));
    for (let la = 0; la < p.las.length; la++) {
      const n = p.stock[la]![t];
      if (n === null || n === undefined || n <= 0) continue;
      const f = forecast(la, H);
      if (!f) continue;
      for (let h = 1; h <= H; h++) {
        const a = p.stock[la]![t + h];
        const fh = f[h - 1]!;
        if (a === null || a === undefined || a <= 0 || !(fh > 0)) continue;
        out[h - 1]!.push({ e: Math.log(a / fh), n, origin: p.years[t]! });
      }
    }
  }
  return out;
}

export interface HorizonScale {
  tau2: number;
  kappa: number;
  /** Sorted standardised errors z = e / σ(n). */
  z: readonly number[];
  origins: number;
  errors: number;
  /** Set when this horizon had too few origins and borrows a shorter horizon's scale × √(h / k). */
  borrowedFrom?: number;
}

/** Type-7 quantile of sorted values (Excel's PERCENTILE.INC), the same interpolation as the quartiles. */
export function quantileSorted(sorted: readonly number[], q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

const TAU2_FLOOR = 1e-4;

/** Least squares of y on [1, 1/n]; both coefficients kept ≥ 0 (a one-sided refit when one goes negative). */
function leastSquares(errs: readonly ScaledError[], y: (x: ScaledError) => number): { tau2: number; kappa: number } {
  let s1 = 0,
    sx = 0,
    sxx = 0,
    sy = 0,
    sxy = 0;
  for (const err of errs) {
    const v = y(err);
    const x = 1 / err.n;
    s1 += 1;
    sx += x;
    sxx += x * x;
    sy += v;
    sxy += x * v;
  }
  const det = s1 * sxx - sx * sx;
  let tau2 = det > 0 ? (sxx * sy - sx * sxy) / det : sy / s1;
  let kappa = det > 0 ? (s1 * sxy - sx * sy) / det : 0;
  if (kappa < 0) {
    kappa = 0;
    tau2 = sy / s1;
  }
  if (tau2 < TAU2_FLOOR) {
    tau2 = TAU2_FLOOR;
    kappa = sxx > 0 ? Math.max(0, (sxy - TAU2_FLOOR * sx) / sxx) : 0;
  }
  return { tau2, kappa };
}

/**
 * σ²(n) = τ² + κ/n by least squares of e² on [1, 1/n], then twice more with each e² capped at (3σ(n))²,
 * so a few wild errors do not set the width. The cap is relative to each LA's own σ(n): a cap on e²
 * alone would trim mostly small LAs and under-cover them.
 */
export function fitScale(errs: readonly ScaledError[]): { tau2: number; kappa: number } {
  let s = leastSquares(errs, (x) => x.e * x.e);
  for (let i = 0; i < 2; i++) {
    const prev = s;
    s = leastSquares(errs, (x) => Math.min(x.e * x.e, 9 * (prev.tau2 + prev.kappa / x.n)));
  }
  return s;
}

export const sigmaOf = (s: { tau2: number; kappa: number }, n: number): number => Math.sqrt(s.tau2 + s.kappa / n);

/**
 * Scales for horizons 1…maxH from errors whose outcome year ≤ `upTo`. A horizon with fewer than
 * MIN_ORIGINS origins borrows the longest calibrated shorter horizon k, widened by √(h / k) (a random
 * walk's growth; measured in the backtest). Null when even horizon 1 has too few origins.
 */
export function calibrate(errors: readonly ScaledError[][], upTo: number): HorizonScale[] | null {
  const out: HorizonScale[] = [];
  for (let h = 1; h <= errors.length; h++) {
    const usable = errors[h - 1]!.filter((x) => x.origin + h <= upTo);
    const origins = new Set(usable.map((x) => x.origin)).size;
    if (origins >= MIN_ORIGINS) {
      const s = fitScale(usable);
      const z = usable.map((x) => x.e / sigmaOf(s, x.n)).sort((a, b) => a - b);
      out.push({ ...s, z, origins, errors: usable.length });
      continue;
    }
    let k = 0;
    for (let j = out.length; j >= 1; j--)
      if (out[j - 1]!.borrowedFrom === undefined) {
        k = j;
        break;
      }
    if (k === 0) return null;
    const base = out[k - 1]!;
    const w = h / k;
    out.push({ tau2: base.tau2 * w, kappa: base.kappa * w, z: base.z, origins: base.origins, errors: base.errors, borrowedFrom: k });
  }
  return out;
}

/**
 * The interval's multipliers e^{q_lo σ}, e^{q_hi σ} for an LA of stock n at a level (e.g. 0.8). The errors
 * are not centred on their mean (τ² is the mean of e², not its variance), so no estimated mean widens the
 * next draw: σ(n)² = τ² + κ/n as fitted. (A factor 1 + 1/origins over-covers: 80% intervals from 2018
 * held 90–91% of outcomes.)
 */
export function intervalFactors(s: HorizonScale, n: number, level: number): [number, number] {
  const sigma = sigmaOf(s, n);
  return [Math.exp(quantileSorted(s.z, (1 - level) / 2) * sigma), Math.exp(quantileSorted(s.z, (1 + level) / 2) * sigma)];
}
