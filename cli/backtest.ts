/**
 * `cic backtest [--origins 2019-2024] [--horizons 3] [--level 0.8] [--min 20] [--json]`: the children-
 * looked-after forecast scored on held-out origins — each origin fitted and calibrated on the data up to it
 * only — beside persistence, compound growth and the other candidate models, as one table.
 */
import { backtest, type BacktestCell } from '../shared/forecast/backtest';
import { cicModel } from '../shared/forecast/cla';
import { blend, compoundGrowth3, dampedTrend, nationalTrend, persistence, shrunk, stockFlow, type PointModel } from '../shared/forecast/models';
import { readClaPanel } from '../shared/formulas/forecast-cla';
import type { BenchmarkSource } from '../shared/source';
import { read } from '../shared/source';

/** The three the issue compares first, then the other candidates the model was chosen from. */
export const BACKTEST_METHODS: readonly { name: string; model: PointModel }[] = [
  { name: 'cic', model: cicModel },
  { name: 'persistence', model: persistence },
  { name: 'growth3', model: compoundGrowth3 },
  { name: 'national0.5', model: nationalTrend(0.5) },
  { name: 'damped0.5', model: dampedTrend(0.5) },
  { name: 'stockflow', model: stockFlow(3) },
  { name: 'stockflow×0.3', model: shrunk(stockFlow(3), 0.3) },
  {
    name: 'blend',
    model: blend([
      [persistence, 0.6],
      [dampedTrend(0.5), 0.2],
      [stockFlow(3), 0.2],
    ]),
  },
];

export interface BacktestArgs {
  origins: number[] | null;
  horizons: number;
  level: number;
  minChildren: number;
  json: boolean;
}

export function parseBacktestArgs(args: string[]): BacktestArgs {
  const o: BacktestArgs = { origins: null, horizons: 3, level: 0.8, minChildren: 20, json: false };
  const numberAfter = (i: number, flag: string): number => {
    const v = Number(args[i + 1]);
    if (args[i + 1] === undefined || !Number.isFinite(v)) throw new Error(`${flag} needs a number`);
    return v;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--json') o.json = true;
    else if (a === '--horizons') o.horizons = numberAfter(i++, a);
    else if (a === '--level') o.level = numberAfter(i++, a);
    else if (a === '--min') o.minChildren = numberAfter(i++, a);
    else if (a === '--origins') {
      const m = /^(\d{4})(?:-(\d{4}))?$/.exec(args[++i] ?? '');
      const spec = args[i] ?? '';
      if (!m) {
        const list = spec.split(',').map(Number);
        if (spec === '' || list.some((y) => !Number.isInteger(y))) throw new Error('--origins needs years: 2019-2024 or 2019,2021');
        o.origins = list;
      } else {
        const lo = Number(m[1]);
        const hi = Number(m[2] ?? m[1]);
        o.origins = Array.from({ length: Math.max(0, hi - lo + 1) }, (_, k) => lo + k);
      }
    } else throw new Error(`unknown backtest option "${a}"`);
  }
  if (!Number.isInteger(o.horizons) || o.horizons < 1 || o.horizons > 10) throw new Error('--horizons must be 1 to 10');
  if (!(o.level >= 0.5 && o.level <= 0.99)) throw new Error('--level must be 0.5 to 0.99');
  return o;
}

const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '–');
const pct = (x: number | undefined) => (x !== undefined && Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '–');

/** The table as markdown: one row per origin × horizon, the three main methods in full, the rest by median. */
export function backtestTable(cells: readonly BacktestCell[], level: number): string {
  const key = (c: BacktestCell) => `${c.origin}|${c.h}`;
  const groups = new Map<string, BacktestCell[]>();
  for (const c of cells) groups.set(key(c), [...(groups.get(key(c)) ?? []), c]);
  const others = BACKTEST_METHODS.slice(3).map((m) => m.name);
  const L = `${Math.round(level * 100)}%`;
  const head = [
    'origin',
    'h',
    'n',
    'CIC median',
    'CIC mean',
    `CIC ${L} cover`,
    '±2√ŷ cover',
    'persistence median',
    'mean',
    `${L} cover`,
    'growth3 median',
    'mean',
    `${L} cover`,
    ...others.map((o) => `${o} median`),
  ];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const [, g] of groups) {
    const by = (name: string) => g.find((c) => c.method === name);
    const c = by('cic')!;
    const p = by('persistence');
    const gr = by('growth3');
    lines.push(
      `| ${[
        c.origin,
        c.h,
        c.n,
        f2(c.medianApe),
        f2(c.meanApe),
        pct(c.coverage),
        pct(c.band2sigma),
        f2(p?.medianApe ?? NaN),
        f2(p?.meanApe ?? NaN),
        pct(p?.coverage),
        f2(gr?.medianApe ?? NaN),
        f2(gr?.meanApe ?? NaN),
        pct(gr?.coverage),
        ...others.map((o) => f2(by(o)?.medianApe ?? NaN)),
      ].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

export async function runBacktest(src: BenchmarkSource, o: BacktestArgs): Promise<BacktestCell[]> {
  const { panel } = await read(() => readClaPanel(src, src.catalog()));
  const last = panel.years[panel.years.length - 1]!;
  // Default: every origin with an outcome and all methods' history (compound growth needs 3 prior years).
  const origins = o.origins ?? panel.years.filter((y) => y >= panel.years[0]! + 3 && y < last);
  for (const y of origins) if (!panel.years.includes(y) || y >= last) throw new Error(`origin ${y} has no later outcome in ${panel.years[0]}–${last}`);
  return backtest(panel, { methods: BACKTEST_METHODS, origins, horizons: o.horizons, level: o.level, minChildren: o.minChildren });
}

export async function backtestCommand(args: string[], src: BenchmarkSource, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const o = parseBacktestArgs(args);
  const cells = await runBacktest(src, o);
  if (o.json) out.write(`${JSON.stringify(cells, null, 2)}\n`);
  else {
    out.write(
      `Children looked after at 31 March (LACnum), LAs with ≥ ${o.minChildren} at the origin; absolute % error of the point forecast; cover = share of outcomes inside the calibrated ${Math.round(o.level * 100)}% interval.\n\n`,
    );
    out.write(`${backtestTable(cells, o.level)}\n`);
  }
  return 0;
}
