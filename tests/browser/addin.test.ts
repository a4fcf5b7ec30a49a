/**
 * The built add-in in real Chromium: the shared-runtime page loads with Office.js, registers every id in
 * functions.json, and each registered function, called as Excel calls it (matrices for ranges, null for
 * omitted optionals) against the API over HTTP, returns what `cic eval` returns for the same formula.
 * Then the task pane is rendered with the API up and down (screenshots in test-results/) and checked with axe.
 *
 * The API is the ReleaseIndex-backed stand-in from tests/unit/addin/release-api.ts until the Functions
 * local host exists. Office.js comes from node_modules/@microsoft/office-js when installed, else the shim
 * beside this file (see office-shim.js); every other outside request is refused.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReleaseFile } from '../../cli/release-file';
import { CellError, type ErrorCode } from '../../shared/excel/errors';
import { formatOutcome } from '../../shared/functions/evaluate';
import type { CellOutcome } from '../../shared/functions/types';
import { syntheticRelease } from '../fixtures/synthetic-release';
import { startTestApi, type TestApi } from '../unit/addin/release-api';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = resolve(import.meta.dirname, '../..');
const DIST = join(ROOT, 'dist/addin');
const OFFICE_JS_DIR = process.env.CIC_OFFICE_JS_DIR ?? join(ROOT, 'node_modules/@microsoft/office-js/dist');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

if (!existsSync(CHROMIUM)) console.warn(`browser tests skipped: ${CHROMIUM} is absent (apt-get install chromium)`);

type Arg = string | number | boolean | null | (string | number)[][];

/** [id, the arguments Excel passes (every declared parameter; null where omitted)]. */
const CASES: [string, Arg[]][] = [
  ['QUARTILE', ['LowGood', 8, null, null]],
  ['QUARTILE', ['Nope', 1, null, null]],
  ['BAND', ['HighGood', 66, 2024, null]],
  ['BAND', ['LowGood', 'abc', null, null]],
  ['BOUNDARIES', ['LowGood', '2024', null]],
  ['RANK', ['HighGood', 70, null]],
  ['COUNT', ['LowGood', null]],
  ['VALUE', ['LowGood', 'Leicestershire', 2024]],
  ['NATIONAL', ['HighGood', null]],
  ['SNAVG', ['LowGood', 855, null, 'median', null]],
  ['NEIGHBOURS', ['E10000018', null]],
  ['POLARITY', ['HighGood']],
  ['CHANGE', [10, 12, 'LowGood', null]],
  ['RAG', ['B', 'Better', 0.8]],
  ['INDICATORS', ['good', null]],
  ['RELEASE', [null]],
  ['QUARTILEOF', [5, [[1], [5], [9], [12]], 'Low', null]],
  ['UNITCOST', ['residential', 'Leicestershire', null]],
  ['PLACEMENTCOST', ['Residential', 2, null, null, null]],
  ['FORECAST', [[['A'], ['B']], [[10], [5]], [[4000], [800]], '2025/26', 3, [[0.05]], [[0.03]], [['A', 'B', 2, '', '2025-10-01']], null, null]],
  ['STEPDOWN', [4100, 800, 3, '2025-10-01', null, null, null]],
  ['POSITION', ['LowGood', 8, null, null]],
];

const literal = (a: Arg): string => {
  if (a === null) return '';
  if (Array.isArray(a)) return `{${a.map((row) => row.map((x) => literal(x)).join(',')).join(';')}}`;
  return typeof a === 'string' ? JSON.stringify(a) : String(a);
};
const formulaOf = (id: string, args: Arg[]) => `=CIC.${id}(${args.map(literal).join(',')})`;

describe.skipIf(!existsSync(CHROMIUM))('add-in in Chromium', () => {
  let api: TestApi;
  let browser: Browser;
  let page: Page;
  let officeJs: 'package' | 'shim';
  const scratch = mkdtempSync(join(tmpdir(), 'cic-browser-'));
  const releaseFile = join(scratch, 'release.json');

  beforeAll(async () => {
    if (!existsSync(join(DIST, 'taskpane.js'))) await (await import('../../addin/build.mjs')).build({ root: ROOT });
    const release = syntheticRelease();
    writeReleaseFile(releaseFile, release);
    api = await startTestApi([release], DIST);
    // Playwright gives every launch a fresh temporary profile (it refuses --user-data-dir here).
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    officeJs = existsSync(join(OFFICE_JS_DIR, 'office.js')) ? 'package' : 'shim';
    page = await openPane();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  async function openPane(context = browser.contexts()[0]): Promise<Page> {
    const ctx = context ?? (await browser.newContext());
    const p = await ctx.newPage();
    await p.route(/^https?:\/\/(?!127\.0\.0\.1)/, async (route) => {
      const url = new URL(route.request().url());
      if (url.hostname !== 'appsforoffice.microsoft.com') return route.abort();
      if (officeJs === 'shim') return route.fulfill({ contentType: 'text/javascript', body: readFileSync(join(import.meta.dirname, 'office-shim.js'), 'utf8') });
      const file = join(OFFICE_JS_DIR, url.pathname.replace(/^\/lib\/1\/hosted\//, ''));
      return existsSync(file) ? route.fulfill({ contentType: 'text/javascript', body: readFileSync(file) }) : route.fulfill({ status: 404, body: '' });
    });
    await p.goto(`${api.url}/taskpane.html`);
    await p.waitForFunction(() => Object.keys((window as never as { CustomFunctions: { _association: { mappings: object } } }).CustomFunctions?._association?.mappings ?? {}).length > 0);
    return p;
  }

  it('registers every id in functions.json', async () => {
    const metadata = JSON.parse(readFileSync(join(DIST, 'functions.json'), 'utf8')) as { functions: { id: string }[] };
    const registered = await page.evaluate(() => Object.keys((window as never as { CustomFunctions: { _association: { mappings: object } } }).CustomFunctions._association.mappings));
    expect(registered.sort()).toEqual(metadata.functions.map((f) => f.id).sort());
    console.log(`browser test: Office.js from ${officeJs === 'package' ? OFFICE_JS_DIR : 'the shim (install @microsoft/office-js for the real one)'}`);
  });

  it('every function, called as Excel calls it, returns what `cic eval` returns', async () => {
    const results = await page.evaluate(async (cases) => {
      const fns = (window as never as { CustomFunctions: { _association: { mappings: Record<string, (...a: unknown[]) => Promise<unknown>> } } }).CustomFunctions._association.mappings;
      return Promise.all(cases.map(async ([id, args]) => {
        try {
          return { value: await fns[id]!(...args) };
        } catch (e) {
          const err = e as { code?: string; message?: string };
          return { error: err.code ?? 'none', message: err.message ?? '' };
        }
      }));
    }, CASES);
    const fromBrowser = results.map((r) => formatOutcome(('error' in r ? new CellError(r.error as ErrorCode, r.message!) : r.value) as CellOutcome));
    const formulas = CASES.map(([id, args]) => formulaOf(id, args));
    const fromCli = execFileSync(process.execPath, [join(ROOT, 'bin/cic.mjs'), 'eval', '--release', releaseFile], { input: `${formulas.join('\n')}\n`, encoding: 'utf8' }).trimEnd().split('\n');
    expect(formulas.map((f, i) => `${f} → ${fromBrowser[i]}`)).toEqual(formulas.map((f, i) => `${f} → ${fromCli[i]}`));
    expect(fromBrowser.filter((v) => v.startsWith('#')).length).toBe(2); // the two deliberate error cases
  });

  async function checkPane(p: Page, name: string): Promise<void> {
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await p.screenshot({ path: join(ROOT, 'test-results', `taskpane-${name}.png`), fullPage: true });
    await p.addScriptTag({ path: join(ROOT, 'node_modules/axe-core/axe.min.js') });
    const violations = await p.evaluate(async () => {
      const r = await (window as never as { axe: { run(): Promise<{ violations: { id: string; impact: string; help: string }[] }> } }).axe.run();
      return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
    });
    expect(violations).toEqual([]);
  }

  it('renders the task pane with the API up: reachable, release pinned, LA search works (axe: no serious issues)', async () => {
    await expect.poll(() => page.textContent('#status-service')).toBe('Reachable');
    await expect.poll(() => page.textContent('#status-release')).toContain('synthetic-1');
    await expect.poll(() => page.locator('#la-options option').count()).toBeGreaterThan(5);
    await page.fill('#la', 'Leicestershire (855, E10000018)');
    await page.dispatchEvent('#la', 'change');
    expect(await page.textContent('#la-chosen')).toBe('Chosen: Leicestershire (855).');
    await page.click('#refresh');
    expect(await page.textContent('#message')).toBe('Open this pane in Excel to write sheets.');
    await checkPane(page, 'api-up');
  });

  it('renders the task pane with the API down: unreachable, cells fall back to the cached release', async () => {
    api.mode = 'reset';
    const down = await openPane();
    await expect.poll(() => down.textContent('#status-service')).toBe('Unreachable');
    const value = await down.evaluate(() => (window as never as { CustomFunctions: { _association: { mappings: Record<string, (...a: unknown[]) => Promise<unknown>> } } }).CustomFunctions._association.mappings.VALUE!('LowGood', 855, null));
    expect(value).toBe(8);
    await expect.poll(() => down.textContent('#status-note')).toMatch(/unreachable.*cached on this computer/);
    await checkPane(down, 'api-down');
    api.mode = 'ok';
  });
});
