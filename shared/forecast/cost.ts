/**
 * Cost of the children-looked-after forecast by UK financial year. DfE's all-CLA weekly unit cost is
 * defined as the LA's total CLA outturn ÷ children looked after at 31 March ÷ 365 × 7, so the outturn of
 * the year ending 31 March Y is inverted as weekly × 365 / 7 × children at 31 March Y. The weekly cost is
 * the LA's latest published one for a year ending on or before the origin, compounded by `inflation` for
 * each year after that base year; the placement mix is the one inside that unit cost, held as it was.
 * The £ interval is the children interval at that unit cost (unit-cost uncertainty is not in it).
 */
import { fyLabel } from '../finance/fiscal-year';
import type { ClaForecastRow } from './cla';

export const DAYS_PER_UNIT_COST_YEAR = 365;

export interface CostForecastRow {
  /** "2025/26": 1 April 2025 – 31 March 2026. */
  fy: string;
  children: ClaForecastRow;
  weekly: number;
  expected: number;
  lower: number;
  upper: number;
}

/** `baseFyEnd` = calendar year of the 31 March closing the unit cost's financial year. */
export function costForecast(rows: readonly ClaForecastRow[], weekly: number, baseFyEnd: number, inflation: number): CostForecastRow[] {
  return rows.map((r) => {
    const w = weekly * Math.pow(1 + inflation, r.year - baseFyEnd);
    const perChild = (w * DAYS_PER_UNIT_COST_YEAR) / 7;
    return { fy: fyLabel(r.year - 1), children: r, weekly: w, expected: perChild * r.expected, lower: perChild * r.lower, upper: perChild * r.upper };
  });
}
