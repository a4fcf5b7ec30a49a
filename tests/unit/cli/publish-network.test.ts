/**
 * `cic publish` against misbehaving services, all real node:http servers on 127.0.0.1: a redirect never
 * carries the function key or the token to another origin, a same-origin 307 re-sends the whole body (it
 * used to fail with "detached ArrayBuffer"), a 302 never turns a write into a GET, and a server that never
 * answers is given up on after --timeout (it used to wait for ever). Each refusal is one line and exit 1.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishCommand, type PublishIo } from '../../../cli/publish';
import { writeReleaseFile } from '../../../node/release-file';
import type { Release } from '../../../shared/release/schema';
import { syntheticRelease } from '../../integration/fixture';

const KEY = 'secret-function-key';
const TOKEN = 'secret.bearer.token';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** A redirect the fake service answers with, for requests whose method and path match. */
interface Redirect {
  method: string;
  path: string;
  status: number;
  location: (self: string) => string;
}

/** Serves what `cic publish` needs, as the real service does; `redirects` are answered first. */
class FakeService {
  readonly seen: Seen[] = [];
  readonly redirects: Redirect[] = [];
  private stored = new Map<string, Release>();
  server!: Server;
  origin = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((ok) => this.server.listen(0, '127.0.0.1', ok));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    this.seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
    const url = new URL(req.url!, this.origin);
    const json = (status: number, value: unknown): void => void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    const redirect = this.redirects.find((r) => r.method === req.method && url.pathname === r.path);
    if (redirect) return void res.writeHead(redirect.status, { location: redirect.location(this.origin) }).end();
    // The real routes, under /api/ or (where a test redirects to) /api/v2/.
    const path = url.pathname.replace(/^\/api(\/v2)?\//, '');
    let m: RegExpExecArray | null;
    if (req.method === 'GET' && path === 'releases/current') return json(404, { title: 'Not found' });
    if ((m = /^releases\/([^/]+)$/.exec(path)) && req.method === 'GET') {
      const r = this.stored.get(m[1]!);
      return r ? json(200, { id: r.id, contentHash: r.contentHash }) : json(404, { title: 'Not found' });
    }
    if ((m = /^releases\/([^/]+)$/.exec(path)) && req.method === 'PUT') {
      const r = JSON.parse(gunzipSync(body).toString('utf8')) as Release;
      this.stored.set(m[1]!, r);
      return json(201, { id: r.id });
    }
    if ((m = /^distributions\/([^/]+)$/.exec(path)) && req.method === 'GET') {
      const r = this.stored.get(url.searchParams.get('release')!)!;
      const values = r.values[decodeURIComponent(m[1]!)]?.[url.searchParams.get('year')!] ?? [];
      return json(200, { n: values.filter((v, i) => v !== null && (r.las[i]?.number ?? 999) < 970).length });
    }
    if (/^releases\/[^/]+\/publish$/.test(path) && req.method === 'POST') return json(200, {});
    json(404, { title: 'Not found' });
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((ok) => this.server.close(() => ok()));
  }
}

const dir = mkdtempSync(join(tmpdir(), 'cic-publish-net-'));
const servers: { close(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

async function service(): Promise<FakeService> {
  const s = await new FakeService().start();
  servers.push(s);
  return s;
}

function releaseFile(id: string): { path: string; release: Release } {
  const release = syntheticRelease(id);
  const path = join(dir, `${id}.json.gz`);
  writeReleaseFile(path, release);
  return { path, release };
}

async function publish(api: string, args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: PublishIo = { out: (l) => void out.push(l), err: (l) => void err.push(l), env: { CIC_API_URL: api, CIC_WRITE_KEY: KEY, CIC_TOKEN: TOKEN }, fetch };
  const code = await publishCommand(args, io);
  return { code, out: out.join('\n'), err };
}

const carriesSecrets = (s: Seen): boolean => s.headers['x-functions-key'] === KEY || String(s.headers.authorization ?? '').includes(TOKEN);

describe('cic publish and redirects', () => {
  it('a 307 on the upload to the same origin re-sends the whole body there, and the publish completes', async () => {
    const svc = await service();
    const { path, release } = releaseFile('redir-same');
    svc.redirects.push({ method: 'PUT', path: '/api/releases/redir-same', status: 307, location: () => '/api/v2/releases/redir-same' });
    const r = await publish(`${svc.origin}/api`, ['--release', path]);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    const resent = svc.seen.find((s) => s.method === 'PUT' && s.url === '/api/v2/releases/redir-same')!;
    expect(resent.headers['x-functions-key']).toBe(KEY);
    expect((JSON.parse(gunzipSync(resent.body).toString('utf8')) as Release).contentHash).toBe(release.contentHash);
    expect(r.out).toMatch(/done: redir-same is now the current release/);
  });

  it('a 308 on a read to the same origin is followed', async () => {
    const svc = await service();
    const { path } = releaseFile('redir-read');
    svc.redirects.push({ method: 'GET', path: '/api/releases/current', status: 308, location: (o) => `${o}/api/v2/releases/current` });
    const r = await publish(`${svc.origin}/api`, ['--release', path]);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(svc.seen.some((s) => s.url === '/api/v2/releases/current')).toBe(true);
  });

  it.each([
    ['the upload (PUT)', 'PUT', '/api/releases/redir-other', 307],
    ['the upload (PUT), permanently', 'PUT', '/api/releases/redir-other', 308],
    ['the publish (POST)', 'POST', '/api/releases/redir-other/publish', 307],
    ['a read', 'GET', '/api/releases/redir-other', 307],
  ])('a redirect of %s to another origin is refused with one line naming it; the other origin gets no key or token', async (_what, method, from, status) => {
    const svc = await service();
    const elsewhere = await service(); // would accept anything, as a hostile host would
    const { path } = releaseFile('redir-other');
    svc.redirects.push({ method, path: from, status, location: () => `${elsewhere.origin}/collect` });
    const r = await publish(`${svc.origin}/api`, ['--release', path]);
    expect(r.code).toBe(1);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(new RegExp(`^cic publish: .*redirected to another origin: ${elsewhere.origin}/collect`));
    expect(elsewhere.seen.filter(carriesSecrets)).toEqual([]);
    expect(elsewhere.seen).toEqual([]);
  });

  it.each([301, 302, 303])('a %d on a write is refused (it would turn the PUT into a GET), naming the Location', async (status) => {
    const svc = await service();
    const { path } = releaseFile('redir-302');
    svc.redirects.push({ method: 'PUT', path: '/api/releases/redir-302', status, location: () => '/api/v2/releases/redir-302' });
    const r = await publish(`${svc.origin}/api`, ['--release', path]);
    expect(r.code).toBe(1);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(new RegExp(`^cic publish: upload: PUT .* was redirected with HTTP ${status} to ${svc.origin}/api/v2/releases/redir-302`));
    expect(svc.seen.filter((s) => s.url.startsWith('/api/v2/'))).toEqual([]);
  });

  it('a redirect loop on the same origin stops after a few hops', async () => {
    const svc = await service();
    const { path } = releaseFile('redir-loop');
    svc.redirects.push({ method: 'GET', path: '/api/releases/redir-loop', status: 307, location: () => '/api/releases/redir-loop' });
    const r = await publish(`${svc.origin}/api`, ['--release', path]);
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(/too many redirects/);
    expect(svc.seen.length).toBeLessThanOrEqual(10);
  });

  it("the service's problem text prints with its control characters escaped, on one line", async () => {
    const svc = await service();
    const { path } = releaseFile('hostile-detail');
    svc.server.removeAllListeners('request');
    svc.server.on('request', (_req: IncomingMessage, res: ServerResponse) =>
      res.writeHead(500, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ title: 'Oops\u001b[2J', detail: 'line one\nline two\u009b31m' })),
    );
    const r = await publish(`${svc.origin}/api`, ['--release', path]);
    expect(r.code).toBe(1);
    expect(r.err).toHaveLength(1);
    // eslint-disable-next-line no-control-regex
    expect(r.err[0]).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(r.err[0]).toMatch(/^cic publish: check: HTTP 500 Oops\S+\[2J: line one\S+line two\S+31m$/);
  });
});

describe('cic publish and silent servers (the real CLI, --timeout)', () => {
  beforeAll(() => {
    if (!existsSync('dist/cli/cic.mjs')) execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'ignore' });
  });

  /** The CLI as a user runs it, in its own process (spawnSync would block the servers on this thread). */
  const cic = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ status: number | null; stderr: string }>((ok) => {
      const child = spawn(process.execPath, ['bin/cic.mjs', ...args], {
        env: { ...process.env, CIC_WRITE_KEY: KEY, ...env },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += String(d)));
      child.once('exit', (status) => ok({ status, stderr }));
    });

  it.each([
    ['accepts the connection and never answers', (_req: IncomingMessage, _res: ServerResponse) => undefined],
    [
      'sends its headers and then nothing more',
      (_req: IncomingMessage, res: ServerResponse) => void res.writeHead(200, { 'content-type': 'application/json' }).write('{'),
    ],
  ])('a server that %s: one line naming it and the timeout, exit 1', async (_what, handler) => {
    const server = createServer(handler);
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    servers.push({
      close: () =>
        new Promise<void>((ok) => {
          server.closeAllConnections();
          server.close(() => ok());
        }),
    });
    const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
    const { path } = releaseFile('silent');
    const r = await cic(['publish', '--release', path, '--api', api, '--timeout', '1']);
    expect(r.status).toBe(1);
    expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(new RegExp(`^cic publish: no answer from ${api} within 1 s \\(--timeout\\)`))]);
  });

  it('--timeout that is not a positive number is a usage error (exit 2); one that reads as a flag, one line and exit 1', async () => {
    for (const t of ['0', 'soon']) expect((await cic(['publish', '--release', 'x', '--timeout', t])).status).toBe(2);
    const dash = await cic(['publish', '--release', 'x', '--timeout', '-1']);
    expect(dash.status).toBe(1);
    expect(dash.stderr).toMatch(/^cic publish: --timeout needs a value[^\n]*--timeout=-1[^\n]*\n$/);
  });
});
