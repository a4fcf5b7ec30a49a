/**
 * The built task pane in Chromium as the add-in serves it: dist/addin through scripts/addin-server.mjs,
 * which proxies /api/ to the local Functions host + Azurite holding a small synthetic release. Office.js
 * comes from the npm package under its CDN URL; the tests evaluate axe-core over CDP (AXE_SOURCE); every
 * other outside request is refused. CSP violations are recorded in window.__csp.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
// @ts-expect-error: plain ESM script without types
import { startAddinServer } from '../../scripts/addin-server.mjs';
import { CHROMIUM, launchChromium, routeOutside } from '../browser/chromium';
import { syntheticRelease } from '../integration/fixture';
import { startStack, type Stack } from '../integration/stack';

const ROOT = resolve(import.meta.dirname, '../..');
export const DIST = join(ROOT, 'dist/addin');

export const chromiumMissing = !existsSync(CHROMIUM)
  ? `${CHROMIUM} is absent (sudo bash scripts/install-system-deps.sh, which npm test runs first as root)`
  : !existsSync(join(DIST, 'taskpane.html'))
    ? 'dist/addin is not built (npm run build)'
    : null;

export interface PaneRig {
  url: string;
  browser: Browser;
  open(): Promise<Page>;
  close(): Promise<void>;
}

export async function startPaneRig(): Promise<PaneRig> {
  const stack: Stack = await startStack();
  const release = syntheticRelease('pane-2025');
  await stack.store.putRelease(release);
  await stack.store.publish(release.id);
  process.env.CIC_DEV_CERTS = '/nonexistent'; // plain HTTP: Chromium would not trust a dev certificate
  const addin: { url: string; close(): Promise<void> } = await startAddinServer({ root: ROOT, host: '127.0.0.1', port: 0, apiUrl: stack.url });
  const browser = await launchChromium();
  return {
    url: addin.url,
    browser,
    async open() {
      const page = await (await browser.newContext()).newPage();
      await routeOutside(page);
      // Record CSP violations from the first byte (init scripts run before the page's own and bypass its CSP).
      await page.addInitScript(() => {
        const w = window as never as { __csp: string[] };
        w.__csp = [];
        document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.effectiveDirective} ${e.blockedURI}`));
      });
      await page.goto(`${addin.url}/taskpane.html`);
      await page.waitForFunction(() => document.getElementById('status-service')?.textContent === 'Reachable');
      return page;
    },
    async close() {
      await browser.close();
      await addin.close();
      await stack.close();
    },
  };
}
