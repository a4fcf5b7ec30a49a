// API benchmarks for `npm run bench` (the lead's harness calls these):
//   benchApi()    — autocannon, 50 connections on loopback, against the local host serving the real
//                   handlers AND a bare node:http server returning the same bytes, in the same run;
//   benchImport() — the default release (all LAIT values) uploaded into Azurite through the store.
// Servers run in child processes so the load generator does not share their event loop.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = pathToFileURL(join(root, 'dist', 'functions-app', 'local-host.mjs')).href;
const RELEASE = join(root, 'data', 'releases', 'default.json.gz');

/** Start a server script in a child process; resolves with its port once it prints "listening <port>". */
function child(script, env = {}) {
  const proc = spawn(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((ok, fail) => {
    proc.stdout.on('data', (d) => {
      const m = /listening (\d+)/.exec(String(d));
      if (m) ok({ port: Number(m[1]), stop: () => new Promise((done) => { proc.once('exit', done); proc.kill('SIGINT'); }) });
    });
    proc.once('exit', (code) => fail(new Error(`bench server exited with ${code}`)));
  });
}

const hostScript = `
const dev = await import(${JSON.stringify(bundle)});
const az = await dev.startAzurite({});
await dev.seedIfEmpty(az.connectionString, ${JSON.stringify(RELEASE)});
process.env.CIC_STORAGE_CONNECTION = az.connectionString;
const lh = await dev.startLocalHost({ port: 0 });
process.once('SIGINT', async () => { await lh.close(); await az.stop(); process.exit(0); });
console.log('listening ' + lh.port);`;

const bareScript = (responses) => `
import { createServer } from 'node:http';
const responses = ${JSON.stringify(responses)};
const server = createServer((req, res) => {
  const key = req.method + ' ' + req.url;
  const r = responses[key] ?? responses[req.method + ' *'];
  req.resume();
  req.on('end', () => res.writeHead(r.status, r.headers).end(r.body));
});
server.listen(0, '127.0.0.1', () => console.log('listening ' + server.address().port));
process.once('SIGINT', () => server.close(() => process.exit(0)));`;

const load = (opts) => autocannon({ connections: 50, duration: Number(process.env.CIC_BENCH_SECONDS || 8), ...opts });

function summary(r) {
  return { rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, count5xx: r['5xx'], requests: r.requests.total };
}

/** A lookup batch like one recalculation of a dashboard: 20 cells over 5 indicators. */
function lookupBody() {
  const keys = ['LACStable_2016on', 'CPPlans2yrs', 'ReReferral', 'LAC_KS4_AVG_Attain8', 'CPP_Abuse_Rate'];
  const items = [];
  for (const la of [855, 856, 925, 330]) for (const k of keys) items.push({ fn: 'QUARTILE', args: [k, la] });
  return JSON.stringify({ items });
}

export async function benchApi() {
  const host = await child(hostScript, { CIC_RATE_BURST: '1000000000', CIC_RATE_PER_SECOND: '1000000000' });
  const base = `http://127.0.0.1:${host.port}`;
  const distPath = '/api/distributions/LACStable_2016on?year=2025';
  const body = lookupBody();
  const capture = async (path, init) => {
    const res = await fetch(base + path, init);
    const headers = {};
    res.headers.forEach((v, k) => { if (k !== 'date' && k !== 'connection' && k !== 'keep-alive' && k !== 'transfer-encoding') headers[k] = v; });
    return { status: res.status, headers, body: await res.text() };
  };
  const responses = {
    [`GET ${distPath}`]: await capture(distPath),
    'POST *': await capture('/api/lookup', { method: 'POST', headers: { 'content-type': 'application/json' }, body }),
  };
  const bare = await child(bareScript(responses));
  const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body };
  try {
    const out = {};
    for (const [name, opts] of [['lookup', { path: '/api/lookup', ...post }], ['distribution', { path: distPath }]]) {
      const api = summary(await load({ url: base + opts.path, ...opts }));
      const ref = summary(await load({ url: `http://127.0.0.1:${bare.port}${opts.path}`, ...opts }));
      out[name] = { ratio: Number((ref.rps / api.rps).toFixed(2)), api, bare: ref };
    }
    const l = out.lookup;
    return { ratio: l.ratio, rps: l.api.rps, p50: l.api.p50, p99: l.api.p99, non2xx: l.api.non2xx, count5xx: l.api.count5xx, scenarios: out };
  } finally {
    await bare.stop();
    await host.stop();
  }
}

export async function benchImport() {
  const dev = await import(bundle);
  const az = await dev.startAzurite({});
  try {
    const r = await dev.seedIfEmpty(az.connectionString, RELEASE);
    const bytes = readFileSync(RELEASE).length;
    return { release: r.releaseId, rows: r.cells, ms: r.ms, rowsPerSecond: Math.round(r.cells / (r.ms / 1000)), fileBytes: bytes };
  } finally {
    await az.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify({ import: await benchImport(), api: await benchApi() }, null, 2));
}
