/**
 * `cic backtest --vintages DIR`: the real-time backtest's I/O. DIR holds LAIT vintage folders
 * (`YYYY-MM-DD_<commit>/`, as in research-data/lait-vintages), each imported once into `.vintages/` (the
 * cache `npm run vintages:load` also uses), or release files (`*.json.gz`, such as that cache). Each
 * release is read in turn and only its children-looked-after panel is kept.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cicModel } from '../shared/forecast/cla';
import { persistence } from '../shared/forecast/models';
import { realTimeBacktest, type RealTimeCell, type VintagePanel } from '../shared/forecast/realtime';
import { readClaPanel } from '../shared/formulas/forecast-cla';
import { buildVintageRelease } from '../shared/importers/vintage';
import { ReleaseIndex } from '../shared/release/release-index';
import { read } from '../shared/source';
import { readReleaseFile, sha256Hex, writeReleaseFile } from '../node/release-file';
import { isVintageFolder, readVintage } from './vintage';

const VINTAGE_FOLDER = /^\d{4}-\d{2}-\d{2}_[0-9a-f]{7,40}$/;

/** The release file of every vintage under `dir`, importing (once) any folder not yet in `cache`. */
export async function vintageReleaseFiles(dir: string, cache: string, log: (line: string) => void): Promise<string[]> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`--vintages ${dir}: no such folder`);
  const names = readdirSync(dir).sort();
  const folders = names.filter((n) => VINTAGE_FOLDER.test(n) && isVintageFolder(join(dir, n)));
  if (folders.length === 0) {
    const files = names.filter((n) => n.endsWith('.json.gz') || n.endsWith('.json')).map((n) => join(dir, n));
    if (files.length === 0) throw new Error(`--vintages ${dir}: no YYYY-MM-DD_<commit> vintage folders and no release files`);
    return files;
  }
  mkdirSync(cache, { recursive: true });
  const out: string[] = [];
  for (const name of folders) {
    const file = join(cache, `${name}.json.gz`);
    if (!existsSync(file)) {
      const t = performance.now();
      const tmp = `${file}.tmp-${process.pid}`;
      try {
        writeReleaseFile(tmp, buildVintageRelease(await readVintage(join(dir, name)), { sha256: sha256Hex }));
        renameSync(tmp, file);
      } finally {
        rmSync(tmp, { force: true });
      }
      log(`imported ${name} into ${file} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
    }
    out.push(file);
  }
  return out;
}

export interface VintageBacktestArgs {
  horizons: number;
  level: number;
  minChildren: number;
}

export async function runVintageBacktest(
  dir: string,
  o: VintageBacktestArgs,
  log: (line: string) => void,
  cache = resolve('.vintages'),
): Promise<RealTimeCell[]> {
  const vintages: VintagePanel[] = [];
  for (const file of await vintageReleaseFiles(resolve(dir), cache, log)) {
    const release = readReleaseFile(file);
    const src = new ReleaseIndex(release);
    const { panel } = await read(() => readClaPanel(src, src.catalog()));
    vintages.push({ id: release.id, asOf: release.asOf, panel });
  }
  return realTimeBacktest(vintages, { cic: cicModel, persistence, ...o });
}

const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '–');
const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '–');

/** One row per vintage × horizon: real time beside final data for the same origin and LAs. */
export function vintageTable(cells: readonly RealTimeCell[], level: number): string {
  const L = `${Math.round(level * 100)}%`;
  const head = [
    'vintage',
    'as of',
    'origin',
    'h',
    'n',
    'origin count revised since',
    'real-time CIC median',
    '× persistence',
    `${L} cover`,
    'final-data CIC median',
    '× persistence',
    `${L} cover`,
  ];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const r of cells.filter((c) => c.basis === 'real-time')) {
    const f = cells.find((c) => c.basis === 'final' && c.vintage === r.vintage && c.h === r.h);
    lines.push(
      `| ${[
        r.vintage,
        r.asOf,
        r.origin,
        r.h,
        r.n,
        r.revised,
        f2(r.cicMedianApe),
        (r.cicMedianApe / r.persistenceMedianApe).toFixed(3),
        pct(r.coverage),
        f2(f?.cicMedianApe ?? NaN),
        f ? (f.cicMedianApe / f.persistenceMedianApe).toFixed(3) : '–',
        pct(f?.coverage ?? NaN),
      ].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

export async function vintageBacktestCommand(
  dir: string,
  o: VintageBacktestArgs & { json: boolean },
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  const cells = await runVintageBacktest(dir, o, (line) => void err.write(`cic backtest: ${line}\n`));
  if (cells.length === 0) throw new Error(`--vintages ${dir}: no vintage has an origin the newest vintage publishes an outturn after`);
  if (o.json) out.write(`${JSON.stringify(cells, null, 2)}\n`);
  else {
    out.write(
      `Children looked after at 31 March (LACnum), forecast from each vintage's own data (real time) and from the newest vintage cut at the same origin (final data); both scored against the newest vintage's outturn on the same LAs (≥ ${o.minChildren} at the origin in both); "origin count revised since" counts those LAs whose count at the origin the newest vintage no longer publishes as it stood. Median absolute % error of the CIC model, its ratio to persistence's, and the share of outturns inside the CIC ${Math.round(o.level * 100)}% interval.\n\n`,
    );
    out.write(`${vintageTable(cells, o.level)}\n`);
  }
  return 0;
}
