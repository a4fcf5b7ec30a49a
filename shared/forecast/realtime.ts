/**
 * Forecasts judged in real time: each vintage (a release as DfE published it on one day) is forecast from
 * its own panel only, as an analyst would have done that day, with the model fitted and its interval
 * calibrated on that vintage's (first-estimate) figures; the outcome is the newest vintage's figure for the
 * target year. Beside it, the final-data backtest of the same origin: the newest vintage cut at that origin,
 * so the two differ only by what DfE revised afterwards.
 */
import { forecastLa, prepareOrigin, type ClaOrigin } from './cla';
import type { PointModel } from './models';
import { cutPanel, type ClaPanel } from './panel';

export interface VintagePanel {
  /** The release id and as-of date of the vintage. */
  id: string;
  asOf: string;
  panel: ClaPanel;
}

export type RealTimeBasis = 'real-time' | 'final';

export interface RealTimeCell {
  vintage: string;
  asOf: string;
  origin: number;
  h: number;
  basis: RealTimeBasis;
  /** LAs scored: ≥ minChildren at the origin in both the vintage and the newest data, with an outturn. */
  n: number;
  /** Of those LAs, how many had their origin count revised between this vintage and the newest. */
  revised: number;
  /** Median absolute % error against the newest outturn, the CIC model and persistence. */
  cicMedianApe: number;
  persistenceMedianApe: number;
  /** Share of outturns inside the CIC model's calibrated interval; NaN where none could be calibrated. */
  coverage: number;
}

export interface RealTimeOptions {
  cic: PointModel;
  persistence: PointModel;
  horizons: number;
  level: number;
  minChildren: number;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** The last year a panel publishes any count: the origin a forecast made from that vintage would use. */
export function vintageOrigin(p: ClaPanel): number | null {
  for (let t = p.years.length - 1; t >= 0; t--) if (p.stock.some((row) => row[t] !== null && row[t] !== undefined)) return p.years[t]!;
  return null;
}

const countAt = (p: ClaPanel, row: number | undefined, year: number): number | null => {
  const t = p.years.indexOf(year);
  return row === undefined || t < 0 ? null : (p.stock[row]![t] ?? null);
};

/**
 * One row per vintage × horizon × basis, vintages oldest as-of first; the newest vintage (by as-of) gives
 * every outturn. Horizons whose target year the newest vintage does not publish give no row.
 */
export function realTimeBacktest(vintages: readonly VintagePanel[], opt: RealTimeOptions): RealTimeCell[] {
  if (vintages.length === 0) return [];
  const sorted = [...vintages].sort((a, b) => (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : 0));
  const newest = sorted[sorted.length - 1]!.panel;
  const newestRow = new Map(newest.las.map((la, i) => [la, i]));
  const finals = new Map<number, { o: ClaOrigin; p: ClaOrigin }>();
  const prepare = (p: ClaPanel) => ({ o: prepareOrigin(p, opt.cic), p: prepareOrigin(p, opt.persistence) });
  const cells: RealTimeCell[] = [];
  for (const v of sorted) {
    const origin = vintageOrigin(v.panel);
    if (origin === null || !newest.years.includes(origin)) continue;
    const hs = Array.from({ length: opt.horizons }, (_, k) => k + 1).filter((h) => newest.years.includes(origin + h));
    if (hs.length === 0) continue;
    const real = prepare(cutPanel(v.panel, origin));
    let fin = finals.get(origin);
    if (!fin) finals.set(origin, (fin = prepare(cutPanel(newest, origin))));
    // The same LAs on both bases, so the two differ only by the inputs.
    const las = v.panel.las.flatMap((la, row) => {
      const n = newestRow.get(la);
      const first = countAt(v.panel, row, origin);
      const final = countAt(newest, n, origin);
      return first !== null && final !== null && first >= opt.minChildren && final >= opt.minChildren ? [{ row, n: n!, revised: first !== final }] : [];
    });
    for (const [basis, prep] of [
      ['real-time', real],
      ['final', fin],
    ] as const) {
      for (const h of hs) {
        const cic: number[] = [];
        const per: number[] = [];
        let inside = 0;
        let scored = 0;
        let revised = 0;
        for (const { row, n, revised: moved } of las) {
          const actual = countAt(newest, n, origin + h);
          if (actual === null || actual <= 0) continue;
          const r = basis === 'real-time' ? row : n;
          const f = prep.o.forecast(r, h);
          const q = prep.p.forecast(r, h);
          if (!f || !q) continue;
          if (moved) revised++;
          cic.push((Math.abs(f[h - 1]! - actual) / actual) * 100);
          per.push((Math.abs(q[h - 1]! - actual) / actual) * 100);
          const iv = forecastLa(prep.o, r, h, opt.level);
          if (iv.ok) {
            scored++;
            const c = iv.rows[h - 1]!;
            if (actual >= c.lower && actual <= c.upper) inside++;
          }
        }
        if (cic.length === 0) continue;
        cells.push({
          vintage: v.id,
          asOf: v.asOf,
          origin,
          h,
          basis,
          n: cic.length,
          revised,
          cicMedianApe: median(cic),
          persistenceMedianApe: median(per),
          coverage: scored ? inside / scored : NaN,
        });
      }
    }
  }
  return cells;
}
