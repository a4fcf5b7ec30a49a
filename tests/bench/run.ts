/**
 * `npm run bench`: every benchmark in one run, each figure beside a baseline measured in the same run,
 * printed as one table and written to .bench/report.{json,md}. Benchmarks report; they never fail on a timing.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchRow } from './stats';

type Section = { name: string; module: string; exportName: string };

// Each section lives beside the code it measures; a missing one is reported, not fatal.
const SECTIONS: Section[] = [
  { name: 'engine', module: 'tests/bench/engine.bench.ts', exportName: 'benchEngine' },
  { name: 'statistics', module: 'tests/bench/statistics.bench.ts', exportName: 'benchStatistics' },
  { name: 'client', module: 'tests/bench/client.bench.ts', exportName: 'benchClient' },
  { name: 'browser', module: 'tests/bench/browser.bench.ts', exportName: 'benchBrowser' },
  { name: 'api', module: 'tests/bench/api.bench.ts', exportName: 'benchApi' },
  { name: 'coldstart', module: 'tests/bench/coldstart.bench.ts', exportName: 'benchColdstart' },
  { name: 'import', module: 'tests/bench/import.bench.ts', exportName: 'benchImport' },
  { name: 'bundle', module: 'tests/bench/bundle.bench.ts', exportName: 'benchBundle' },
  { name: 'forecast', module: 'tests/bench/forecast.bench.ts', exportName: 'benchForecast' },
  { name: 'demand', module: 'tests/bench/demand.bench.ts', exportName: 'benchDemand' },
];

const fmt = (x: number | undefined): string => (x === undefined ? '' : Math.abs(x) >= 100 ? String(Math.round(x)) : String(Number(x.toPrecision(3))));

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const rows: BenchRow[] = [];
  for (const s of SECTIONS) {
    if (only.length && !only.includes(s.name)) continue;
    const file = resolve(s.module);
    if (!existsSync(file)) {
      rows.push({ section: s.name, metric: '(not present)', value: NaN, unit: '' });
      continue;
    }
    const started = Date.now();
    try {
      const mod = (await import(pathToFileURL(file).href)) as Record<string, () => Promise<BenchRow[]>>;
      rows.push(...(await mod[s.exportName]!()));
    } catch (e) {
      rows.push({ section: s.name, metric: '(failed)', value: NaN, unit: '', note: (e as Error).message.split('\n')[0] });
    }
    console.error(`bench: ${s.name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const header = ['section', 'metric', 'value', 'unit', 'baseline (same run)', 'ratio', 'goal', 'note'];
  const table = rows.map((r) => [
    r.section,
    r.metric,
    fmt(r.value),
    r.unit,
    r.baseline ? `${r.baseline.label}: ${fmt(r.baseline.value)}` : '',
    r.ratio !== undefined ? `${fmt(r.ratio)} ${r.ratioMeaning ?? ''}`.trim() : '',
    r.goal ?? '',
    r.note ?? '',
  ]);
  const md = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...table.map((r) => `| ${r.join(' | ')} |`)].join('\n');
  mkdirSync('.bench', { recursive: true });
  writeFileSync('.bench/report.json', JSON.stringify({ at: new Date().toISOString(), node: process.version, rows }, null, 2));
  writeFileSync('.bench/report.md', `${md}\n`);
  console.log(md);
}

await main();
