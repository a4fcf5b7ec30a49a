/**
 * Backtest on held-out origins: for each origin T, every method is handed the panel cut at T (exactly what
 * a release cut at T would hold: cutPanel copies the years ≤ T only), fitted and calibrated on it alone,
 * and its forecasts for T+1…T+H are scored here, outside the model, against the published outcomes, for
 * LAs with at least `minChildren` looked after at T. No model can see an outcome it is scored on.
 */
import { forecastLa, prepareOrigin } from './cla';
import { totalGrowth, type Forecaster, type PointModel } from './models';
import { cutPanel, type ClaPanel } from './panel';

export { cutPanel } from './panel';

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

/** LA rows every method forecasts from the panel's origin on its own (no fallback), with ≥ minChildren there. */
function commonLas(p: ClaPanel, fs: readonly Forecaster[], horizons: number, minChildren: number): number[] {
  const t = p.years.length - 1;
  return p.las
    .map((_, la) => la)
    .filter((la) => {
      const n = p.stock[la]![t];
      return n !== null && n !== undefined && n >= minChildren && fs.every((f) => f(la, horizons) !== null);
    });
}

/** Why an origin gives no row, or null when it can be scored. */
export function unscorableReason(full: ClaPanel, origin: number, opt: Omit<BacktestOptions, 'origins' | 'level'>): string | null {
  const first = full.years[0]!;
  const last = full.years[full.years.length - 1]!;
  if (!full.years.includes(origin)) return `not a year of the release's children-looked-after counts (${first}–${last})`;
  if (origin >= last) return `no later year is published to score it against (the counts end at ${last})`;
  const t = full.years.indexOf(origin);
  if (!full.stock.some((row) => (row[t] ?? -1) >= opt.minChildren)) return `no LA has ${opt.minChildren} or more children looked after at ${origin}`;
  const scorable = (y: number): { p: ClaPanel; fs: Forecaster[]; ok: boolean } => {
    const p = cutPanel(full, y);
    const fs = opt.methods.map((m) => m.model(p));
    return { p, fs, ok: commonLas(p, fs, opt.horizons, opt.minChildren).length > 0 };
  };
  const here = scorable(origin);
  if (here.ok) return null;
  const lacking = opt.methods.filter((_, i) => here.p.las.every((_, la) => here.fs[i]!(la, opt.horizons) === null));
  const firstOk = full.years.find((y) => y > origin && y < last && scorable(y).ok);
  const who = lacking.length
    ? `${lacking.map((m) => m.name).join(', ')} cannot forecast from it (too few years before it: the counts start at ${first})`
    : `no LA is forecast by every method`;
  return `${who}; methods are compared on the same LAs, so ${firstOk !== undefined ? `the first origin every method forecasts is ${firstOk}` : 'no origin in the release is forecast by every method'}`;
}

/**
 * Scores only (LA, origin) pairs where every method gives a forecast of its own (no fallback), so the
 * methods are compared on the same forecasts; compound growth needs 3 years of history, so the first
 * origin with every method is the panel's 4th year. An origin with no such pair gives no row
 * (unscorableReason says why).
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
    if (!full.years.includes(origin)) continue;
    // The only panel any model sees for this origin.
    const p = cutPanel(full, origin);
    const t = p.years.length - 1;
    const prepared = opt.methods.map((m) => ({ ...m, o: prepareOrigin(p, m.model) }));
    const here = new Map<string, Acc>();
    for (const la of commonLas(
      p,
      prepared.map((m) => m.o.forecast),
      opt.horizons,
      opt.minChildren,
    )) {
      prepared.forEach((m, mi) => {
        const f = forecastLa(m.o, la, opt.horizons, opt.level);
        const point = m.o.forecast(la, opt.horizons)!;
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

/**
 * Not a model (it reads the outcome): persistence moved by England's actual change from the origin to
 * each outcome year, G = ln(Σ y(t+h) ÷ Σ y(t)) over LAs published in both. Its median % error per
 * horizon over `origins` (LAs with ≥ minChildren and an outcome), beside persistence's on the same LAs, is
 * what knowing the national movement in advance would give: the most any national forecast could add.
 */
export function nationalHindsight(
  full: ClaPanel,
  origins: readonly number[],
  horizons: number,
  minChildren: number,
): { hindsight: number; persistence: number }[] {
  return Array.from({ length: horizons }, (_, k) => {
    const h = k + 1;
    const moved: number[] = [];
    const still: number[] = [];
    for (const origin of origins) {
      const t = full.years.indexOf(origin);
      if (t < 0 || t + h >= full.years.length) continue;
      const G = totalGrowth(full, t, t + h);
      if (G === null) continue;
      for (const row of full.stock) {
        const y = row[t];
        const z = row[t + h];
        if (y === null || y === undefined || z === null || z === undefined || y < minChildren || z <= 0) continue;
        moved.push((Math.abs(y * Math.exp(G) - z) / z) * 100);
        still.push((Math.abs(y - z) / z) * 100);
      }
    }
    return { hindsight: median(moved), persistence: median(still) };
  });
}
