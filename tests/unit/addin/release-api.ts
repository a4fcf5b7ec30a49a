/**
 * A stand-in for the Benchmark API in HttpSource's unit tests: serves the client's endpoints from a
 * ReleaseIndex on 127.0.0.1 (random port), counts requests, and misbehaves on demand (hang, reset, 5xx,
 * invalid JSON) — faults the real local host cannot be told to produce. The wire shapes are shared/api's;
 * the browser test and the client bench run against the real host instead.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CatalogDto } from '../../../shared/api/schemas';
import { ReleaseIndex } from '../../../shared/release/release-index';
import { releaseInfo, type Release } from '../../../shared/release/schema';

export type Mode = 'ok' | 'hang' | 'reset' | '503' | 'badjson';

export interface TestApi {
  url: string;
  /** Base URL of the API, ending in /api/. */
  api: string;
  mode: Mode;
  /** Requests per path (without query). */
  hits: Map<string, number>;
  total(): number;
  close(): Promise<void>;
}

function catalogDto(index: ReleaseIndex): CatalogDto {
  const r = index.release;
  return { release: releaseInfo(r), indicators: r.indicators, las: r.las, neighbours: r.neighbours, unitCosts: r.unitCosts };
}

export async function startTestApi(releases: Release[]): Promise<TestApi> {
  const indexes = new Map(releases.map((r) => [r.id, new ReleaseIndex(r)]));
  const current = releases[releases.length - 1]!;
  const hung: ServerResponse[] = [];
  const state: TestApi = {
    url: '',
    api: '',
    mode: 'ok',
    hits: new Map(),
    total: () => [...state.hits.values()].reduce((a, b) => a + b, 0),
    close: () =>
      new Promise((resolve) => {
        for (const res of hung) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  const send = (res: ServerResponse, status: number, body: unknown, type = 'application/json') => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const problem = (res: ServerResponse, status: number, detail: string) =>
    send(res, status, { type: 'about:blank', title: status === 404 ? 'Not found' : 'Error', status, detail }, 'application/problem+json');

  async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname.slice('/api/'.length);
    state.hits.set(path, (state.hits.get(path) ?? 0) + 1);
    if (state.mode === 'hang') return void hung.push(res);
    if (state.mode === 'reset') return void req.socket.destroy();
    if (state.mode === '503') return problem(res, 503, 'Storage unavailable');
    if (state.mode === 'badjson') return send(res, 200, '{"release": ');
    const m = /^releases\/([^/]+)\/catalog$/.exec(path);
    if (path === 'releases/current') return send(res, 200, releaseInfo(current));
    if (path === 'releases') return send(res, 200, { current: current.id, releases: releases.map(releaseInfo).reverse() });
    if (m) {
      const idx = indexes.get(decodeURIComponent(m[1]!));
      return idx ? send(res, 200, catalogDto(idx)) : problem(res, 404, `No release ${m[1]}`);
    }
    const c = /^releases\/([^/]+)\/columns$/.exec(path);
    if (c) {
      const idx = indexes.get(decodeURIComponent(c[1]!));
      if (!idx) return problem(res, 404, 'No such release');
      try {
        const columns = url.searchParams.getAll('c').map((want) => {
          const at = want.indexOf(':');
          const indicator = idx.catalog().indicator(want.slice(at + 1)).key;
          const year = want.slice(0, at);
          const column = idx.release.values[indicator]?.[year];
          if (!column) throw new Error(`${indicator} has no year ${year}`);
          return { indicator, year, values: column };
        });
        return send(res, 200, { release: idx.release.id, columns });
      } catch (e) {
        return problem(res, 404, (e as Error).message);
      }
    }
    const d = /^distributions\/([^/]+)$/.exec(path);
    if (d) {
      const idx = indexes.get(url.searchParams.get('release') ?? current.id);
      if (!idx) return problem(res, 404, 'No such release');
      try {
        return send(res, 200, idx.distributionDto(decodeURIComponent(d[1]!), url.searchParams.get('year') ?? ''));
      } catch (e) {
        return problem(res, 404, (e as Error).message);
      }
    }
    return problem(res, 404, `No endpoint ${path}`);
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/api/')) return void api(req, res, url);
    problem(res, 404, `No endpoint ${url.pathname}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  state.url = `http://127.0.0.1:${port}`;
  state.api = `${state.url}/api/`;
  return state;
}
