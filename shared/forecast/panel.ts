/**
 * The data a children-looked-after forecast may use: for every LA, the stock at 31 March, starts and
 * cessations in the year to that 31 March, the child population, for consecutive years up to and including
 * the origin, and the statistical-neighbour groups. A model is only ever handed a panel cut at its origin
 * (cutPanel), so nothing published later can reach a forecast.
 */
import type { Catalog } from '../release/catalog';

export type Grid = readonly (readonly (number | null)[])[];

/** Statistical-neighbour models by name ("2021", "2025"): LA number (as text) → its neighbours' numbers. */
export type NeighbourModels = Readonly<Record<string, Readonly<Record<string, readonly number[]>>>>;

export interface ClaPanel {
  /** Consecutive calendar years (31 March), oldest first. */
  readonly years: readonly number[];
  /** DfE LA numbers (< 970), one row each. */
  readonly las: readonly number[];
  /** [la][year]: children looked after at 31 March; null = not published. */
  readonly stock: Grid;
  /** [la][year]: children who started to be looked after in the year to 31 March. */
  readonly starts: Grid;
  /** [la][year]: children who ceased to be looked after in the year to 31 March. */
  readonly ceased: Grid;
  /** [la][year]: children aged 0–17, the denominator of the year's published rates; absent in an old release. */
  readonly population?: Grid;
  /** Statistical-neighbour groups (structural, not outcomes); absent in an old release. */
  readonly neighbours?: NeighbourModels;
}

/** Stock, starts, cessations and population by year label (e.g. "2021"), each aligned with `las`. */
export interface ClaColumns {
  las: readonly number[];
  stock: ReadonlyMap<number, readonly (number | null)[]>;
  starts: ReadonlyMap<number, readonly (number | null)[]>;
  ceased: ReadonlyMap<number, readonly (number | null)[]>;
  population?: ReadonlyMap<number, readonly (number | null)[]> | undefined;
  neighbours?: NeighbourModels;
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
  const panel: ClaPanel = { years, las: cols.las, stock: grid(cols.stock), starts: grid(cols.starts), ceased: grid(cols.ceased) };
  return {
    ...panel,
    ...(cols.population ? { population: grid(cols.population) } : {}),
    ...(cols.neighbours ? { neighbours: cols.neighbours } : {}),
  };
}

/**
 * The panel as it stood at `year`: its years ≤ year only, as fresh arrays, so a model handed it cannot
 * read a later year by any index.
 */
export function cutPanel(p: ClaPanel, year: number): ClaPanel {
  const k = p.years.indexOf(year) + 1;
  if (k === 0) throw new Error(`year ${year} is not in the panel (${p.years[0]}–${p.years[p.years.length - 1]})`);
  const cut = (g: Grid) => g.map((row) => row.slice(0, k));
  return {
    years: p.years.slice(0, k),
    las: p.las,
    stock: cut(p.stock),
    starts: cut(p.starts),
    ceased: cut(p.ceased),
    ...(p.population ? { population: cut(p.population) } : {}),
    ...(p.neighbours ? { neighbours: p.neighbours } : {}),
  };
}

/** The panel's last year: the origin of any forecast made from it. */
export const originOf = (p: ClaPanel): number => p.years[p.years.length - 1]!;

/** Every statistical-neighbour model of a catalog as plain data (an LA without a group is left out). */
export function neighbourGroups(catalog: Catalog): NeighbourModels {
  return Object.fromEntries(
    catalog.neighbourModelNames().map((m) => [
      m,
      Object.fromEntries(
        catalog.las.flatMap((l) => {
          try {
            return [[String(l.number), catalog.neighboursOf(l, m)]];
          } catch {
            return []; // no group in this model (a council that no longer exists, England, a region)
          }
        }),
      ),
    ]),
  );
}
