/**
 * Numbers as `cic` prints them: an indicator's value to the decimals DfE publishes it with (the
 * dictionary's dps, else the most its published values show: shared/release/decimals.ts), so 22.3, 10;
 * `--raw` prints the double in full (15 significant digits, as Excel shows it). Quartile boundaries keep two more places: type-7 boundaries interpolate at quarters
 * between published values, so dps + 2 places hold them exactly (8.25 is not 8), and rounding one further
 * would put a value on its boundary in the wrong band.
 */
import { isCellError } from '../shared/excel/errors';
import { isEntity } from '../shared/formulas/invoke';
import type { CellOutcome } from '../shared/formulas/types';
import { publishedDecimals } from '../shared/release/decimals';
import type { Indicator } from '../shared/release/schema';
import { all, read, type BenchmarkSource } from '../shared/source';

/** The places an indicator's values are published to, over every year the source holds. */
export async function indicatorDecimals(src: BenchmarkSource, indicator: Indicator): Promise<number> {
  if (indicator.dps !== null) return indicator.dps;
  const dists = await read(() => all(indicator.years, (y) => src.distribution(indicator.key, y)));
  return publishedDecimals(
    indicator,
    dists.flatMap((d) => [...d.byLa.values(), d.england]),
  );
}

/** Full precision, as Excel shows a number (15 significant digits). */
export const fullPrecision = (v: number): string => String(Number(v.toPrecision(15)));

/** `v` to `dps` places ("10", "22.3", "22.0"); full precision when the release gives no decimals. */
export function toDecimals(v: number, dps: number | null): string {
  if (dps === null) return fullPrecision(v);
  const s = v.toFixed(dps);
  return Number(s) === 0 ? (0).toFixed(dps) : s; // never "-0.0"
}

/** A boundary to dps + 2 places, trailing zeros dropped (8.25, 10, 7.5). */
export const boundaryText = (v: number, dps: number | null): string => (dps === null ? fullPrecision(v) : String(Number(v.toFixed(dps + 2))));

const rounded = (v: number, dps: number): number => {
  const r = Number(v.toFixed(dps));
  return r === 0 ? 0 : r;
};

/**
 * The CIC functions whose answers are in the indicator's own units (their first argument names it), and
 * where in the answer those numbers are: the whole scalar, spill columns, or the card's formatted properties.
 */
const IN_UNITS: Record<string, (v: CellOutcome, dps: number) => CellOutcome | string> = {
  VALUE: (v, dps) => (typeof v === 'number' ? toDecimals(v, dps) : v),
  NATIONAL: (v, dps) => (typeof v === 'number' ? toDecimals(v, dps) : v),
  SNAVG: (v, dps) => (typeof v === 'number' ? toDecimals(v, dps) : v),
  BOUNDARIES: (v, dps) => columns(v, () => true, dps + 2),
  // Year, LA, Region, SN average, England, Lower, Upper, verdict: the header row is text.
  SERIES: (v, dps) => columns(v, (c) => c >= 1 && c <= 6, dps),
  // Release, As of, Value.
  REVISIONS: (v, dps) => columns(v, (c) => c === 2, dps),
  CARD: (v, dps) => {
    if (!isEntity(v)) return v;
    const properties = Object.fromEntries(
      Object.entries(v.properties).map(([k, p]) => [k, p.type === 'Double' && p.numberFormat ? { ...p, basicValue: rounded(p.basicValue, dps) } : p]),
    );
    return { ...v, properties };
  },
};

function columns(v: CellOutcome, which: (column: number) => boolean, dps: number): CellOutcome {
  if (!Array.isArray(v)) return v;
  return v.map((row) => row.map((x, c) => (typeof x === 'number' && which(c) ? rounded(x, dps) : x)));
}

/** Whether a function's answer is in its indicator's units (so its decimals apply). */
export const inIndicatorUnits = (id: string): boolean => id in IN_UNITS;

/**
 * The answer of CIC.<id> with its indicator's values to their published decimals: a scalar becomes its
 * text ("22.0"), numbers in a spill or a card are rounded. Anything else, and errors, unchanged.
 */
export function withDecimals(id: string, v: CellOutcome, dps: number | null): CellOutcome | string {
  const f = IN_UNITS[id];
  return f && dps !== null && !isCellError(v) ? f(v, dps) : v;
}
