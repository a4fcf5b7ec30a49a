import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheControlFor, staticWebAppConfig } from '../../../addin/build/hosting.mjs';
// @ts-expect-error: plain ESM script without types
import { startAddinServer } from '../../../scripts/addin-server.mjs';

describe('add-in server', () => {
  const api = createServer((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ path: req.url })));
  let server: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
    server = await startAddinServer({ root: process.cwd(), host: '127.0.0.1', port: 0, apiUrl: `http://127.0.0.1:${(api.address() as AddressInfo).port}` });
  });
  afterAll(async () => {
    await server.close();
    api.close();
  });

  it('proxies /api/ to the Functions app, keeping path and query', async () => {
    const res = await fetch(`${server.url}/api/distributions/LAC?year=2025`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ path: '/api/distributions/LAC?year=2025' });
  });

  // The cache policy production uses (staticwebapp.config.json), served the same way locally.
  it.skipIf(!existsSync('dist/addin/taskpane.html'))(
    'caches hashed files for a year and revalidates what Office re-reads (skipped before a build)',
    async () => {
      const pane = await fetch(`${server.url}/taskpane.html`);
      expect(pane.headers.get('cache-control')).toBe('no-cache');
      const html = await pane.text();
      const assets = [...html.matchAll(/(?:src|href)="(static\/[^"]+)"/g)].map((m) => m[1]!);
      expect(assets.some((a) => a.endsWith('.js')) && assets.some((a) => a.endsWith('.css'))).toBe(true);
      for (const a of assets) {
        const res = await fetch(`${server.url}/${a}`);
        expect(res.status, a).toBe(200);
        expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
        // The name carries the content: a changed file can never be served from a stale cache.
        expect(a).toMatch(/-[A-Z0-9]{8}\.(js|css)$/);
      }
      for (const f of ['functions.json', 'manifest.xml', 'help.html'])
        expect((await fetch(`${server.url}/${f}`)).headers.get('cache-control'), f).toBe('no-cache');
      const config = JSON.parse(readFileSync('dist/addin/staticwebapp.config.json', 'utf8')) as ReturnType<typeof staticWebAppConfig>;
      expect(config).toEqual(staticWebAppConfig());
    },
  );
});

describe('cache policy', () => {
  it.each([
    ['/static/taskpane-ABCDEFGH.js', 'public, max-age=31536000, immutable'],
    ['/assets/icon-32.png', 'public, max-age=86400'],
    ['/functions.json', 'no-cache'],
    ['/manifest.xml', 'no-cache'],
    ['/taskpane.html', 'no-cache'],
  ])('%s → %s', (path, want) => expect(cacheControlFor(path)).toBe(want));
});

describe('add-in server with the API down', () => {
  it('answers /api/ with a 502 problem the client reports as unreachable', async () => {
    const server = await startAddinServer({ root: process.cwd(), host: '127.0.0.1', port: 0, apiUrl: 'http://127.0.0.1:9' });
    const res = await fetch(`${server.url}/api/releases/current`);
    expect(res.status).toBe(502);
    expect((await res.json()).title).toBe('Benchmark API unavailable');
    await server.close();
  });
});
