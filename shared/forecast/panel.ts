/**
 * The data a children-looked-after forecast may use: for every LA, the stock at 31 March, starts and
 * cessations in the year to that 31 March, for consecutive years up to and including the origin. A panel
 * is built only from years ≤ the origin, so nothing published later can reach a forecast.
 */
export interface ClaPanel {
  /** Consecutive calendar years (31 March), oldest first. */
  readonly years: readonly number[];
  /** DfE LA numbers (< 970), one row each. */
  readonly las: readonly number[];
  /** [la][year]: children looked after at 31 March; null = not published. */
  readonly stock: readonly (readonly (number | null)[])[];
  /** [la][year]: children who started to be looked after in the year to 31 March. */
  readonly starts: readonly (readonly (number | null)[])[];
  /** [la][year]: children who ceased to be looked after in the year to 31 March. */
  readonly ceased: readonly (readonly (number | null)[])[];
}

/** Stock, starts and cessations by year label (e.g. "2021"), each aligned with `las`. */
export interface ClaColumns {
  las: readonly number[];
  stock: ReadonlyMap<number, readonly (number | null)[]>;
  starts: ReadonlyMap<number, readonly (number | null)[]>;
  ceased: ReadonlyMap<number, readonly (number | null)[]>;
}

const clean = (v: number | null | undefined): number | null => (v === null || v === undefined || !Number.isFinite(v) ? null : v);

/**
 * The panel from `first` to `last` inclusive. A year without a published column is a row of nulls, so the
 * years stay consecutive and index arithmetic (origin − h) stays valid.
 */
export function buildPanel(cols: ClaColumns, first: number, last: number): ClaPanel {
  const years: number[] = [];
  for (let y = first; y <= last; y++) years.push(y);
  const grid = (m: ReadonlyMap<number, readonly (number | null)[]>) => cols.las.map((_, i) => years.map((y) => clean(m.get(y)?.[i])));
  return { years, las: cols.las, stock: grid(cols.stock), starts: grid(cols.starts), ceased: grid(cols.ceased) };
}
