/**
 * What every Chromium test shares: Debian's chromium launched with this machine's closed-network flags,
 * Office.js answered from the npm package under its CDN URL (every other outside request refused), and
 * axe-core's source for evaluating in the page.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '../..');
const OFFICE_JS_DIR = join(ROOT, 'node_modules/@microsoft/office-js/dist');

export const CHROMIUM = '/usr/bin/chromium';

/** axe-core's source, evaluated in the page by the tests (over CDP, so the pane's CSP does not apply to it). */
export const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

// Without the background-networking flags Chromium keeps dialling out, which this machine refuses.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Playwright gives every launch a fresh temporary profile (it refuses --user-data-dir here). */
export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

/** Office.js from node_modules for its CDN URL; any other request leaving 127.0.0.1 is aborted. */
export async function routeOutside(page: Page): Promise<void> {
  await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => {
    const url = new URL(route.request().url());
    if (url.hostname !== 'appsforoffice.microsoft.com') return route.abort();
    const file = join(OFFICE_JS_DIR, url.pathname.replace(/^\/lib\/1\/hosted\//, ''));
    return existsSync(file) ? route.fulfill({ contentType: 'text/javascript', body: readFileSync(file) }) : route.fulfill({ status: 404, body: '' });
  });
}
