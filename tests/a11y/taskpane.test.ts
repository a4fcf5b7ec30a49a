/**
 * Accessibility of the task pane as served (built dist/addin, real API up) in Chromium: axe-core finds no
 * serious or critical violation, before and after use; and keyboard-only use works — Tab reaches every
 * control in order with a visible focus indicator, the LA search, indicator search and its checkboxes,
 * release picker, pin, Refresh, Build dashboard and Forecast are operable with Enter or Space (outside Excel
 * the sheet actions say they need Excel, announced by the role=status line of the action's own section,
 * and a new action clears the old outcome), and Tab never gets trapped.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AXE_SOURCE } from '../browser/chromium';
import { chromiumMissing, startPaneRig, type PaneRig } from './pane';

if (chromiumMissing) console.warn(`a11y tests skipped: ${chromiumMissing}`);

interface Focused {
  id: string;
  tag: string;
  visible: boolean;
}

/** The focused element, and whether its focus indicator shows (outline or ring). */
const focused = (p: Page): Promise<Focused> =>
  p.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { id: '', tag: 'body', visible: false };
    const s = getComputedStyle(el);
    const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
    return { id: el.id, tag: el.tagName.toLowerCase(), visible };
  });

async function axeSerious(p: Page): Promise<string[]> {
  // Evaluated over CDP, not added as a <script>: addScriptTag fails on any CSP report made while it runs,
  // and axe's own DOM probing can trigger one under load; the pane's CSP is tested in tests/security/csp.test.ts.
  await p.evaluate(AXE_SOURCE);
  return p.evaluate(async () => {
    const r = await (
      window as never as { axe: { run(): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }
    ).axe.run();
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

describe.skipIf(chromiumMissing !== null)('task pane accessibility in Chromium', () => {
  let rig: PaneRig;
  let page: Page;
  /** The status line of a section (`#{section}-status`), next to its buttons. */
  const status = (section: string) => () => page.textContent(`#${section}-status`);
  /** Tab until `id` has focus (at most a full cycle), checking focus is visible on every stop. */
  async function tabTo(id: string): Promise<void> {
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      if (f.tag !== 'body') expect(f.visible, `focus indicator on #${f.id}`).toBe(true);
      if (f.id === id) return;
    }
    throw new Error(`Tab never reached #${id}`);
  }
  /** Press `key` on the focused control and return what `section`'s status line announces. */
  async function activate(key: 'Enter' | ' ', section: string): Promise<string | null> {
    await page.keyboard.press(key);
    await expect.poll(status(section)).not.toBe('');
    const live = await page.evaluate((id) => {
      const el = document.getElementById(`${id}-status`)!;
      return `${el.getAttribute('role')} ${el.getAttribute('aria-live')}`;
    }, section);
    expect(live).toBe('status polite');
    return status(section)();
  }

  beforeAll(async () => {
    rig = await startPaneRig();
    page = await rig.open();
    await page.waitForFunction(() => document.querySelectorAll('#la-options option').length > 5);
  });
  afterAll(() => rig?.close());

  it('axe: no serious or critical violations with the API up', async () => {
    expect(await axeSerious(page)).toEqual([]);
  });

  it('Tab visits every control in document order with visible focus, then leaves the pane and comes back: no trap', async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const expected = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('button, input, select, textarea')].filter((e) => !e.hidden).map((e) => e.id),
    );
    const order: string[] = [];
    for (let i = 0; i < expected.length * 2 + 2 && order.filter((id) => id === expected[0]).length < 2; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      if (f.tag !== 'body') expect(f.visible, `focus indicator on #${f.id}`).toBe(true);
      order.push(f.id);
    }
    // One full cycle in order, out of the document (empty id), and round to the first control again.
    const first = order.indexOf(expected[0]!);
    const cycle = order.slice(first, first + expected.length);
    expect(cycle).toEqual(expected);
    expect(order.slice(first + expected.length).filter(Boolean)[0]).toBe(expected[0]);
    for (const id of [
      'la',
      'release',
      'pin',
      'indicator-topic',
      'indicator-search',
      'indicators',
      'refresh',
      'dashboard',
      'funnel',
      'forecast',
      'baseline',
      'demand-header',
      'demand-episodes',
      'demand-build',
    ])
      expect(expected).toContain(id);
    // And backwards, Shift+Tab from the last control walks the same way back.
    await page.focus(`#${expected[expected.length - 1]}`);
    const back: string[] = [];
    for (let i = 1; i < expected.length; i++) {
      await page.keyboard.press('Shift+Tab');
      back.push((await focused(page)).id);
    }
    expect(back).toEqual(expected.slice(0, -1).reverse());
  });

  it('keyboard only: Refresh without an LA says so and moves focus to the LA search', async () => {
    await page.focus('#check');
    await tabTo('refresh');
    expect(await activate('Enter', 'bench')).toBe('Choose a local authority first.');
    expect((await focused(page)).id).toBe('la');
  });

  it('keyboard only: search indicators by name, tick one with Space, and its key joins the selected list', async () => {
    await page.focus('#la');
    await tabTo('indicator-search');
    await page.keyboard.type('reading writing');
    await expect.poll(() => page.textContent('#indicator-count')).toBe('1 indicator matches.');
    expect(await page.textContent('#indicator-results h3')).toBe('Education');
    expect(await page.textContent('#indicator-results label')).toBe('KS2 reading, writing and mathsKS2_RWM · higher is better · latest 2025');
    await tabTo('pick-KS2_RWM');
    await page.keyboard.press(' ');
    expect((await page.inputValue('#indicators')).split('\n')).toContain('KS2_RWM');
    // Unticking takes it out again; a typed key stays accepted.
    await page.keyboard.press(' ');
    expect((await page.inputValue('#indicators')).split('\n')).not.toContain('KS2_RWM');
    await page.fill('#indicators', 'KS2_RWM\nplacement stability');
    await page.dispatchEvent('#indicators', 'change');
    expect(await page.isChecked('#pick-KS2_RWM')).toBe(true);
    expect(await page.locator('#chart-indicator option').allTextContents()).toEqual([
      'KS2 reading, writing and maths (KS2_RWM)',
      'Stability of placements: 3 or more placements (LACStable_2016on)',
    ]);
    await page.fill('#indicator-search', '');
    await page.dispatchEvent('#indicator-search', 'input');
  });

  it('keyboard only: choose an LA by typing, pick and pin a release, then each sheet action announces it needs Excel', async () => {
    await page.focus('#la');
    await page.keyboard.type('Testshire 3 (803, E06000003)');
    await page.keyboard.press('Tab'); // commits the input: change event
    await expect.poll(() => page.textContent('#la-chosen')).toBe('Chosen: Testshire 3 (803).');

    await page.focus('#check');
    await tabTo('release');
    await page.keyboard.press('ArrowDown');
    expect(await page.inputValue('#release')).toBe('pane-2025');
    await tabTo('pin');
    // A plain browser has no workbook: nothing claims one is pinned.
    expect(await activate(' ', 'release')).toBe(
      'No workbook is open, so nothing is pinned. This pane now uses release pane-2025; open it in Excel to pin a workbook.',
    );
    expect(await page.textContent('#status-pin')).toBe('None: no workbook is open (open this pane in Excel to pin one)');

    const needsExcel = 'Open this pane in Excel to write sheets.';
    await tabTo('refresh');
    expect(await activate(' ', 'bench')).toBe(needsExcel);
    // A new action clears the previous one's outcome, here the pin's.
    expect(await page.textContent('#release-status')).toBe('');
    await tabTo('dashboard');
    expect(await activate('Enter', 'bench')).toBe(needsExcel);
    await tabTo('funnel');
    expect(await activate(' ', 'bench')).toBe(needsExcel);
    await tabTo('forecast');
    expect(await activate('Enter', 'forecast')).toBe(needsExcel);
    expect(await page.textContent('#bench-status')).toBe('');
    await tabTo('baseline');
    expect(await activate('Enter', 'forecast')).toBe(needsExcel);
  });

  it('axe: still no serious or critical violations after use', async () => {
    expect(await axeSerious(page)).toEqual([]);
  });
});
