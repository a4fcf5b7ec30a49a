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
import { command, parseCommand, UsageError, type Parsed } from './args';
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
}

export const BACKTEST_COMMAND = command({
  name: 'backtest',
  usage: `usage: cic backtest [--origins 2019-2024] [--horizons 3] [--level 0.8] [--min 20] [--json] [--release FILE] [--vintages DIR]
The children-looked-after forecast (CIC.CLAFORECAST) scored on held-out origins, each fitted and calibrated
on the data up to it only, beside persistence, compound growth and the other candidate models.
  --origins YEARS   origins to score: a range 2019-2024 or a list 2019,2021 (default: every one possible)
  --horizons N      years ahead, 1 to 10 (default 3)
  --level L         the interval's level, 0.5 to 0.99 (default 0.8)
  --min N           only LAs with at least N children looked after at the origin (default 20)
  --json            every cell as JSON
  --release FILE    the release to read (default: the committed default release)
  --vintages DIR    real time: forecast from each LAIT vintage in DIR (YYYY-MM-DD_<commit>/ folders, imported
                    once into .vintages/, or release files) as it then stood, scored against the newest
                    vintage's outturn, beside the final-data backtest of the same origin
  -h, --help        this help
`,
  options: {
    origins: { type: 'string' },
    horizons: { type: 'string' },
    level: { type: 'string' },
    min: { type: 'string' },
    json: { type: 'boolean' },
    release: { type: 'string' },
    vintages: { type: 'string' },
  },
});

function numberFlag(v: string | undefined, flag: string, fallback: number): number {
  if (v === undefined) return fallback;
  const x = Number(v);
  if (!Number.isFinite(x)) throw new UsageError('backtest', `${flag} needs a number, not "${v}"`);
  return x;
}

function originsFlag(spec: string | undefined): number[] | null {
  if (spec === undefined) return null;
  const m = /^(\d{4})(?:-(\d{4}))?$/.exec(spec);
  if (m) {
    const lo = Number(m[1]);
    const hi = Number(m[2] ?? m[1]);
    return Array.from({ length: Math.max(0, hi - lo + 1) }, (_, k) => lo + k);
  }
  const list = spec.split(',').map(Number);
  if (list.some((y) => !Number.isInteger(y))) throw new UsageError('backtest', '--origins needs years: 2019-2024 or 2019,2021');
  return list;
}

/** The flags, checked (the release is read by the caller). */
export function backtestArgsOf(v: Parsed<(typeof BACKTEST_COMMAND)['options']>['values']): BacktestArgs {
  const o: BacktestArgs = {
    origins: originsFlag(v.origins),
    horizons: numberFlag(v.horizons, '--horizons', 3),
    level: numberFlag(v.level, '--level', 0.8),
    minChildren: numberFlag(v.min, '--min', 20),
    json: v.json ?? false,
  };
  if (!Number.isInteger(o.horizons) || o.horizons < 1 || o.horizons > 10) throw new UsageError('backtest', '--horizons must be 1 to 10');
  if (!(o.level >= 0.5 && o.level <= 0.99)) throw new UsageError('backtest', '--level must be 0.5 to 0.99');
  return o;
}

export const parseBacktestArgs = (args: string[]): BacktestArgs => backtestArgsOf(parseCommand(BACKTEST_COMMAND, args, () => {})?.values ?? {});

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
  const parsed = parseCommand(BACKTEST_COMMAND, args, (t) => void out.write(t));
  if (!parsed) return 0;
  const o = backtestArgsOf(parsed.values);
  if (parsed.values.vintages !== undefined) return vintageBacktestCommand(parsed.values.vintages, o, out, err);
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
