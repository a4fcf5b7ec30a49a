/**
 * Point forecasts of children looked after at 31 March, h = 1…H years after an origin. A model is handed
 * the panel cut at its origin (its last year is the origin) and nothing else, so it cannot read a later
 * year however it indexes; it returns, per LA, ŷ(origin + 1 … origin + H), or null where the LA lacks the
 * history it needs (the CIC model falls back to persistence).
 */
import type { ClaPanel } from './panel';

/** One origin's forecasts: LA row → ŷ for h = 1…H, or null. */
export type Forecaster = (la: number, horizons: number) => number[] | null;
/** Fits on the panel it is handed (cut at the origin), once; then forecasts any LA of it. */
export type PointModel = (p: ClaPanel) => Forecaster;

export const at = (row: readonly (number | null)[], i: number): number | null => (i >= 0 && i < row.length ? (row[i] ?? null) : null);
const repeat = (v: number, n: number): number[] => Array.from({ length: n }, () => v);
const last = (p: ClaPanel): number => p.years.length - 1;

/** "No change": the last published stock. */
export const persistence: PointModel = (p) => {
  const t = last(p);
  return (la, H) => {
    const y = at(p.stock[la]!, t);
    return y === null ? null : repeat(y, H);
  };
};

/** The seeds' method on history: the last three years' compound growth carried forward. */
export const compoundGrowth3: PointModel = (p) => {
  const t = last(p);
  return (la, H) => {
    const y = at(p.stock[la]!, t);
    const y3 = at(p.stock[la]!, t - 3);
    if (y === null || y3 === null || y3 <= 0 || y <= 0) return null;
    const g = Math.pow(y / y3, 1 / 3);
    return Array.from({ length: H }, (_, k) => y * Math.pow(g, k + 1));
  };
};

/** Mean yearly log growth over the last `k` years, or null when any is missing. */
function meanLogGrowth(row: readonly (number | null)[], t: number, k: number): number | null {
  const y = at(row, t);
  const yk = at(row, t - k);
  if (y === null || yk === null || y <= 0 || yk <= 0) return null;
  return Math.log(y / yk) / k;
}

/** φ + φ² + … + φʰ: how much of a yearly growth a damped trend has added h years ahead. */
export const dampedSum = (phi: number, h: number): number => {
  let s = 0;
  for (let j = 1; j <= h; j++) s += Math.pow(phi, j);
  return s;
};

/** y·e^{g(φ + … + φ^h)} for h = 1 … H: log growth g, damped by φ each year ahead. */
const dampedPath = (y: number, g: number, phi: number, H: number): number[] => Array.from({ length: H }, (_, k) => y * Math.exp(g * dampedSum(phi, k + 1)));

/** Damped trend: the last `k` years' log growth g, damped by φ each year ahead: log ŷ(t+h) = log y(t) + g(φ + … + φ^h). */
export const dampedTrend =
  (phi: number, k = 3): PointModel =>
  (p) => {
    const t = last(p);
    return (la, H) => {
      const y = at(p.stock[la]!, t);
      const g = meanLogGrowth(p.stock[la]!, t, k);
      return y === null || g === null ? null : dampedPath(y, g, phi, H);
    };
  };

/**
 * Stock-flow: entrants S = mean starts over the last `k` years; exit rate e = ceased ÷ (stock a year
 * earlier + starts), averaged over the same years; then y(t+1) = y(t) + S − e·(y(t) + S).
 * The published flows do not add up exactly to the change in stock (episodes, re-entries), so the step is
 * taken from y(t) with the rate, not from the identity.
 */
export const stockFlow =
  (k = 3): PointModel =>
  (p) => {
    const t = last(p);
    return (la, H) => {
      const stock = p.stock[la]!;
      const y = at(stock, t);
      if (y === null) return null;
      let sSum = 0;
      let eSum = 0;
      for (let j = t - k + 1; j <= t; j++) {
        const s = at(p.starts[la]!, j);
        const c = at(p.ceased[la]!, j);
        const y0 = at(stock, j - 1);
        if (s === null || c === null || y0 === null || y0 + s <= 0) return null;
        sSum += s;
        eSum += c / (y0 + s);
      }
      const S = sSum / k;
      const e = eSum / k;
      const out: number[] = [];
      let cur = y;
      for (let h = 1; h <= H; h++) {
        cur = cur + S - e * (cur + S);
        out.push(cur);
      }
      return out;
    };
  };

/** Geometric shrinkage of a model toward persistence: log ŷ = log y(t) + w·(log ŷ_model − log y(t)). */
export const shrunk =
  (model: PointModel, w: number): PointModel =>
  (p) => {
    const t = last(p);
    const f = model(p);
    return (la, H) => {
      const y = at(p.stock[la]!, t);
      const m = f(la, H);
      if (y === null || m === null || y <= 0) return null;
      return m.map((v) => (v > 0 ? y * Math.pow(v / y, w) : v));
    };
  };

/** Geometric mean of several models' forecasts with weights summing to 1. */
export const blend =
  (parts: readonly [PointModel, number][]): PointModel =>
  (p) => {
    const fs = parts.map(([m]) => m(p));
    return (la, H) => {
      const got = fs.map((f) => f(la, H));
      if (got.some((g) => g === null || g.some((v) => !(v > 0)))) return null;
      return Array.from({ length: H }, (_, h) => Math.exp(parts.reduce((s, [, w], i) => s + w * Math.log(got[i]![h]!), 0)));
    };
  };

/** Falls back to persistence where the model lacks history (new LAs, a suppressed year). */
export const orPersistence =
  (model: PointModel): PointModel =>
  (p) => {
    const f = model(p);
    const q = persistence(p);
    return (la, H) => f(la, H) ?? q(la, H);
  };

/**
 * Log growth of all LAs' total stock from year index `a` to `b`, over the LAs published in both (so a
 * reorganisation or a suppressed LA never reads as growth); null where no LA has both.
 */
export function totalGrowth(p: ClaPanel, a: number, b: number): number | null {
  let sa = 0;
  let sb = 0;
  for (const row of p.stock) {
    const va = at(row, a);
    const vb = at(row, b);
    if (va !== null && vb !== null) {
      sa += va;
      sb += vb;
    }
  }
  return sa > 0 && sb > 0 ? Math.log(sb / sa) : null;
}

/** Mean yearly log growth of all LAs' total stock over the last k years up to index t (each year as totalGrowth). */
export function nationalGrowth(p: ClaPanel, t: number, k = 1): number | null {
  if (t - k < 0) return null;
  let sum = 0;
  for (let j = t - k + 1; j <= t; j++) {
    const g = totalGrowth(p, j - 1, j);
    if (g === null) return null;
    sum += g;
  }
  return sum / k;
}

/** England's (all LAs') recent log growth, damped by φ, applied to the LA's stock. */
export const nationalTrend =
  (phi: number, k = 1): PointModel =>
  (p) => {
    const t = last(p);
    const g = nationalGrowth(p, t, k);
    return (la, H) => {
      const y = at(p.stock[la]!, t);
      return y === null || g === null ? null : dampedPath(y, g, phi, H);
    };
  };
