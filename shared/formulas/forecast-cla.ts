/**
 * CIC.CLAFORECAST and CIC.COSTFORECAST: children looked after (and their cost) for an LA, forecast from
 * LAIT's published counts with an interval calibrated on the method's own earlier errors. Both read only
 * years up to `from_year`, so a release cut at that year gives the same answer as the full one.
 */
import { choice, optKey, optNum, optRate, type RateRange } from '../excel/args';
import { naError, valueError } from '../excel/errors';
import { forecastLa, MAX_YEARS, prepareOrigin, type ClaForecastRow, type ClaOrigin } from '../forecast/cla';
import { costForecast } from '../forecast/cost';
import { buildPanel, neighbourGroups, type ClaPanel } from '../forecast/panel';
import type { Catalog } from '../release/catalog';
import { isLaNumber } from '../release/distribution';
import { resolveYear } from '../release/years';
import { all, type BenchmarkSource } from '../source';
import { laArg } from './resolve';
import type { CicFunctionDef, ParamDef } from './types';

export const CLA_KEYS = { stock: 'LACnum', starts: 'LACnum_Start', ceased: 'LACceased', population: 'ONS_Pop0to17' } as const;
const UNIT_COST_MEASURE = 'LACFinance';

interface LoadedOrigin {
  from: number;
  origin: ClaOrigin;
  rowOf: ReadonlyMap<number, number>;
}

// Per (release, from_year): the panel, its pooled errors and scales. A sheet of forecasts shares one.
const CACHE_LIMIT = 32;
const cache = new Map<string, LoadedOrigin>();

const yearOfLabel = (label: string): number | null => (/^\d{4}$/.test(label) ? Number(label) : null);

function loadOrigin(src: BenchmarkSource, catalog: Catalog, fromArg: unknown): LoadedOrigin {
  const stockInd = catalog.indicator(CLA_KEYS.stock);
  const label = resolveYear(stockInd.years, optKey(fromArg, 'from_year'), stockInd.key, stockInd.yearType);
  const from = yearOfLabel(label);
  if (from === null) throw valueError(`from_year must be a year such as 2021 (got "${label}")`);
  const id = `${catalog.release.id}\u0000${catalog.release.contentHash}\u0000${from}`;
  let hit = cache.get(id);
  if (!hit) {
    hit = buildOrigin(src, catalog, from);
    cache.set(id, hit);
    if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  }
  return hit;
}

/** The panel of every LA's stock, starts and cessations for the published years ≤ `upTo` (default all). */
export function readClaPanel(src: BenchmarkSource, catalog: Catalog, upTo = Infinity): { panel: ClaPanel; las: number[] } {
  const from = upTo;
  // Sorted by number so a release listing LAs in another order sums and fits in the same order.
  const las = catalog.las
    .filter((l) => isLaNumber(l.number))
    .map((l) => l.number)
    .sort((a, b) => a - b);
  type Columns = Map<number, (number | null)[]>;
  const column = (key: string): Columns => {
    const ind = catalog.indicator(key);
    const out = new Map<number, (number | null)[]>();
    const wanted = ind.years.filter((y) => {
      const n = yearOfLabel(y);
      return n !== null && n <= from;
    });
    const dists = all(wanted, (y) => src.distribution(ind.key, y));
    dists.forEach((d, i) =>
      out.set(
        Number(wanted[i]),
        las.map((n) => d.byLa.get(n) ?? null),
      ),
    );
    return out;
  };
  const hasPopulation = catalog.indicators.some((i) => i.key === CLA_KEYS.population);
  const keys = [CLA_KEYS.stock, CLA_KEYS.starts, CLA_KEYS.ceased, ...(hasPopulation ? [CLA_KEYS.population] : [])];
  const [stock, starts, ceased, population] = all(keys, column) as [Columns, Columns, Columns, Columns | undefined];
  if (stock.size === 0) throw naError(`${CLA_KEYS.stock} has no year up to ${from}`);
  const cols = { las, stock, starts, ceased, population, neighbours: neighbourGroups(catalog) };
  const panel = buildPanel(cols, Math.min(...stock.keys()), Math.max(...stock.keys()));
  return { panel, las };
}

function buildOrigin(src: BenchmarkSource, catalog: Catalog, from: number): LoadedOrigin {
  const { panel, las } = readClaPanel(src, catalog, from);
  return { from, origin: prepareOrigin(panel), rowOf: new Map(las.map((n, i) => [n, i])) };
}

function yearsArg(x: unknown): number {
  const v = optNum(x, 'years') ?? 3;
  if (!Number.isInteger(v) || v < 1 || v > MAX_YEARS) throw valueError(`years must be a whole number from 1 to ${MAX_YEARS} (got ${v})`);
  return v;
}

const COVERAGE: RateRange = { min: 0.5, max: 0.99, minIncluded: true, maxIncluded: true };
const INFLATION: RateRange = { min: -0.5, max: 1, per: ' a year' };
const levelArg = (x: unknown): number => optRate(x, 'level', COVERAGE, 0.8);

function claRows(
  src: BenchmarkSource,
  laX: unknown,
  yearsX: unknown,
  fromX: unknown,
  levelX: unknown,
): { rows: ClaForecastRow[]; la: { number: number; name: string }; catalog: Catalog; from: number } {
  const years = yearsArg(yearsX);
  const level = levelArg(levelX);
  const catalog = src.catalog();
  const la = laArg(catalog, laX);
  if (!isLaNumber(la.number)) throw naError(`${la.name}: forecasts are made for a local authority, not England or a region`);
  const o = loadOrigin(src, catalog, fromX);
  const row = o.rowOf.get(la.number);
  const f = row === undefined ? { ok: false as const, reason: 'not in the release' } : forecastLa(o.origin, row, years, level);
  if (!f.ok) throw naError(`${la.name} from ${o.from}: ${f.reason}`);
  return { rows: f.rows, la, catalog, from: o.from };
}

const any = (name: string, description: string, optional = false): ParamDef => ({ name, type: 'any', description, optional: optional || undefined });
const P = {
  la: any('la', 'Local authority: DfE number (855), ONS code (E10000018) or name'),
  years: any('years', `Years ahead, 1 to ${MAX_YEARS}; default 3`, true),
  from: any('from_year', 'Origin: the last 31 March whose data the forecast may use, e.g. 2021; default the latest published. Later years are ignored.', true),
  level: any('level', 'Interval coverage, 50%–99%; default 80%', true),
};

export const CLAFORECAST: CicFunctionDef = {
  id: 'CLAFORECAST',
  description:
    "Spills a forecast of children looked after at 31 March for an LA: year, expected, lower, upper. Uses only data published up to from_year; the interval is calibrated on the method's own earlier errors across all LAs.",
  params: [P.la, P.years, P.from, P.level],
  result: { type: 'any', dimensionality: 'matrix' },
  data: 'release',
  run(src, [la, years, from, level]) {
    const { rows } = claRows(src, la, years, from, level);
    return [['Year (31 March)', 'Expected', 'Lower', 'Upper'], ...rows.map((r) => [String(r.year), r.expected, r.lower, r.upper])];
  },
};

const VIEWS = { total: 'total', cost: 'total', detail: 'detail', details: 'detail', children: 'detail' } as const;

/** The LA's all-CLA weekly unit cost for the latest financial year ending on or before 31 March `from`. */
function baseUnitCost(src: BenchmarkSource, catalog: Catalog, la: { number: number; name: string }, from: number): { weekly: number; fyEnd: number } {
  const ind = catalog.indicator(UNIT_COST_MEASURE);
  const candidates = ind.years
    .map((y) => {
      const m = /^(\d{4})/.exec(y);
      return { y, end: m ? Number(m[1]) + 1 : Infinity };
    })
    .filter((c) => c.end <= from)
    .reverse();
  all(candidates, (c) => src.distribution(ind.key, c.y));
  for (const c of candidates) {
    const v = src.distribution(ind.key, c.y).byLa.get(la.number);
    if (v !== null && v !== undefined && v > 0) return { weekly: v, fyEnd: c.end };
  }
  throw naError(`${la.name}: no ${UNIT_COST_MEASURE} unit cost is published for a financial year ending by 31 March ${from}`);
}

export const COSTFORECAST: CicFunctionDef = {
  id: 'COSTFORECAST',
  description:
    "Spills the cost of the children-looked-after forecast by UK financial year: expected, lower, upper £, from the LA's published weekly unit cost (which holds its placement mix) with inflation compounded yearly.",
  params: [
    P.la,
    P.years,
    P.from,
    any('inflation', "Yearly unit-cost inflation after the unit cost's year, e.g. 4%; default 0 (prices of that year)", true),
    P.level,
    any('view', '"total" (default): financial year, expected, lower, upper £; "detail": also children at 31 March and the weekly unit cost', true),
  ],
  result: { type: 'any', dimensionality: 'matrix' },
  data: 'release',
  run(src, [laX, years, from, inflationX, level, viewX]) {
    const inflation = optRate(inflationX, 'inflation', INFLATION, 0);
    const view = choice(viewX, 'view', VIEWS, 'total');
    const { rows, la, catalog, from: fromYear } = claRows(src, laX, years, from, level);
    const base = baseUnitCost(src, catalog, la, fromYear);
    const cost = costForecast(rows, base.weekly, base.fyEnd, inflation);
    if (view === 'total') return [['Financial year', 'Expected £', 'Lower £', 'Upper £'], ...cost.map((c) => [c.fy, c.expected, c.lower, c.upper])];
    return [
      ['Financial year', 'Children (31 March)', 'Children lower', 'Children upper', 'Weekly unit cost £', 'Expected £', 'Lower £', 'Upper £'],
      ...cost.map((c) => [c.fy, c.children.expected, c.children.lower, c.children.upper, c.weekly, c.expected, c.lower, c.upper]),
    ];
  },
};

/** For tests: forget cached origins. */
export const clearForecastCache = (): void => cache.clear();
