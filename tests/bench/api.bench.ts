/**
 * API benchmark: autocannon, 50 connections on loopback, against the local host serving the real
 * handlers over Azurite with the default release AND a bare node:http server answering the same
 * request with the same bytes (status, headers, body captured from the host), in the same run.
 * Servers run in child processes so the load generator never shares their event loop; each exits when
 * its stdin closes, so nothing outlives the bench. Rounds alternate host and bare; medians are reported.
 */
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, type BenchRow } from './stats';

interface ChildServer {
  port: number;
  stop(): Promise<void>;
}

interface Captured {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const BUNDLE = pathToFileURL(resolve('dist/functions-dev/local-host.mjs')).href;
const RELEASE_FILE = resolve('data/releases/default.json.gz');

/** Runs an ES module script that prints "listening <port>" and shuts down on stdin's end. */
function child(script: string, env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<ChildServer> {
  const proc = spawn(process.execPath, [...nodeArgs, '--input-type=module', '-e', script], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const stop = (): Promise<void> =>
    new Promise((done) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return done();
      proc.once('exit', () => done());
      proc.stdin.end();
      setTimeout(() => proc.kill('SIGKILL'), 10_000).unref();
    });
  return new Promise((ok, fail) => {
    proc.stdout.on('data', (d: Buffer) => {
      const m = /listening (\d+)/.exec(String(d));
      if (m) ok({ port: Number(m[1]), stop });
    });
    proc.once('exit', (code) => fail(new Error(`bench server exited with ${code}`)));
  });
}

/** The local host serving the real handlers, over its own in-memory Azurite seeded with the default release. */
const hostScript = `
const dev = await import(${JSON.stringify(BUNDLE)});
const az = await dev.startAzurite({});
await dev.seedIfEmpty(az.connectionString, ${JSON.stringify(RELEASE_FILE)});
process.env.CIC_STORAGE_CONNECTION = az.connectionString;
const lh = await dev.startLocalHost({ port: 0 });
process.stdin.resume().once('end', async () => { await lh.close(); await az.stop(); process.exit(0); });
console.log('listening ' + lh.port);`;

/** Same status, headers and body for the same request (keyed by method, URL and body), and nothing else to do. */
const bareScript = (responses: Record<string, Captured>): string => `
import { createServer } from 'node:http';
const responses = new Map(Object.entries(${JSON.stringify(responses)}));
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const r = responses.get(req.method + ' ' + req.url + ' ' + Buffer.concat(chunks).toString());
    if (r) res.writeHead(r.status, r.headers).end(r.body);
    else res.writeHead(404).end();
  });
});
server.listen(0, '127.0.0.1', () => console.log('listening ' + server.address().port));
process.stdin.resume().once('end', () => { server.close(() => process.exit(0)); server.closeAllConnections(); });`;

const src = (path: string): string => JSON.stringify(pathToFileURL(resolve(path)).href);

/**
 * A bare node:http handler doing what the lookup endpoint must: read the body, JSON.parse, the same
 * schemas, the same shared \`invoke\` per item over the release in memory, the same serialisation.
 * No framework, no storage, no per-release cache: the least a lookup can cost.
 */
const bareHandlerScript = `
import { createServer } from 'node:http';
import * as z from 'zod/mini';
const { readReleaseFile } = await import(${src('node/release-file.ts')});
const { ReleaseIndex } = await import(${src('shared/release/release-index.ts')});
const { functionById } = await import(${src('shared/formulas/index.ts')});
const { invoke } = await import(${src('shared/formulas/invoke.ts')});
const { isCellError } = await import(${src('shared/excel/errors.ts')});
const { LookupEnvelopeSchema, LookupItemSchema } = await import(${src('shared/api/schemas.ts')});
const index = new ReleaseIndex(readReleaseFile(${JSON.stringify(RELEASE_FILE)}));
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    const body = z.parse(LookupEnvelopeSchema, JSON.parse(Buffer.concat(chunks).toString('utf8')));
    const items = body.items.map((raw) => z.parse(LookupItemSchema, raw));
    const results = await Promise.all(items.map(async ({ fn, args }) => {
      const out = await invoke(functionById(fn), index, args);
      return JSON.stringify(isCellError(out) ? { error: { code: out.code, message: out.message } } : { value: out });
    }));
    const text = '{"release":' + JSON.stringify(index.release.id) + ',"results":[' + results.join(',') + ']}';
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) }).end(text);
  });
});
server.listen(0, '127.0.0.1', () => console.log('listening ' + server.address().port));
process.stdin.resume().once('end', () => { server.close(() => process.exit(0)); server.closeAllConnections(); });`;

const verdict = (ok: boolean): string => (ok ? 'met' : 'missed');

/** What the host answered, minus the per-connection headers node:http adds itself. */
async function capture(url: string, init: RequestInit = {}): Promise<Captured> {
  const res = await fetch(url, init);
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    if (!['date', 'connection', 'keep-alive', 'transfer-encoding'].includes(k)) headers[k] = v;
  });
  return { status: res.status, headers, body: await res.text() };
}

interface LoadResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  '5xx': number;
}
type Load = (opts: {
  url: string;
  connections: number;
  duration: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}) => Promise<LoadResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Load;

const SECONDS = Number(process.env.CIC_BENCH_SECONDS || 4);
const ROUNDS = Number(process.env.CIC_BENCH_ROUNDS || 3);

/** One recalculation of a dashboard: 20 QUARTILE cells over 5 indicators and 4 LAs. */
function lookupBody(): string {
  const keys = ['LACStable_2016on', 'CPPlans2yrs', 'ReReferral', 'LAC_KS4_AVG_Attain8', 'CPP_Abuse_Rate'];
  const items = [855, 856, 925, 330].flatMap((la) => keys.map((k) => ({ fn: 'QUARTILE', args: [k, la] })));
  return JSON.stringify({ items });
}

interface Scenario {
  name: string;
  path: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

const SCENARIOS: Scenario[] = [
  { name: 'POST lookup (20 QUARTILE cells)', path: '/api/lookup', method: 'POST', headers: { 'content-type': 'application/json' }, body: lookupBody() },
  { name: 'GET distributions', path: '/api/distributions/LACStable_2016on?year=2025', method: 'GET', headers: {} },
];

const summary = (rs: LoadResult[]) => ({
  rps: median(rs.map((r) => r.requests.average)),
  p50: median(rs.map((r) => r.latency.p50)),
  p99: median(rs.map((r) => r.latency.p99)),
  non2xx: rs.reduce((a, r) => a + r.non2xx, 0),
  count5xx: rs.reduce((a, r) => a + r['5xx'], 0),
  requests: rs.reduce((a, r) => a + r.requests.total, 0),
});

export async function benchApi(): Promise<BenchRow[]> {
  // The rate limiter stays in the path (its bookkeeping is measured), with a limit no bench reaches.
  const limits = { CIC_RATE_BURST: '1000000000', CIC_RATE_PER_SECOND: '1000000000' };
  const host = await child(hostScript, limits);
  // The same host without its per-release answer cache: every item invoked on every request, as the bare handler does.
  const uncached = await child(hostScript, { ...limits, CIC_LOOKUP_CACHE_BYTES: '0' });
  let bare: ChildServer | undefined;
  let handler: ChildServer | undefined;
  try {
    const base = `http://127.0.0.1:${host.port}`;
    const responses: Record<string, Captured> = {};
    for (const s of SCENARIOS) responses[`${s.method} ${s.path} ${s.body ?? ''}`] = await capture(base + s.path, s);
    bare = await child(bareScript(responses));
    handler = await child(bareHandlerScript, {}, ['--import', 'tsx']);
    const rows: BenchRow[] = [];
    for (const s of SCENARIOS) {
      const isLookup = s.method === 'POST';
      const run = (port: number, duration = SECONDS) =>
        autocannon({
          url: `http://127.0.0.1:${port}${s.path}`,
          connections: 50,
          duration,
          method: s.method,
          headers: s.headers,
          ...(s.body ? { body: s.body } : {}),
        });
      const targets = isLookup ? [host, bare, uncached, handler] : [host, bare];
      for (const t of targets) await run(t.port, 1); // warm-up: JIT, release catalog and values loaded
      const results = targets.map((): LoadResult[] => []);
      for (let i = 0; i < ROUNDS; i++) for (const [k, t] of targets.entries()) results[k]!.push(await run(t.port));
      const [a, b, u, h] = results.map(summary) as [
        ReturnType<typeof summary>,
        ReturnType<typeof summary>,
        ReturnType<typeof summary> | undefined,
        ReturnType<typeof summary> | undefined,
      ];
      const limit = isLookup ? 4 : 2;
      rows.push(
        {
          section: 'api',
          metric: `${s.name}: throughput, 50 connections`,
          value: a.rps,
          unit: 'req/s',
          baseline: { label: 'bare node:http, same bytes', value: b.rps },
          ratio: b.rps / a.rps,
          ratioMeaning: '× slower than bare',
          goal: `≤ ${limit}× bare throughput, 0 5xx: ${verdict(b.rps / a.rps <= limit && a.count5xx === 0)}`,
          note: `median of ${ROUNDS} × ${SECONDS} s; ${a.requests} requests`,
        },
        {
          section: 'api',
          metric: `${s.name}: latency p50`,
          value: a.p50,
          unit: 'ms',
          baseline: { label: 'bare', value: b.p50 },
          ...(b.p50 > 0 ? { ratio: a.p50 / b.p50, ratioMeaning: '× bare' } : {}),
        },
        {
          section: 'api',
          metric: `${s.name}: latency p99`,
          value: a.p99,
          unit: 'ms',
          baseline: { label: 'bare', value: b.p99 },
          ...(b.p99 > 0 ? { ratio: a.p99 / b.p99, ratioMeaning: '× bare' } : {}),
        },
        {
          section: 'api',
          metric: `${s.name}: non-2xx responses`,
          value: a.non2xx,
          unit: 'responses',
          goal: `0 5xx: ${verdict(a.count5xx === 0)}`,
          note: `${a.count5xx} were 5xx`,
        },
      );
      if (u && h) {
        rows.push(
          {
            section: 'api',
            metric: `${s.name}: throughput vs a bare handler doing the same work`,
            value: a.rps,
            unit: 'req/s',
            baseline: { label: 'bare node:http: same parse, same shared invoke calls, same serialisation', value: h.rps },
            ratio: h.rps / a.rps,
            ratioMeaning: '× slower than the bare handler',
            goal: `≤ 1.5× the bare handler: ${verdict(h.rps / a.rps <= 1.5)}`,
            note: 'the host as deployed (single cells computed per request; only costly items have their answers cached)',
          },
          {
            section: 'api',
            metric: `${s.name}: throughput, answer cache off (CIC_LOOKUP_CACHE_BYTES=0)`,
            value: u.rps,
            unit: 'req/s',
            baseline: { label: 'the same bare handler', value: h.rps },
            ratio: h.rps / u.rps,
            ratioMeaning: '× slower than the bare handler',
            goal: `≤ 1.5× the bare handler: ${verdict(h.rps / u.rps <= 1.5)}`,
            note: `no answer cache at all; ${(b.rps / u.rps).toFixed(2)}× slower than bare same-bytes`,
          },
        );
      }
    }
    return rows;
  } finally {
    await handler?.stop();
    await bare?.stop();
    await uncached.stop();
    await host.stop();
  }
}
