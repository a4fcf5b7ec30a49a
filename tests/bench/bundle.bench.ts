/**
 * Bundle sizes of what `npm run build` produced: the task pane's scripts and styles (already minified
 * by the add-in build) and the Functions app bundle (minified here with the same esbuild, since the
 * dev build keeps it readable), each also gzipped — what a user's Excel downloads and what a deploy ships.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { transform } from 'esbuild';
import type { BenchRow } from './stats';

const ADDIN = resolve('dist/addin');
const FUNCTIONS_BUNDLE = resolve('dist/functions-app/dist/main.mjs');
const kb = (bytes: number): number => bytes / 1024;

export async function benchBundle(): Promise<BenchRow[]> {
  if (!existsSync(ADDIN) || !existsSync(FUNCTIONS_BUNDLE)) throw new Error('dist/ is missing: run npm run build first');
  const rows: BenchRow[] = [];
  let addinTotal = 0;
  for (const file of readdirSync(join(ADDIN, 'static'))
    .filter((f) => /\.(js|css)$/.test(f))
    .sort()
    .map((f) => `static/${f}`)) {
    const bytes = readFileSync(join(ADDIN, file));
    addinTotal += bytes.length;
    rows.push({
      section: 'bundle',
      metric: `add-in ${file} (minified)`,
      value: kb(bytes.length),
      unit: 'KB',
      note: `${kb(gzipSync(bytes).length).toFixed(1)} KB gzipped`,
    });
  }
  // What every workbook loads: the pane's entry script and the chunks it imports statically; the
  // SSDA903 reader is a chunk of its own, loaded when first used.
  const html = readFileSync(join(ADDIN, 'taskpane.html'), 'utf8');
  const entry = /src="(static\/taskpane-[^"]+\.js)"/.exec(html)?.[1];
  if (!entry) throw new Error('taskpane.html names no entry script');
  const entryText = readFileSync(join(ADDIN, entry), 'utf8');
  const atStart = [entry, ...[...entryText.matchAll(/from\s*"\.\/([^"]+\.js)"/g)].map((m) => `static/${m[1]}`)];
  const startBytes = atStart.reduce((n, f) => n + readFileSync(join(ADDIN, f)).length, 0);
  rows.push({
    section: 'bundle',
    metric: 'add-in script at start (entry + its static chunks, minified)',
    value: kb(startBytes),
    unit: 'KB',
    baseline: { label: 'goal', value: 200 },
    ratio: kb(startBytes) / 200,
    ratioMeaning: '× the goal',
    goal: kb(startBytes) < 200 ? '< 200 KB: met' : '< 200 KB: missed',
    note: atStart.join(' + '),
  });
  rows.push({ section: 'bundle', metric: 'add-in scripts + styles in all, lazy chunks included (minified)', value: kb(addinTotal), unit: 'KB' });

  const source = readFileSync(FUNCTIONS_BUNDLE, 'utf8');
  const minified = (await transform(source, { minify: true, format: 'esm', target: 'node20', loader: 'js' })).code;
  rows.push({
    section: 'bundle',
    metric: 'Functions app dist/functions-app/dist/main.mjs (minified)',
    value: kb(Buffer.byteLength(minified)),
    unit: 'KB',
    baseline: { label: 'as built (unminified)', value: kb(Buffer.byteLength(source)) },
    ratio: Buffer.byteLength(minified) / Buffer.byteLength(source),
    ratioMeaning: '× unminified',
    note: `${kb(gzipSync(minified).length).toFixed(1)} KB gzipped; @azure/functions is external (the host provides it)`,
  });
  return rows;
}
