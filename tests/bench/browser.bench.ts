/**
 * The add-in where users wait: the built add-in in headless Chromium with the real Office.js, against the
 * README's stack (Azurite + the local Functions host serving the default release, dist/addin behind the
 * add-in server), beside plain JavaScript in the same page that fetches the same bytes and computes the same
 * answers. A dashboard of 60 indicators × 153 LAs of QUARTILE, BAND, RANK, VALUE and SNAVG cells is handed
 * to the registered functions as Excel hands a recalculation batch to the runtime (every cell called in one
 * turn, then the promises of those still waiting awaited); both sides' answers are compared cell by cell.
 *
 * Cold: a fresh page (empty caches) from the first call to the last answer; the floor is one fetch of the
 * catalog and one of the columns those cells read, plus the same work. Warm: the same cells again on the same
 * page; the floor is plain code over the arrays already in memory. Heap growth per warm cell is read from
 * Chromium's own heap counter (performance.memory, precise with --enable-precise-memory-info).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { DEFAULT_RELEASE_PATH, readReleaseFile } from '../../node/release-file';
// @ts-expect-error: plain ESM script without types
import { startAddinServer } from '../../scripts/addin-server.mjs';
import { ReleaseIndex } from '../../shared/release/release-index';
import { CHROMIUM, CHROMIUM_ARGS, routeOutside } from '../browser/chromium';
import { startStack } from '../integration/stack';
import { median, type BenchRow } from './stats';

const ROOT = resolve(import.meta.dirname, '../..');
const SIZES = (process.env.CIC_BENCH_CELLS ?? '1000,10000,50000').split(',').map(Number);
const ROUNDS = Number(process.env.CIC_BENCH_ROUNDS ?? 3);
const FNS = ['QUARTILE', 'BAND', 'RANK', 'VALUE', 'SNAVG'] as const;

type Cell = [fn: (typeof FNS)[number], key: string, la: number, value: number, year: string];

/** 60 bandable indicators with at least 100 LA values in their latest year; every LA; the five functions in turn. */
function dashboard(index: ReleaseIndex, count: number): Cell[] {
  const picked = index
    .catalog()
    .indicators.filter((i) => i.polarity !== null && !i.noQuartile)
    .map((i) => ({ i, d: index.distribution(i.key, i.years.at(-1)!) }))
    .filter(({ d }) => d.sorted.length >= 100 && d.sorted.every((v) => v === 0 || Math.abs(v) >= 1))
    .slice(0, 60);
  const las = index
    .catalog()
    .las.filter((l) => l.kind === 'la')
    .map((l) => l.number);
  const cells: Cell[] = [];
  for (let k = 0; cells.length < count; k++) {
    const { i, d } = picked[k % picked.length]!;
    const la = las[Math.floor(k / picked.length) % las.length]!;
    const value = d.byLa.get(la) ?? d.sorted[k % d.sorted.length]!;
    cells.push([FNS[k % FNS.length]!, i.key, la, value, d.year]);
  }
  return cells;
}

/** In the page: the add-in's registered functions over the cells, as one recalculation batch. */
declare function addinPassInPage(): Promise<{ ms: number; out: unknown[]; sync: number }>;
const addinPass = () =>
  (async () => {
    const cells = (window as never as { __cells: Cell[] }).__cells;
    const fns = (window as never as { CustomFunctions: { _association: { mappings: Record<string, (...a: unknown[]) => unknown> } } }).CustomFunctions
      ._association.mappings;
    const t0 = performance.now();
    const out: unknown[] = new Array(cells.length);
    const waiting: Promise<void>[] = [];
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i]!;
      const fn = cell[0];
      const key = cell[1];
      const la = cell[2];
      const value = cell[3];
      const year = cell[4];
      try {
        // As Excel calls them: every declared parameter, omitted optionals as null.
        const r =
          fn === 'VALUE'
            ? fns.VALUE!(key, la, year)
            : fn === 'SNAVG'
              ? fns.SNAVG!(key, la, year, null, null)
              : fn === 'RANK'
                ? fns.RANK!(key, value, year)
                : fns[fn]!(key, value, year, null);
        if (r instanceof Promise)
          waiting.push(
            r.then(
              (v) => void (out[i] = v),
              () => void (out[i] = 'not published'),
            ),
          );
        else out[i] = r;
      } catch {
        // An Excel error in the cell (here: a suppressed or missing value): what plain code calls not published.
        out[i] = 'not published';
      }
    }
    const called = performance.now() - t0;
    await Promise.all(waiting);
    (window as never as { __lastPass: unknown }).__lastPass = { t0, called, end: performance.now() - t0 };
    return { ms: performance.now() - t0, out, sync: cells.length - waiting.length };
  })();

/** The same pass kept in the page, so a measurement can run it without shipping its answers back. */
const installAddinPass = `globalThis.addinPassInPage = ${addinPass.toString()};`;

/**
 * In the page: plain code fetching the same payloads (the catalog, then the columns the cells read, in one
 * request) and answering the same cells: QUARTILE.INC boundaries, bands, ranks, values and SN averages.
 */
const plainPass = (release: string) =>
  (async () => {
    const arg = { cells: (window as never as { __cells: Cell[] }).__cells, release };
    type Col = { sorted: number[]; byLa: Map<number, number | null>; bounds: number[]; polarity: string };
    type Cat = { indicators: { key: string; polarity: string }[]; las: { number: number }[]; neighbours: Record<string, Record<string, number[]>> };
    const t0 = performance.now();
    const w = window as never as { __plain?: { cat: Cat; cols: Map<string, Col> }; __plainCatalog: Cat };
    let state = w.__plain;
    if (!state) {
      // The catalog was read before the clock started (as the pane has read the add-in's); the columns are not.
      const cat = w.__plainCatalog;
      const want = [...new Set(arg.cells.map((c) => `${c[4]}:${c[1]}`))];
      const q = want.map((c) => `c=${encodeURIComponent(c)}`).join('&');
      const { columns } = await (await fetch(`/api/releases/${arg.release}/columns?${q}`, { cache: 'no-store' })).json();
      const pol = new Map<string, string>(cat.indicators.map((i: { key: string; polarity: string }) => [i.key, i.polarity]));
      const cols = new Map<string, Col>();
      for (const c of columns as { indicator: string; year: string; values: (number | null)[] }[]) {
        const byLa = new Map<number, number | null>();
        const sorted: number[] = [];
        cat.las.forEach((l: { number: number }, i: number) => {
          const v = c.values[i] ?? null;
          byLa.set(l.number, v);
          if (v !== null && l.number < 970) sorted.push(v);
        });
        sorted.sort((a, b) => a - b);
        const q7 = (p: number) => {
          const h = (sorted.length - 1) * p;
          const lo = Math.floor(h);
          const f = h - lo;
          return (1 - f) * sorted[lo]! + f * sorted[Math.min(lo + 1, sorted.length - 1)]!;
        };
        cols.set(`${c.year}:${c.indicator}`, { sorted, byLa, bounds: [q7(0.25), q7(0.5), q7(0.75)], polarity: pol.get(c.indicator)! });
      }
      state = w.__plain = { cat, cols };
    }
    const sn = state.cat.neighbours;
    const model = Object.keys(sn).sort().at(-1)!;
    const out: unknown[] = new Array(arg.cells.length);
    for (let i = 0; i < arg.cells.length; i++) {
      const [fn, key, la, value, year] = arg.cells[i]!;
      const c = state.cols.get(`${year}:${key}`)!;
      if (fn === 'VALUE') out[i] = c.byLa.get(la) ?? 'not published';
      else if (fn === 'SNAVG') {
        const vs = (sn[model]![String(la)] ?? []).map((n) => c.byLa.get(n)).filter((v): v is number => typeof v === 'number');
        out[i] = vs.length ? vs.reduce((a, b) => a + b, 0) / vs.length : 'not published';
      } else if (fn === 'RANK') {
        let better = 0;
        // Binary search over the sorted values: how many LAs are strictly better.
        const xs = c.sorted;
        let lo = 0;
        let hi = xs.length;
        if (c.polarity === 'High') {
          while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (xs[mid]! <= value) lo = mid + 1;
            else hi = mid;
          }
          better = xs.length - lo;
        } else {
          while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (xs[mid]! < value) lo = mid + 1;
            else hi = mid;
          }
          better = lo;
        }
        out[i] = better + 1;
      } else {
        const [q1, q2, q3] = c.bounds as [number, number, number];
        const high = c.polarity === 'High';
        // LAIT: a value on a boundary goes to the better band for Low polarity, the worse for High.
        const worse = high ? (value <= q1 ? 3 : value <= q2 ? 2 : value <= q3 ? 1 : 0) : value <= q1 ? 0 : value <= q2 ? 1 : value <= q3 ? 2 : 3;
        out[i] = fn === 'QUARTILE' ? worse + 1 : 'ABCD'[worse];
      }
    }
    return { ms: performance.now() - t0, out };
  })();

const heapUsed = (page: Page) => page.evaluate(() => (performance as never as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize);

export async function benchBrowser(): Promise<BenchRow[]> {
  if (!existsSync(CHROMIUM)) throw new Error(`needs ${CHROMIUM}`);
  if (!existsSync(join(ROOT, 'dist/addin/taskpane.html'))) throw new Error('dist/addin is missing: run npm run build first');
  const release = readReleaseFile(DEFAULT_RELEASE_PATH);
  const index = new ReleaseIndex(release);
  const stack = await startStack();
  await stack.store.putRelease(release);
  await stack.store.publish(release.id);
  process.env.CIC_DEV_CERTS = '/nonexistent';
  const addin = (await startAddinServer({ root: ROOT, host: '127.0.0.1', port: 0, apiUrl: stack.url })) as { url: string; close(): Promise<void> };
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc --min-semi-space-size=256 --max-semi-space-size=256'],
  });
  const rows: BenchRow[] = [];
  const fresh = async (): Promise<Page> => {
    const page = await (await browser.newContext()).newPage();
    // tsx keeps function names with a helper the page lacks: the in-page functions below refer to it.
    await page.addInitScript('globalThis.__name = (f) => f;');
    await routeOutside(page);
    await page.goto(`${addin.url}/taskpane.html`);
    await page.waitForFunction(
      () =>
        Object.keys((window as never as { CustomFunctions?: { _association?: { mappings: object } } }).CustomFunctions?._association?.mappings ?? {}).length >
        0,
    );
    // The pane's own start reads the catalog; wait for it, so the cold pass times the cells' own reads.
    await page.waitForTimeout(300);
    return page;
  };
  try {
    // The service's own first read of each indicator from storage is not the page's to pay: warm it once.
    const warmUp = await fresh();
    await warmUp.evaluate((c) => void ((window as never as { __cells: Cell[] }).__cells = c), dashboard(index, Math.max(...SIZES)));
    await warmUp.evaluate(addinPass);
    await warmUp.context().close();
    for (const n of SIZES) {
      const cells = dashboard(index, n);
      const cold: number[] = [];
      const coldPlain: number[] = [];
      const warm: number[] = [];
      const warmPlain: number[] = [];
      let mismatches = 0;
      let syncShare = 0;
      let bytesPerCell = NaN;
      for (let r = 0; r < ROUNDS; r++) {
        const page = await fresh();
        await page.evaluate((c) => void ((window as never as { __cells: Cell[] }).__cells = c), cells);
        await page.evaluate(installAddinPass);
        await page.evaluate(
          async (id) =>
            ((window as never as { __plainCatalog: unknown }).__plainCatalog = await (
              await fetch(`/api/releases/${id}/catalog`, { cache: 'no-store' })
            ).json()),
          release.id,
        );
        const a = await page.evaluate(addinPass);
        if (process.env.CIC_BENCH_DEBUG)
          console.error(
            await page.evaluate(() => JSON.stringify((window as never as { __lastPass: unknown }).__lastPass)),
            await page.evaluate(() =>
              performance
                .getEntriesByType('resource')
                .map(
                  (e) =>
                    `${Math.round(e.startTime)}+${Math.round(e.duration)} (resp ${Math.round((e as PerformanceResourceTiming).responseStart - e.startTime)}) ${e.name.slice(0, 60)} ${(e as PerformanceResourceTiming).transferSize}`,
                )
                .join('\n'),
            ),
          );
        const p = await page.evaluate(plainPass, release.id);
        cold.push(a.ms);
        coldPlain.push(p.ms);
        const differ = a.out.flatMap((v, i) =>
          (typeof v === 'number' && typeof p.out[i] === 'number' ? Math.abs(v - (p.out[i] as number)) > 1e-9 : v !== p.out[i]) ? [i] : [],
        );
        mismatches = differ.length;
        if (process.env.CIC_BENCH_DEBUG) for (const i of differ.slice(0, 5)) console.error(cells[i], a.out[i], p.out[i]);
        for (let k = 0; k < 3; k++) {
          const aw = await page.evaluate(addinPass);
          const pw = await page.evaluate(plainPass, release.id);
          warm.push(aw.ms);
          warmPlain.push(pw.ms);
          syncShare = aw.sync / n;
        }
        await page.evaluate(() => (globalThis as never as { gc?: () => void }).gc?.());
        const before = await heapUsed(page);
        // Heap growth across one warm pass: with a young generation larger than the pass allocates (the
        // semi-space flags below), no collection runs meanwhile, so the growth is what the cells allocated.
        await page.evaluate(() => addinPassInPage().then((r) => r.ms));
        bytesPerCell = ((await heapUsed(page)) - before) / n;
        await page.context().close();
      }
      const label = n.toLocaleString('en-GB');
      const row = (metric: string, value: number, base: number, goal: number, note: string): BenchRow => ({
        section: 'browser',
        metric,
        value,
        unit: 'ms',
        baseline: { label: 'plain page code, same page and bytes', value: base },
        ratio: value / base,
        ratioMeaning: '× plain',
        goal: `≤ ${goal}×: ${value / base <= goal ? 'met' : 'missed'}`,
        note,
      });
      rows.push(
        row(
          `${label} cells warm (data in memory)`,
          median(warm),
          median(warmPlain),
          2,
          `${mismatches} mismatches; ${Math.round(syncShare * 100)}% answered without a promise`,
        ),
      );
      rows.push(row(`${label} cells cold (fresh page)`, median(cold), median(coldPlain), 1.5, `${mismatches} mismatches`));
      rows.push({
        section: 'browser',
        metric: `${label} cells warm: heap growth per cell`,
        value: bytesPerCell,
        unit: 'bytes',
        goal: `< 100 bytes: ${bytesPerCell < 100 ? 'met' : 'missed'}`,
        note: 'performance.memory across one warm pass (precise memory info), results kept',
      });
    }
  } finally {
    await browser.close();
    await addin.close();
    await stack.close();
  }
  return rows;
}
