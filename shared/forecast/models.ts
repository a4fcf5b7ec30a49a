/**
 * Point forecasts of children looked after at 31 March, h = 1…H years after an origin year t, each from
 * the panel's years ≤ t only (the panel itself is cut at the origin, and every model reads indices ≤ t).
 * A model returns null where the LA lacks the history it needs; the CIC model falls back to persistence.
 */
import type { ClaPanel } from './panel';

export type PointModel = (p: ClaPanel, la: number, t: number, horizons: number) => number[] | null;

const at = (row: readonly (number | null)[], i: number): number | null => (i >= 0 && i < row.length ? (row[i] ?? null) : null);
const repeat = (v: number, n: number): number[] => Array.from({ length: n }, () => v);

/** "No change": the last published stock. */
export const persistence: PointModel = (p, la, t, H) => {
  const y = at(p.stock[la]!, t);
  return y === null ? null : repeat(y, H);
};

/** The seeds' method on history: the last three years' compound growth carried forward. */
export const compoundGrowth3: PointModel = (p, la, t, H) => {
  const y = at(p.stock[la]!, t);
  const y3 = at(p.stock[la]!, t - 3);
  if (y === null || y3 === null || y3 <= 0 || y <= 0) return null;
  const g = Math.pow(y / y3, 1 / 3);
  return Array.from({ length: H }, (_, k) => y * Math.pow(g, k + 1));
};

/** Mean yearly log growth over the last `k` years, or null when any is missing. */
function meanLogGrowth(row: readonly (number | null)[], t: number, k: number): number | null {
  const y = at(row, t);
  const yk = at(row, t - k);
  if (y === null || yk === null || y <= 0 || yk <= 0) return null;
  return Math.log(y / yk) / k;
}

/** y·e^{g(φ + … + φ^h)} for h = 1 … H: log growth g, damped by φ each year ahead. */
function dampedPath(y: number, g: number, phi: number, H: number): number[] {
  const out: number[] = [];
  let s = 0;
  for (let h = 1; h <= H; h++) {
    s += Math.pow(phi, h);
    out.push(y * Math.exp(g * s));
  }
  return out;
}

/** Damped trend: the last `k` years' log growth g, damped by φ each year ahead: log ŷ(t+h) = log y(t) + g(φ + … + φ^h). */
export const dampedTrend =
  (phi: number, k = 3): PointModel =>
  (p, la, t, H) => {
    const y = at(p.stock[la]!, t);
    const g = meanLogGrowth(p.stock[la]!, t, k);
    if (y === null || g === null) return null;
    return dampedPath(y, g, phi, H);
  };

/**
 * Stock-flow: entrants S = mean starts over the last `k` years; exit rate e = ceased ÷ (stock a year
 * earlier + starts), averaged over the same years; then y(t+1) = y(t) + S − e·(y(t) + S).
 * The published flows do not add up exactly to the change in stock (episodes, re-entries), so the step is
 * taken from y(t) with the rate, not from the identity.
 */
export const stockFlow =
  (k = 3): PointModel =>
  (p, la, t, H) => {
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

/** Geometric shrinkage of a model toward persistence: log ŷ = log y(t) + w·(log ŷ_model − log y(t)). */
export const shrunk =
  (model: PointModel, w: number): PointModel =>
  (p, la, t, H) => {
    const y = at(p.stock[la]!, t);
    const m = model(p, la, t, H);
    if (y === null || m === null || y <= 0) return null;
    return m.map((v) => (v > 0 ? y * Math.pow(v / y, w) : v));
  };

/** Geometric mean of several models' forecasts with weights summing to 1. */
export const blend =
  (parts: readonly [PointModel, number][]): PointModel =>
  (p, la, t, H) => {
    const got = parts.map(([m]) => m(p, la, t, H));
    if (got.some((g) => g === null || g.some((v) => !(v > 0)))) return null;
    return Array.from({ length: H }, (_, h) => Math.exp(parts.reduce((s, [, w], i) => s + w * Math.log(got[i]![h]!), 0)));
  };

/** Falls back to persistence where the model lacks history (new LAs, a suppressed year). */
export const orPersistence =
  (model: PointModel): PointModel =>
  (p, la, t, H) =>
    model(p, la, t, H) ?? persistence(p, la, t, H);

/** Simple exponential smoothing of log stock (α = weight of the newest year), flat ahead. */
export const smoothed =
  (alpha: number, k = 4): PointModel =>
  (p, la, t, H) => {
    const row = p.stock[la]!;
    let level: number | null = null;
    for (let j = t - k + 1; j <= t; j++) {
      const v = at(row, j);
      if (v === null || v <= 0) {
        if (j === t) return null;
        continue;
      }
      level = level === null ? Math.log(v) : alpha * Math.log(v) + (1 - alpha) * level;
    }
    return level === null ? null : repeat(Math.exp(level), H);
  };

/**
 * Mean yearly log growth of all LAs' total stock over the last k years, each year over the LAs published in
 * both years of the pair (so a reorganisation or a suppressed LA never reads as growth).
 */
export function nationalGrowth(p: ClaPanel, t: number, k = 1): number | null {
  if (t - k < 0) return null;
  let sum = 0;
  for (let j = t - k + 1; j <= t; j++) {
    let a = 0;
    let b = 0;
    for (const row of p.stock) {
      const v = at(row, j);
      const v0 = at(row, j - 1);
      if (v !== null && v0 !== null) {
        a += v;
        b += v0;
      }
    }
    if (a <= 0 || b <= 0) return null;
    sum += Math.log(a / b);
  }
  return sum / k;
}

/** England's (all LAs') recent log growth, damped by φ, applied to the LA's stock. */
export const nationalTrend =
  (phi: number, k = 1): PointModel =>
  (p, la, t, H) => {
    const y = at(p.stock[la]!, t);
    if (y === null) return null;
    const g = nationalGrowth(p, t, k);
    if (g === null) return null;
    return dampedPath(y, g, phi, H);
  };

/** England's last-year log growth g, a fraction λ of it applied once: ŷ(t+h) = y(t)·e^{λg} for every h. */
export const nationalStep =
  (lambda: number): PointModel =>
  (p, la, t, H) => {
    const y = at(p.stock[la]!, t);
    const g = nationalGrowth(p, t, 1);
    return y === null || g === null ? null : repeat(y * Math.exp(lambda * g), H);
  };
