/**
 * Backtest on held-out origins: for each origin T, every method is fitted and calibrated on the panel cut at
 * T (exactly what a release cut at T would hold), and its forecasts for T+1…T+H are scored against the
 * published outcomes, for LAs with at least `minChildren` looked after at T.
 */
import { forecastLa, prepareOrigin } from './cla';
import type { PointModel } from './models';
import type { ClaPanel } from './panel';

/** The panel as it stood at `year` (its years ≤ year only). */
export function cutPanel(p: ClaPanel, year: number): ClaPanel {
  const k = p.years.indexOf(year) + 1;
  if (k === 0) throw new Error(`year ${year} is not in the panel (${p.years[0]}–${p.years[p.years.length - 1]})`);
  const cut = (g: ClaPanel['stock']) => g.map((row) => row.slice(0, k));
  return { years: p.years.slice(0, k), las: p.las, stock: cut(p.stock), starts: cut(p.starts), ceased: cut(p.ceased) };
}

export interface BacktestCell {
  method: string;
  /** Origin year, or 'all' for every origin pooled. */
  origin: number | 'all';
  h: number;
  /** Forecasts scored (LAs with an outcome and ≥ minChildren at the origin). */
  n: number;
  medianApe: number;
  meanApe: number;
  /** Share of outcomes inside the method's calibrated interval; NaN where no interval could be calibrated. */
  coverage: number;
  /** Share inside ŷ ± 2√ŷ (a D2I-style ±2σ count band), scored for the first method only. */
  band2sigma?: number;
}

export interface BacktestOptions {
  methods: readonly { name: string; model: PointModel }[];
  origins: readonly number[];
  horizons: number;
  level: number;
  minChildren: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);

interface Acc {
  ape: number[];
  inside: number;
  scored: number;
  band: number;
}

/**
 * Scores only (LA, origin) pairs where every method gives a forecast of its own (no fallback), so the
 * methods are compared on the same forecasts; compound growth needs 3 years of history, so the first
 * origin with every method is the panel's 4th year.
 */
export function backtest(full: ClaPanel, opt: BacktestOptions): BacktestCell[] {
  const cells: BacktestCell[] = [];
  const pooled = new Map<string, Acc>();
  const acc = (m: Map<string, Acc>, k: string): Acc => {
    let a = m.get(k);
    if (!a) m.set(k, (a = { ape: [], inside: 0, scored: 0, band: 0 }));
    return a;
  };
  for (const origin of opt.origins) {
    const p = cutPanel(full, origin);
    const t = p.years.length - 1;
    const prepared = opt.methods.map((m) => ({ ...m, o: prepareOrigin(p, m.model) }));
    const here = new Map<string, Acc>();
    for (let la = 0; la < p.las.length; la++) {
      const n = p.stock[la]![t];
      if (n === null || n === undefined || n < opt.minChildren) continue;
      if (prepared.some((m) => m.model(p, la, t, opt.horizons) === null)) continue;
      prepared.forEach((m, mi) => {
        const f = forecastLa(m.o, la, opt.horizons, opt.level, m.model);
        const point = m.model(p, la, t, opt.horizons)!;
        for (let h = 1; h <= opt.horizons; h++) {
          const actual = full.stock[la]![t + h];
          if (actual === null || actual === undefined || actual <= 0) continue;
          const e = point[h - 1]!;
          for (const a of [acc(here, `${m.name}|${h}`), acc(pooled, `${m.name}|${h}`)]) {
            a.ape.push((Math.abs(e - actual) / actual) * 100);
            if (f.ok) {
              const r = f.rows[h - 1]!;
              a.scored++;
              if (actual >= r.lower && actual <= r.upper) a.inside++;
            }
            if (mi === 0 && Math.abs(actual - e) <= 2 * Math.sqrt(e)) a.band++;
          }
        }
      });
    }
    emit(here, origin);
  }
  emit(pooled, 'all');
  return cells;

  function emit(m: Map<string, Acc>, origin: number | 'all'): void {
    for (let h = 1; h <= opt.horizons; h++) {
      opt.methods.forEach((meth, mi) => {
        const a = m.get(`${meth.name}|${h}`);
        if (!a || a.ape.length === 0) return;
        const cell: BacktestCell = {
          method: meth.name,
          origin,
          h,
          n: a.ape.length,
          medianApe: median(a.ape),
          meanApe: mean(a.ape),
          coverage: a.scored ? a.inside / a.scored : NaN,
        };
        if (mi === 0) cell.band2sigma = a.band / a.ape.length;
        cells.push(cell);
      });
    }
  }
}
