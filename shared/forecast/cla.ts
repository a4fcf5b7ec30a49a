/**
 * The CIC children-looked-after forecast: the model chosen by backtest, its calibrated interval, and the
 * forecast rows for one LA from one origin.
 */
import { calibrate, intervalFactors, MIN_ORIGINS, pooledErrors, type HorizonScale, type ScaledError } from './calibrate';
import { orPersistence, type Forecaster, type PointModel } from './models';
import type { ClaPanel } from './panel';
import { neighbourReversion } from './reversion';

/**
 * Persistence moved toward the LA's statistical neighbours by the pooled reversion fitted on earlier
 * origins only (reversion.ts); where the LA has no neighbours' average or no fit exists yet, persistence.
 * Chosen on the 2016–2025 backtest among the candidates in docs/method.md.
 */
export const cicModel: PointModel = orPersistence(neighbourReversion({ years: 1 }));

/** Longest forecast the functions give (calibration beyond the data borrows a shorter horizon). */
export const MAX_YEARS = 10;

export interface ClaOrigin {
  panel: ClaPanel;
  /** The model as fitted on this panel (cut at the origin). */
  forecast: Forecaster;
  errors: readonly ScaledError[][];
  /** Null when too few earlier origins exist to calibrate any interval. */
  scales: readonly HorizonScale[] | null;
}

/** Everything level-independent about one origin (the panel's last year): computed once, reused by every cell. */
export function prepareOrigin(panel: ClaPanel, model: PointModel = cicModel): ClaOrigin {
  const errors = pooledErrors(panel, model, MAX_YEARS);
  return { panel, forecast: model(panel), errors, scales: calibrate(errors, panel.years[panel.years.length - 1]!) };
}

export interface ClaForecastRow {
  /** 31 March of this calendar year. */
  year: number;
  expected: number;
  lower: number;
  upper: number;
}

export type ClaForecastResult = { ok: true; rows: ClaForecastRow[] } | { ok: false; reason: string };

export function forecastLa(o: ClaOrigin, laIndex: number, years: number, level: number): ClaForecastResult {
  const p = o.panel;
  const t = p.years.length - 1;
  const from = p.years[t]!;
  const n = p.stock[laIndex]![t];
  if (n === null || n === undefined) return { ok: false, reason: `no children-looked-after count is published for ${from}` };
  if (n <= 0) return { ok: false, reason: `the published count for ${from} is ${n}, so no relative interval exists` };
  if (!o.scales) {
    return {
      ok: false,
      reason: `too few earlier origins to calibrate an interval (it needs the errors of forecasts from at least ${MIN_ORIGINS} earlier years; the first origin with them is ${p.years[0]! + MIN_ORIGINS})`,
    };
  }
  const f = o.forecast(laIndex, years);
  if (!f) return { ok: false, reason: 'the model gives no forecast for it' };
  const rows: ClaForecastRow[] = [];
  for (let h = 1; h <= years; h++) {
    const s = o.scales[h - 1]!;
    const [lo, hi] = intervalFactors(s, n, level);
    const e = f[h - 1]!;
    // Past errors all one way could put both quantiles on one side; the interval always holds its own forecast.
    rows.push({ year: from + h, expected: e, lower: Math.min(e * lo, e), upper: Math.max(e * hi, e) });
  }
  return { ok: true, rows };
}
