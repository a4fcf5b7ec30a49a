import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM script without types
import { startAddinServer } from '../../../scripts/addin-server.mjs';

describe('add-in server', () => {
  const api = createServer((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ path: req.url })));
  let server: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
    process.env.CIC_DEV_CERTS = '/nonexistent'; // plain HTTP in tests
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
});

describe('add-in server with the API down', () => {
  it('answers /api/ with a 502 problem the client reports as unreachable', async () => {
    process.env.CIC_DEV_CERTS = '/nonexistent';
    const server = await startAddinServer({ root: process.cwd(), host: '127.0.0.1', port: 0, apiUrl: 'http://127.0.0.1:9' });
    const res = await fetch(`${server.url}/api/releases/current`);
    expect(res.status).toBe(502);
    expect((await res.json()).title).toBe('Benchmark API unavailable');
    await server.close();
  });
});
