/**
 * A model chosen afresh at every origin from fixed candidates by their own out-of-sample errors: for
 * horizon h, each candidate is run at every earlier origin o with o + h ≤ the origin — handed the panel cut
 * at o — and scored on the outcomes the panel holds; the one with the lowest median absolute % error
 * (LAs with ≥ minChildren at o) forecasts horizon h. Nothing after the origin is read, and no choice is
 * made on the origins being judged.
 */
import { at, type Forecaster, type PointModel } from './models';
import { cutPanel } from './panel';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Which candidate (index) forecasts each horizon 1…maxH from the panel's origin. */
export function rollingPicks(p: Parameters<PointModel>[0], candidates: readonly PointModel[], maxH: number, minChildren = 20): number[] {
  const t = p.years.length - 1;
  const run = new Map<number, Forecaster[]>();
  const at0 = (o: number): Forecaster[] => {
    let f = run.get(o);
    if (!f) run.set(o, (f = candidates.map((c) => c(cutPanel(p, p.years[o]!)))));
    return f;
  };
  const picks: number[] = [];
  for (let h = 1; h <= maxH; h++) {
    const errs: number[][] = candidates.map(() => []);
    for (let o = 0; o + h <= t; o++) {
      const fs = at0(o);
      p.las.forEach((_, la) => {
        const y = at(p.stock[la]!, o);
        const z = at(p.stock[la]!, o + h);
        if (y === null || z === null || y < minChildren || z <= 0) return;
        fs.forEach((f, c) => errs[c]!.push(Math.abs((f(la, h)?.[h - 1] ?? y) - z) / z));
      });
    }
    let best = h > 1 ? picks[h - 2]! : 0;
    let bestErr = Infinity;
    errs.forEach((e, c) => {
      const m = median(e);
      if (m < bestErr) {
        bestErr = m;
        best = c;
      }
    });
    picks.push(best);
  }
  return picks;
}

export const rollingChoice =
  (candidates: readonly PointModel[], minChildren = 20): PointModel =>
  (p) => {
    const fs = candidates.map((c) => c(p));
    let picks: number[] = [];
    return (la, H) => {
      if (picks.length < H) picks = rollingPicks(p, candidates, H, minChildren);
      const out: number[] = [];
      for (let h = 1; h <= H; h++) {
        const v = fs[picks[h - 1]!]!(la, H)?.[h - 1];
        if (v === undefined) return null;
        out.push(v);
      }
      return out;
    };
  };
