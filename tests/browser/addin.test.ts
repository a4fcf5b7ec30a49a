/**
 * The built add-in in real Chromium against the real service: Azurite + the project's local Functions
 * host (tests/integration/stack.ts) serving the committed default release, and dist/addin served by
 * scripts/addin-server.mjs, which proxies /api/ to that host — the same origin arrangement as `npm start`.
 *
 * The shared-runtime page loads the real Office.js from @microsoft/office-js (outside Office it has no
 * Excel but does have CustomFunctions.associate), registers every id in functions.json, and each registered
 * function, called as Excel calls it (matrices for ranges, null for omitted optionals), returns what
 * `cic eval` returns for the same formula on the same release. Then the task pane is used as an analyst
 * would in a 320 px pane — pick an LA, find indicators by name, run an action, read a council's own SSDA903
 * files (no request made) — with the API up and then down, each state screenshotted to test-results/ and
 * checked with axe. Every other outside request is refused.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RELEASE_PATH, readReleaseFile, sha256Hex } from '../../node/release-file';
import { changesSheetName } from '../../addin/excel/refresh-sheet';
import { contentHashOf } from '../../shared/release/hash';
// @ts-expect-error: plain ESM script without types
import { startAddinServer } from '../../scripts/addin-server.mjs';
import { CellError, type ErrorCode } from '../../shared/excel/errors';
import { formatOutcome } from '../../shared/formulas/evaluate';
import type { CellOutcome } from '../../shared/formulas/types';
import { synthetic903 } from '../fixtures/ssda903';
import { startStack, type Stack } from '../integration/stack';
import { CASES, formulaOf, type Arg } from './cases';
import { AXE_SOURCE, CHROMIUM, launchChromium, routeOutside } from './chromium';

const ROOT = resolve(import.meta.dirname, '../..');
const DIST = join(ROOT, 'dist/addin');
const ready = existsSync(CHROMIUM) && existsSync(DEFAULT_RELEASE_PATH);

if (!ready)
  console.warn(
    `browser tests skipped: needs ${CHROMIUM} (sudo bash scripts/install-system-deps.sh, which npm test runs first as root) and ${DEFAULT_RELEASE_PATH}`,
  );

type Fns = Record<string, (...a: unknown[]) => Promise<unknown>>;
type Outcome = { value: unknown } | { error: string; message: string };

describe.skipIf(!ready)('add-in in Chromium against the local Functions host and Azurite', () => {
  const releaseId = ready ? readReleaseFile().id : '';
  let stack: Stack | null = null;
  let addin: { url: string; close(): Promise<void> };
  let browser: Browser;
  let page: Page;
  /** formula → what `cic eval` printed for it. */
  const cli = new Map<string, string>();

  beforeAll(async () => {
    if (!existsSync(join(DIST, 'taskpane.html'))) await (await import('../../addin/build/build.mjs')).build({ root: ROOT });
    stack = await startStack();
    // Seeded through the store, as the integration tests and the local stack's first run do.
    await stack.store.putRelease(readReleaseFile());
    await stack.store.publish(releaseId);
    process.env.CIC_DEV_CERTS = '/nonexistent'; // plain HTTP: Chromium would not trust a dev certificate
    addin = await startAddinServer({ root: ROOT, host: '127.0.0.1', port: 0, apiUrl: stack.url });
    browser = await launchChromium();
    page = await openPane(await browser.newContext({ viewport: PANE }));
  });

  afterAll(async () => {
    await browser?.close();
    await addin?.close();
    await stack?.close();
  });

  // The width of Excel's task pane as most people leave it.
  const PANE = { width: 320, height: 900 };

  async function openPane(ctx = browser.contexts()[0]!): Promise<Page> {
    const p = await ctx.newPage();
    await routeOutside(p);
    await p.goto(`${addin.url}/taskpane.html`);
    await p.waitForFunction(
      () =>
        Object.keys((window as never as { CustomFunctions: { _association: { mappings: object } } }).CustomFunctions?._association?.mappings ?? {}).length > 0,
    );
    return p;
  }

  /** Call registered functions in the page as Excel would, each settling to a value or an Excel error. */
  const callInPage = (p: Page, cases: [string, Arg[]][]): Promise<string[]> =>
    p
      .evaluate(async (cs) => {
        const fns = (window as never as { CustomFunctions: { _association: { mappings: Fns } } }).CustomFunctions._association.mappings;
        return Promise.all(
          cs.map(async ([id, args]): Promise<Outcome> => {
            try {
              return { value: await fns[id]!(...args) };
            } catch (e) {
              const err = e as { code?: string; message?: string };
              return { error: err.code ?? 'none', message: err.message ?? '' };
            }
          }),
        );
      }, cases)
      .then((rs) => rs.map((r) => formatOutcome(('error' in r ? new CellError(r.error as ErrorCode, r.message) : r.value) as CellOutcome)));

  it('registers every id in functions.json, with the real Office.js', async () => {
    const metadata = JSON.parse(readFileSync(join(DIST, 'functions.json'), 'utf8')) as { functions: { id: string }[] };
    const registered = await page.evaluate(() =>
      Object.keys((window as never as { CustomFunctions: { _association: { mappings: object } } }).CustomFunctions._association.mappings),
    );
    expect(registered.sort()).toEqual(metadata.functions.map((f) => f.id).sort());
    expect(await page.evaluate(() => typeof (window as never as { Excel?: unknown }).Excel)).toBe('undefined');
  });

  it('every function, called as Excel calls it, returns what `cic eval` returns on the same release', async () => {
    const formulas = CASES.map(([id, args]) => formulaOf(id, args));
    // --raw: every number as computed (cic otherwise shows an indicator's values to their published decimals).
    const out = execFileSync(process.execPath, [join(ROOT, 'bin/cic.mjs'), 'eval', '--raw', '--release', DEFAULT_RELEASE_PATH], {
      input: `${formulas.join('\n')}\n`,
      encoding: 'utf8',
    })
      .trimEnd()
      .split('\n');
    formulas.forEach((f, i) => cli.set(f, out[i]!));
    const fromBrowser = await callInPage(page, CASES);
    // Outside Excel the host has no data-types requirement set, so CARD degrades to its plain value: the card's Value.
    const inBrowser = (f: string, out: string): string => {
      const card = f.startsWith('=CIC.CARD(') ? /^[^{]*(\{.*\})$/.exec(out) : null;
      return card ? String((JSON.parse(card[1]!) as { Value: unknown }).Value) : out;
    };
    expect(formulas.map((f, i) => `${f} → ${fromBrowser[i]}`)).toEqual(formulas.map((f) => `${f} → ${inBrowser(f, cli.get(f)!)}`));
    // The cases are meant to cover every function and every error kind; keep them honest.
    const metadata = JSON.parse(readFileSync(join(DIST, 'functions.json'), 'utf8')) as { functions: { id: string }[] };
    expect(new Set(CASES.map(([id]) => id))).toEqual(new Set(metadata.functions.map((f) => f.id)));
    expect(new Set(fromBrowser.map((v) => /^#[A-Z/]+[!?]?/.exec(v)?.[0]).filter(Boolean))).toEqual(new Set(['#N/A', '#VALUE!', '#NUM!']));
  });

  async function checkPane(p: Page, name: string): Promise<void> {
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await p.screenshot({ path: join(ROOT, 'test-results', `taskpane-${name}.png`), fullPage: true });
    // Evaluated over CDP, not added as a <script>: addScriptTag fails on any CSP report made while it runs,
    // and axe's own DOM probing can trigger one under load; the pane's CSP is tested in tests/security/csp.test.ts.
    await p.evaluate(AXE_SOURCE);
    const violations = await p.evaluate(async () => {
      const r = await (window as never as { axe: { run(): Promise<{ violations: { id: string; impact: string; help: string }[] }> } }).axe.run();
      return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
    });
    expect(violations).toEqual([]);
  }

  /** Nothing is wider than the pane: long labels wrap instead of being cut or scrolled sideways. */
  const overflowing = (p: Page) =>
    p.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('main *')]
        .filter((e) => e.offsetParent !== null && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className}`),
    );

  it('the pane with the API up: reachable, no workbook claimed outside Excel, LA search (axe: no serious issues)', async () => {
    await expect.poll(() => page.textContent('#status-service')).toBe('Reachable');
    await expect.poll(() => page.textContent('#status-release')).toBe(releaseId);
    await expect.poll(() => page.locator('#la-options option').count()).toBeGreaterThan(150);
    // A plain browser has no workbook: nothing says it is pinned.
    expect(await page.textContent('#status-pin')).toBe('None: no workbook is open (open this pane in Excel to pin one)');
    expect(await page.textContent('dl.status')).not.toMatch(/\(pinned\)|Pinned to/);
    expect(await overflowing(page)).toEqual([]);
    await checkPane(page, '1-initial');
    await page.fill('#la', 'Leicestershire (855, E10000018)');
    await page.dispatchEvent('#la', 'change');
    expect(await page.textContent('#la-chosen')).toBe('Chosen: Leicestershire (855).');
    await checkPane(page, '2-la-chosen');
  });

  it('indicators found by name and topic: grouped under LAIT topics with key, polarity and latest year; ticking one selects it', async () => {
    const release = readReleaseFile();
    const lsc = release.indicators.find((i) => i.key === 'LACStable_2016on')!;
    await page.fill('#indicators', '');
    await page.dispatchEvent('#indicators', 'change');
    await page.fill('#indicator-search', 'three or more placements');
    const label = page.locator('label[for="pick-LACStable_2016on"]');
    await expect.poll(() => label.count()).toBe(1);
    expect(await label.textContent()).toBe(`${lsc.name}LACStable_2016on · lower is better · latest ${lsc.years[lsc.years.length - 1]}`);
    expect(await page.locator('#indicator-results h3').allTextContents()).toContain(lsc.topic);
    await page.check('#pick-LACStable_2016on');
    expect(await page.inputValue('#indicators')).toBe('LACStable_2016on');
    expect(await page.locator('#chart-indicator option').allTextContents()).toEqual([`${lsc.name} (LACStable_2016on)`]);
    // A topic alone lists that topic's indicators (capped, with a count), each under its heading.
    await page.fill('#indicator-search', '');
    await page.selectOption('#indicator-topic', 'Children Looked After');
    await expect.poll(() => page.textContent('#indicator-count')).toMatch(/^Showing 40 of \d+ matches/);
    expect(new Set(await page.locator('#indicator-results h3').allTextContents())).toEqual(new Set(['Children Looked After']));
    // The longest LAIT names wrap inside the pane.
    const longest = [...release.indicators].sort((a, b) => b.name.length - a.name.length)[0]!;
    await page.selectOption('#indicator-topic', '');
    await page.fill('#indicator-search', longest.key);
    await expect.poll(() => page.locator(`label[for="pick-${longest.key}"]`).count()).toBe(1);
    expect(await overflowing(page)).toEqual([]);
    await page.fill('#indicator-search', 'stability');
    await expect.poll(() => page.locator('#pick-LACStable_2016on').isChecked()).toBe(true);
    await checkPane(page, '3-indicator-search');
  });

  it("an action's outcome is shown next to it, and cleared when the next action starts", async () => {
    await page.click('#refresh');
    expect(await page.textContent('#bench-status')).toBe('Open this pane in Excel to write sheets.');
    // The line sits in the same section as the button, as a polite live region.
    expect(
      await page.evaluate(() => document.getElementById('refresh')!.closest('section') === document.getElementById('bench-status')!.closest('section')),
    ).toBe(true);
    expect(await page.getAttribute('#bench-status', 'role')).toBe('status');
    await checkPane(page, '4-action-outcome');
    await page.click('#forecast');
    expect(await page.textContent('#forecast-status')).toBe('Open this pane in Excel to write sheets.');
    expect(await page.textContent('#bench-status')).toBe('');
  });

  it("a council's own SSDA903 files are read in the page: rates computed, no request made", async () => {
    const files = synthetic903({ seed: 5, years: 2 });
    const dir = mkdtempSync(join(tmpdir(), 'cic-903-'));
    writeFileSync(join(dir, 'header.csv'), files.header);
    writeFileSync(join(dir, 'episodes.csv'), files.episodes);
    await page.click('#demand-build');
    // The SSDA903 reader is loaded on first use, so its first answer comes a moment after the click.
    await page.waitForFunction(() => document.getElementById('demand-status')?.textContent !== '');
    expect(await page.textContent('#demand-status')).toBe('Choose both files first.');
    await page.setInputFiles('#demand-header', join(dir, 'header.csv'));
    await page.setInputFiles('#demand-episodes', join(dir, 'episodes.csv'));
    const requests: string[] = [];
    const onRequest = (r: { url(): string }) => requests.push(r.url());
    page.on('request', onRequest);
    await page.click('#demand-build');
    await expect
      .poll(() => page.textContent('#demand-status'))
      .toMatch(/^Read \d+ episode rows: \d+ children in care on \d{4}-\d{2}-\d{2}, rates over \d+ days\. Open this pane in Excel to write sheets\.$/);
    // Files chosen the wrong way round: read the right way round by their columns, and said so; still no request.
    await page.setInputFiles('#demand-header', join(dir, 'episodes.csv'));
    await page.setInputFiles('#demand-episodes', join(dir, 'header.csv'));
    await page.click('#demand-build');
    await expect
      .poll(() => page.textContent('#demand-status'))
      .toMatch(
        /^Read \d+ episode rows: \d+ children in care on \d{4}-\d{2}-\d{2}, rates over \d+ days\. episodes\.csv is the Episodes file and header\.csv the Header file: read that way round\. Open this pane in Excel/,
      );
    // A typo'd end date after the last return: refused with the file and line, not used to move the window.
    const lines = files.episodes.split('\r\n');
    const at = lines.findIndex((l, k) => k > 0 && /,(?:\d{2}\/){2}\d{4},[A-Z0-9]+,,,,,Synthshire,\d{4}$/.test(l));
    lines[at] = lines[at]!.replace(/,(\d{2}\/\d{2}\/\d{4}),([A-Z0-9]+,,,,,Synthshire,\d{4})$/, ',13/06/2033,$2');
    writeFileSync(join(dir, 'typo.csv'), lines.join('\r\n'));
    await page.setInputFiles('#demand-header', join(dir, 'header.csv'));
    await page.setInputFiles('#demand-episodes', join(dir, 'typo.csv'));
    await page.click('#demand-build');
    await expect
      .poll(() => page.textContent('#demand-status'))
      .toBe(
        `Could not read the SSDA903 files: typo.csv:${at + 1}: DEC "13/06/2033" is after 31 March 2022, when the last return (YEAR 2022) ends (a typo?); correct it and load the files again`,
      );
    page.off('request', onRequest);
    expect(requests).toEqual([]);
    await page.setInputFiles('#demand-header', join(dir, 'header.csv'));
    await page.setInputFiles('#demand-episodes', join(dir, 'episodes.csv'));
    await page.click('#demand-build');
    await expect.poll(() => page.textContent('#demand-status')).toMatch(/^Read \d+ episode rows/);
    await checkPane(page, '5-own-data-read');
  });

  it('the help page: contents whose every link lands on a section, worked examples, axe-clean', async () => {
    const help = await openPane();
    await help.goto(`${addin.url}/help.html`);
    const broken = await help.evaluate(() =>
      [...document.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')].map((a) => a.hash.slice(1)).filter((id) => !document.getElementById(id)),
    );
    expect(broken).toEqual([]);
    const metadata = JSON.parse(readFileSync(join(DIST, 'functions.json'), 'utf8')) as { functions: { id: string }[] };
    expect(await help.locator('nav#contents ol a').count()).toBe(metadata.functions.length);
    expect(await help.locator('#worked ~ section.worked').count()).toBeGreaterThan(0);
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await help.screenshot({ path: join(ROOT, 'test-results', 'help-page.png'), fullPage: false });
    await help.evaluate(AXE_SOURCE);
    const violations = await help.evaluate(async () => {
      const r = await (window as never as { axe: { run(): Promise<{ violations: { id: string; impact: string; help: string }[] }> } }).axe.run();
      return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
    });
    expect(violations).toEqual([]);
    await help.close();
  });

  /**
   * Office.js replaced by a stand-in that looks like Excel with a workbook open: document settings whose
   * saveAsync the test completes by hand, and an Excel.run that refuses to write. So the pin line can be
   * watched before and after the pin is stored, and a failed action reported next to its button.
   */
  const FAKE_EXCEL = `
    window.__saves = [];
    const settings = new Map();
    window.Office = {
      AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
      onReady: (cb) => Promise.resolve().then(() => cb({ host: 'Excel' })),
      context: { requirements: { isSetSupported: () => false }, document: { settings: {
        get: (k) => (settings.has(k) ? settings.get(k) : null), set: (k, v) => settings.set(k, v), remove: (k) => settings.delete(k),
        saveAsync: (cb) => window.__saves.push(cb),
      } } },
    };
    window.CustomFunctions = { associate() {} };
    window.Excel = { run: async () => { throw new Error('this test workbook cannot be written'); } };`;

  it('in a workbook: "pinned" only once the pin is saved; a failed save or action is said next to it', async () => {
    const p = await (await browser.newContext({ viewport: PANE })).newPage();
    await routeOutside(p);
    await p.route('https://appsforoffice.microsoft.com/**', (route) => route.fulfill({ contentType: 'text/javascript', body: FAKE_EXCEL }));
    await p.goto(`${addin.url}/taskpane.html`);
    await expect.poll(() => p.textContent('#status-service')).toBe('Reachable');
    // The first calculation pins the workbook, but its settings are not saved yet: nothing says pinned.
    await expect.poll(() => p.evaluate(() => (window as never as { __saves: unknown[] }).__saves.length)).toBe(1);
    expect(await p.textContent('#status-pin')).toBe('Not pinned yet: the workbook is pinned to the release it first calculates with');
    expect(await p.textContent('dl.status')).not.toMatch(/Pinned to/);
    await checkPane(p, '7-excel-pin-pending');
    await p.evaluate(() => (window as never as { __saves: ((r: object) => void)[] }).__saves.shift()!({ status: 'succeeded' }));
    await expect.poll(() => p.textContent('#status-pin')).toBe(`Pinned to ${releaseId}`);

    // Re-pinning whose save fails says so beside the Pin button.
    await p.selectOption('#release', releaseId);
    await p.click('#pin');
    expect(await p.textContent('#release-status')).toBe(`Pinning the workbook to release ${releaseId}…`);
    await expect.poll(() => p.evaluate(() => (window as never as { __saves: unknown[] }).__saves.length)).toBe(1);
    await p.evaluate(() =>
      (window as never as { __saves: ((r: object) => void)[] }).__saves.shift()!({ status: 'failed', error: { message: 'the document is read-only' } }),
    );
    await expect.poll(() => p.textContent('#release-status')).toBe(`Could not pin the workbook: the document is read-only. It is not pinned to ${releaseId}.`);

    // A sheet action that fails in Excel reports it in its own section, and clears the pin's line.
    await p.fill('#la', 'Leicestershire (855, E10000018)');
    await p.dispatchEvent('#la', 'change');
    await p.click('#refresh');
    await expect.poll(() => p.textContent('#bench-status')).toBe('Refreshing benchmarks failed: this test workbook cannot be written');
    expect(await p.textContent('#release-status')).toBe('');
    await checkPane(p, '8-excel-action-failed');
    await p.context().close();
  });

  it('in a workbook whose settings cannot be saved: the pin line never claims a pin', async () => {
    const p = await (await browser.newContext({ viewport: PANE })).newPage();
    await routeOutside(p);
    await p.route('https://appsforoffice.microsoft.com/**', (route) => route.fulfill({ contentType: 'text/javascript', body: FAKE_EXCEL }));
    await p.goto(`${addin.url}/taskpane.html`);
    await expect.poll(() => p.evaluate(() => (window as never as { __saves: unknown[] }).__saves.length)).toBe(1);
    await p.evaluate(() =>
      (window as never as { __saves: ((r: object) => void)[] }).__saves.shift()!({ status: 'failed', error: { message: 'the document is read-only' } }),
    );
    // Cells still calculate with the release they started on; the workbook is just not pinned to it.
    await expect.poll(() => p.textContent('#status-release')).toBe(releaseId);
    expect(await p.textContent('#status-pin')).toBe('Not pinned yet: the workbook is pinned to the release it first calculates with');
    await p.context().close();
  });

  /**
   * A stand-in workbook that accepts every Excel API call (a recording proxy: any property, call or assignment
   * works, loads and syncs resolve), so the pane's sheet actions run their writers to the end and report done.
   * It records the sheets added, to check each button reaches its writer.
   */
  const RECORDING_EXCEL = FAKE_EXCEL.replace('saveAsync: (cb) => window.__saves.push(cb)', "saveAsync: (cb) => cb({ status: 'succeeded' })").replace(
    /window\.Excel = .*$/m,
    `
    window.__sheets = [];
    const any = (path) => new Proxy(function () {}, {
      get(_t, k) {
        if (k === 'then') return undefined;
        if (k === 'isNullObject') return true;
        if (k === Symbol.iterator) return function* () {};
        if (k === Symbol.toPrimitive) return () => 0;
        if (k === 'sync') return () => Promise.resolve();
        return any(path + '.' + String(k));
      },
      set: () => true,
      apply(_t, _this, args) {
        if (path.endsWith('worksheets.add')) window.__sheets.push(args[0]);
        return any(path + '()');
      },
    });
    window.Excel = { run: async (fn) => fn(any('context')) };`,
  );

  it('in a workbook that accepts writes: each sheet action runs its writer and reports done next to its button', async () => {
    const p = await (await browser.newContext({ viewport: PANE })).newPage();
    await routeOutside(p);
    await p.route('https://appsforoffice.microsoft.com/**', (route) => route.fulfill({ contentType: 'text/javascript', body: RECORDING_EXCEL }));
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    await p.goto(`${addin.url}/taskpane.html`);
    await expect.poll(() => p.textContent('#status-service')).toBe('Reachable');
    await p.fill('#la', 'Leicestershire (855, E10000018)');
    await p.dispatchEvent('#la', 'change');
    const sheets = () => p.evaluate(() => (window as never as { __sheets: string[] }).__sheets);
    const actions: [string, string, RegExp][] = [
      ['refresh', 'bench', /^Refreshing benchmarks: done\.$/],
      ['dashboard', 'bench', /^Building the dashboard: done\.$/],
      ['funnel', 'bench', /^Building the funnel chart of LACStable_2016on: done\.$/],
      ['forecast', 'forecast', /^Building the forecast: done\.$/],
      ['baseline', 'forecast', /^Building the baseline forecast: done\.$/],
    ];
    for (const [button, section, done] of actions) {
      await p.click(`#${button}`);
      await expect.poll(() => p.textContent(`#${section}-status`), { timeout: 20_000 }).toMatch(done);
    }
    const files = synthetic903({ seed: 5, years: 2 });
    await p.setInputFiles('#demand-header', { name: 'header.csv', mimeType: 'text/csv', buffer: Buffer.from(files.header) });
    await p.setInputFiles('#demand-episodes', { name: 'episodes.csv', mimeType: 'text/csv', buffer: Buffer.from(files.episodes) });
    await p.click('#demand-build');
    await expect.poll(() => p.textContent('#demand-status'), { timeout: 20_000 }).toMatch(/^Read \d+ episode rows: .* Demand sheets written\.$/);
    await checkPane(p, '9-excel-actions-done');
    expect(await sheets()).toEqual(
      expect.arrayContaining(['CIC Benchmarks', 'CIC Dashboard', 'CIC Funnel', 'CIC Forecast', 'CIC Baseline', 'CIC Demand', 'CIC Demand data']),
    );
    expect(errors).toEqual([]);
    await p.context().close();
  });

  /**
   * Issue 21 item 4: a workbook pinned to an older release, holding one CIC formula whose value that release
   * publishes differently. The stand-in workbook answers the formula search and records sheet writes and
   * recalculations; the older release is added to the store, the current one is unchanged.
   */
  it('in a workbook pinned to an older release: says so, lists the cell that would change, re-pins and recalculates on confirmation', async () => {
    const current = readReleaseFile();
    const older = structuredClone(current);
    older.id = `${current.id}-older`;
    const lsc = older.indicators.find((i) => i.key === 'LACStable_2016on')!;
    const year = lsc.years.at(-1)!;
    const at = older.las.findIndex((l) => l.number === 855);
    const then = current.values.LACStable_2016on![year]![at]!;
    older.values.LACStable_2016on![year]![at] = then + 1;
    older.contentHash = contentHashOf(older, sha256Hex);
    await stack!.store.putRelease(older);
    const formula = '=CIC.VALUE("LACStable_2016on",855)';
    const PINNED_EXCEL = RECORDING_EXCEL.replace(
      'const settings = new Map();',
      `const settings = new Map([['cic.release', ${JSON.stringify(older.id)}]]);`,
    ).replace(
      /window\.__sheets = \[\];[\s\S]*$/,
      `
    window.__written = []; window.__calcs = [];
    const ws = (name) => ({
      name,
      getRange: (address) => ({ set values(v) { window.__written.push({ sheet: name, address, values: v }); }, set numberFormat(_v) {}, format: { font: {} } }),
      activate() {}, delete() {},
      getUsedRangeOrNullObject: () => ({ isNullObject: false, formulas: [['Leicestershire', ${JSON.stringify(formula)}]], rowIndex: 0, columnIndex: 0, load() {} }),
    });
    const context = { workbook: { application: { calculate: (t) => window.__calcs.push(t) }, worksheets: {
      load() {}, items: [ws('Report')], add: (name) => ws(name), getItemOrNullObject: () => ({ isNullObject: true, load() {}, delete() {} }),
    } }, sync: async () => {} };
    window.Excel = { run: async (fn) => fn(context) };`,
    );
    const p = await (await browser.newContext({ viewport: PANE })).newPage();
    await routeOutside(p);
    await p.route('https://appsforoffice.microsoft.com/**', (route) => route.fulfill({ contentType: 'text/javascript', body: PINNED_EXCEL }));
    await p.goto(`${addin.url}/taskpane.html`);
    await expect.poll(() => p.textContent('#status-service'), { timeout: 20_000 }).toBe('Reachable');
    await expect.poll(() => p.textContent('#newer-line'), { timeout: 20_000 }).toBe(`Release ${current.id} is newer than this workbook's pin ${older.id}.`);
    expect(await p.isVisible('#repin-newer')).toBe(false);
    await p.click('#compare');
    await expect
      .poll(() => p.textContent('#newer-status'), { timeout: 20_000 })
      .toBe(`1 cell of 1 would change under release ${current.id}: listed on sheet "${changesSheetName(current.id)}".`);
    const written = await p.evaluate(() => (window as never as { __written: { sheet: string; values: unknown[][] }[] }).__written);
    const table = written.find((w) => w.sheet === changesSheetName(current.id) && w.values.length === 2)!;
    expect(table.values[1]).toEqual(['Report', 'B1', `'${formula}`, formatOutcome(then + 1), formatOutcome(then)]);
    // Comparing changed nothing: still pinned, nothing recalculated.
    expect(await p.evaluate(() => (window as never as { __calcs: string[] }).__calcs)).toEqual([]);
    expect(await p.textContent('#status-pin')).toBe(`Pinned to ${older.id}`);
    expect(await p.textContent('#repin-newer')).toBe(`Re-pin to ${current.id}`);
    await checkPane(p, '10-excel-newer-release');
    await p.click('#repin-newer');
    await expect.poll(() => p.textContent('#newer-status')).toBe(`Workbook pinned to release ${current.id}; every CIC cell recalculated on it.`);
    expect(await p.evaluate(() => (window as never as { __calcs: string[] }).__calcs)).toEqual(['Full']);
    expect(await p.textContent('#status-pin')).toBe(`Pinned to ${current.id}`);
    expect(await p.isVisible('#newer')).toBe(false);
    await p.context().close();
  });

  it('renders the task pane with the API down: unreachable, cells fall back to the cached release', async () => {
    await stack!.close(); // Functions host and Azurite gone: the add-in server's proxy answers 502
    stack = null;
    const down = await openPane(); // same context as the first page, so the same 320 px viewport and persisted cache
    await expect.poll(() => down.textContent('#status-service')).toBe('Unreachable');
    // Fetched by the first page (same origin, so the same persisted cache): answered from the cached copy.
    const cached: [string, Arg[]] = ['VALUE', ['LACStable_2016on', 855, null]];
    expect(await callInPage(down, [cached])).toEqual([cli.get(formulaOf(...cached))]);
    await expect.poll(() => down.textContent('#status-note')).toMatch(/unreachable.*cached on this computer/);
    await checkPane(down, '6-service-down');
  });
});
