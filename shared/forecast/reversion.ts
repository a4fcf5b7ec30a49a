/**
 * Reversion toward statistical neighbours, pooled across LAs: an LA whose children-looked-after rate stands
 * above its neighbours' average has, on average, grown more slowly than England over the following years,
 * and one below it faster. For each horizon h the model fits, by least squares over every LA and every
 * earlier origin o with o + h ≤ the origin (all inside the panel it is handed),
 *
 *   ln(y(o+h) ÷ y(o)) − G(o, o+h) = a_h + b_h·x(o),
 *
 * G the log growth of all LAs' total stock over the same years and x the LA's level: ln(its rate ÷ the
 * plain mean of its statistical neighbours' rates, as LAIT averages neighbours), averaged over the last
 * `years` years. The forecast is ŷ(t+h) = y(t)·e^{a_h + b_h·x(t)}, times England's latest growth damped by
 * φ when φ > 0. England's own future movement is not forecast (φ = 0): measured from earlier origins only,
 * it could not be (docs/method.md).
 */
import { at, dampedSum, nationalGrowth, totalGrowth, type PointModel } from './models';
import type { ClaPanel, NeighbourModels } from './panel';

export interface ReversionOptions {
  /** Years the relative level is averaged over. */
  years: number;
  /** Damping of England's latest growth added on top; 0 = none. */
  phi?: number;
  /** LAs with fewer children at an earlier origin are left out of the fit: their changes are mostly count noise. */
  minChildren?: number;
}

/** A neighbours' average needs at least half of a group of ten published. */
const MIN_NEIGHBOURS = 5;
/** A horizon is fitted from at least this many (LA, origin) pairs, i.e. about one origin of LAs. */
const MIN_PAIRS = 30;

/**
 * The neighbour model a forecast from `origin` uses: the newest published by then (models are named by
 * year), else the earliest there is. Groups are built from area characteristics, not from outcomes.
 */
export function neighbourModelFor(models: NeighbourModels, origin: number): Readonly<Record<string, readonly number[]>> | null {
  const names = Object.keys(models)
    .filter((n) => /^\d{4}$/.test(n))
    .sort();
  if (names.length === 0) return null;
  const upTo = names.filter((n) => Number(n) <= origin);
  return models[upTo.length ? upTo[upTo.length - 1]! : names[0]!] ?? null;
}

/** x[la][j]: ln(rate ÷ neighbours' mean rate), averaged over `years` years ending at j; null where not computable. */
export function relativeLevels(p: ClaPanel, years: number): (number | null)[][] {
  const T = p.years.length;
  const none = (): (number | null)[][] => p.las.map(() => Array<number | null>(T).fill(null));
  const pop = p.population;
  const groups = p.neighbours ? neighbourModelFor(p.neighbours, p.years[T - 1]!) : null;
  if (!pop || !groups) return none();
  const rowOf = new Map(p.las.map((n, i) => [n, i]));
  const rate = p.las.map((_, i) =>
    p.years.map((_, j) => {
      const y = at(p.stock[i]!, j);
      const n = at(pop[i]!, j);
      return y !== null && n !== null && y > 0 && n > 0 ? y / n : null;
    }),
  );
  const level = p.las.map((la, i) => {
    const nb = (Object.hasOwn(groups, String(la)) ? groups[String(la)]! : []).map((n) => rowOf.get(n)).filter((r): r is number => r !== undefined);
    return p.years.map((_, j) => {
      const own = rate[i]![j];
      if (own === null || own === undefined) return null;
      let sum = 0;
      let k = 0;
      for (const r of nb) {
        const v = rate[r]![j];
        if (v !== null && v !== undefined) {
          sum += v;
          k++;
        }
      }
      return k >= MIN_NEIGHBOURS ? Math.log(own / (sum / k)) : null;
    });
  });
  return level.map((row) =>
    row.map((_, j) => {
      if (j - years + 1 < 0) return null;
      let s = 0;
      for (let q = j - years + 1; q <= j; q++) {
        const v = row[q];
        if (v === null || v === undefined) return null;
        s += v;
      }
      return s / years;
    }),
  );
}

interface Line {
  a: number;
  b: number;
  pairs: number;
}

/** Least squares of d on [1, x]; null with too few pairs or no spread in x. */
function fitLine(xs: readonly number[], ds: readonly number[]): Line | null {
  const n = xs.length;
  if (n < MIN_PAIRS) return null;
  const mx = xs.reduce((s, v) => s + v, 0) / n;
  const md = ds.reduce((s, v) => s + v, 0) / n;
  let sxx = 0;
  let sxd = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i]! - mx) ** 2;
    sxd += (xs[i]! - mx) * (ds[i]! - md);
  }
  if (!(sxx > 0)) return null;
  const b = sxd / sxx;
  return { a: md - b * mx, b, pairs: n };
}

/**
 * The fitted line for each horizon, from the pairs inside the panel; a horizon too long for any earlier
 * origin to have its outcome keeps the longest fitted horizon's line (the reversion has mostly happened).
 */
export function reversionLines(p: ClaPanel, x: readonly (readonly (number | null)[])[], maxH: number, minChildren: number): (Line | null)[] {
  const t = p.years.length - 1;
  const out: (Line | null)[] = [];
  for (let h = 1; h <= maxH; h++) {
    const xs: number[] = [];
    const ds: number[] = [];
    for (let o = 0; o + h <= t; o++) {
      const G = totalGrowth(p, o, o + h);
      if (G === null) continue;
      p.las.forEach((_, la) => {
        const y = at(p.stock[la]!, o);
        const z = at(p.stock[la]!, o + h);
        const xo = x[la]![o];
        if (y === null || z === null || xo === null || xo === undefined || y < minChildren || z <= 0) return;
        xs.push(xo);
        ds.push(Math.log(z / y) - G);
      });
    }
    out.push(fitLine(xs, ds) ?? (h > 1 ? out[h - 2]! : null));
  }
  return out;
}

export const neighbourReversion =
  (opt: ReversionOptions): PointModel =>
  (p) => {
    const t = p.years.length - 1;
    const phi = opt.phi ?? 0;
    const x = relativeLevels(p, opt.years);
    const g = phi > 0 ? (nationalGrowth(p, t, 1) ?? 0) : 0;
    let lines: (Line | null)[] = [];
    return (la, H) => {
      const y = at(p.stock[la]!, t);
      const xt = x[la]![t];
      if (y === null || y <= 0 || xt === null || xt === undefined) return null;
      if (lines.length < H) lines = reversionLines(p, x, H, opt.minChildren ?? 20);
      if (!lines[0]) return null;
      return lines.slice(0, H).map((l, k) => y * Math.exp(l!.a + l!.b * xt + g * dampedSum(phi, k + 1)));
    };
  };
