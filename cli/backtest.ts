/**
 * `cic backtest [--origins 2019-2024] [--horizons 3] [--level 0.8] [--min 20] [--json]`: the children-
 * looked-after forecast scored on held-out origins — each origin fitted and calibrated on the data up to it
 * only — beside persistence, compound growth and the other candidate models, as one table.
 */
import { backtest, nationalHindsight, unscorableReason, type BacktestCell } from '../shared/forecast/backtest';
import { cicModel } from '../shared/forecast/cla';
import { blend, compoundGrowth3, dampedTrend, nationalTrend, orPersistence, persistence, shrunk, stockFlow, type PointModel } from '../shared/forecast/models';
import { neighbourReversion } from '../shared/forecast/reversion';
import { rollingChoice } from '../shared/forecast/rolling';
import { readClaPanel } from '../shared/formulas/forecast-cla';
import type { BenchmarkSource } from '../shared/source';
import { read } from '../shared/source';
import { vintageBacktestCommand } from './backtest-vintages';

const reversion2 = neighbourReversion({ years: 2 });

/**
 * The three the issue compares first, then the other candidates (docs/method.md): the reversion's
 * variants, one chosen afresh at each origin from earlier errors, and the models measured before it. φ = 0.4
 * (national0.4, the previous CIC model, and reversion+φ0.4) was chosen on all of 2016–2025, so their
 * scores see the years they are judged on.
 */
export const BACKTEST_METHODS: readonly { name: string; model: PointModel }[] = [
  { name: 'cic', model: cicModel },
  { name: 'persistence', model: persistence },
  { name: 'growth3', model: compoundGrowth3 },
  { name: 'reversion2y', model: orPersistence(reversion2) },
  { name: 'rolling', model: orPersistence(rollingChoice([persistence, neighbourReversion({ years: 1 }), reversion2])) },
  { name: 'reversion+φ0.4', model: orPersistence(neighbourReversion({ years: 1, phi: 0.4 })) },
  { name: 'national0.4', model: orPersistence(nationalTrend(0.4)) },
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
  /** Real time: a folder of LAIT vintages (or their release files) to forecast from, each as it then stood. */
  vintages?: string;
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
    else if (a === '--vintages') {
      if (args[i + 1] === undefined) throw new Error('--vintages needs a folder');
      o.vintages = args[++i]!;
    } else if (a === '--origins') {
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

/** Per method, pooled over the origins run: median error and its ratio to persistence's, and the range of coverage. */
export function candidateTable(cells: readonly BacktestCell[], horizons: number, level: number): string {
  const L = `${Math.round(level * 100)}%`;
  const hs = Array.from({ length: horizons }, (_, i) => i + 1);
  const head = [
    'method',
    ...hs.map((h) => `median h=${h}`),
    ...hs.map((h) => `× persistence h=${h}`),
    `${L} cover, lowest–highest origin × h`,
    'cells beating persistence',
  ];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  const get = (m: string, o: number | 'all', h: number) => cells.find((c) => c.method === m && c.origin === o && c.h === h);
  for (const { name } of BACKTEST_METHODS) {
    const own = cells.filter((c) => c.method === name && c.origin !== 'all');
    if (own.length === 0) continue;
    const cover = own.map((c) => c.coverage).filter(Number.isFinite);
    const beats = own.filter((c) => c.medianApe < (get('persistence', c.origin, c.h)?.medianApe ?? NaN)).length;
    lines.push(
      `| ${[
        name,
        ...hs.map((h) => f2(get(name, 'all', h)?.medianApe ?? NaN)),
        ...hs.map((h) => ((get(name, 'all', h)?.medianApe ?? NaN) / (get('persistence', 'all', h)?.medianApe ?? NaN)).toFixed(3)),
        cover.length ? `${pct(Math.min(...cover))}–${pct(Math.max(...cover))}` : '–',
        `${beats} of ${own.length}`,
      ].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

export interface BacktestReport {
  cells: BacktestCell[];
  /** Origins asked for that give no row, and why. */
  unscored: { origin: number; reason: string }[];
  /** Per horizon over the scored origins: England's actual change known in advance, and persistence, median % error. */
  hindsight: { hindsight: number; persistence: number }[];
}

export async function runBacktestReport(src: BenchmarkSource, o: BacktestArgs): Promise<BacktestReport> {
  const { panel } = await read(() => readClaPanel(src, src.catalog()));
  const last = panel.years[panel.years.length - 1]!;
  // Default: every origin with an outcome and all methods' history (compound growth needs 3 prior years).
  const asked = o.origins ?? panel.years.filter((y) => y >= panel.years[0]! + 3 && y < last);
  const opt = { methods: BACKTEST_METHODS, horizons: o.horizons, minChildren: o.minChildren };
  const unscored = asked.flatMap((origin) => {
    const reason = unscorableReason(panel, origin, opt);
    return reason === null ? [] : [{ origin, reason }];
  });
  const origins = asked.filter((y) => !unscored.some((u) => u.origin === y));
  return {
    cells: origins.length ? backtest(panel, { ...opt, origins, level: o.level }) : [],
    unscored,
    hindsight: nationalHindsight(panel, origins, o.horizons, o.minChildren),
  };
}

export async function runBacktest(src: BenchmarkSource, o: BacktestArgs): Promise<BacktestCell[]> {
  return (await runBacktestReport(src, o)).cells;
}

const unscoredLine = (u: BacktestReport['unscored']): string => u.map((x) => `${x.origin}: ${x.reason}`).join('; ');

export async function backtestCommand(
  args: string[],
  src: BenchmarkSource,
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  const o = parseBacktestArgs(args);
  if (o.vintages !== undefined) return vintageBacktestCommand(o.vintages, o, out, err);
  const { cells, unscored, hindsight } = await runBacktestReport(src, o);
  if (cells.length === 0) throw new Error(`no origin asked for can be scored: ${unscoredLine(unscored)}`);
  if (o.json) {
    out.write(`${JSON.stringify(cells, null, 2)}\n`);
    if (unscored.length) err.write(`not scored: ${unscoredLine(unscored)}\n`);
  } else {
    out.write(
      `Children looked after at 31 March (LACnum), LAs with ≥ ${o.minChildren} at the origin; absolute % error of the point forecast; cover = share of outcomes inside the calibrated ${Math.round(o.level * 100)}% interval.\n\n`,
    );
    out.write(`${backtestTable(cells, o.level)}\n\n${candidateTable(cells, o.horizons, o.level)}\n`);
    const ratios = hindsight.map((x, i) => `h=${i + 1} ${(x.hindsight / x.persistence).toFixed(3)}`).join(', ');
    out.write(`\nKnowing England's actual change in advance (not a forecast; every LA with ≥ ${o.minChildren}): × persistence ${ratios}.\n`);
    if (unscored.length) out.write(`\nNot scored: ${unscoredLine(unscored)}\n`);
  }
  return 0;
}
