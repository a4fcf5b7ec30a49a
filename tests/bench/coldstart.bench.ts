/**
 * Service cold start: from spawning the built local host (dist/functions-dev, the same handlers the
 * Functions host runs) on a store that already holds the default release, to its first answer of a GET
 * distribution and of a 1,000-item lookup; beside a bare node:http server that reads and parses the same
 * release file and answers the same GET, spawned and timed the same way in the same run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_RELEASE_PATH, readReleaseFile } from '../../node/release-file';
import { freePort, startAzurite } from '../../functions/src/dev/azurite';
import { TableStore } from '../../functions/src/store/table-store';
import { ReleaseIndex } from '../../shared/release/release-index';
import { median, type BenchRow } from './stats';

const ROOT = resolve(import.meta.dirname, '../..');
const ROUNDS = Number(process.env.CIC_BENCH_ROUNDS ?? 3);
const GET = '/api/distributions/LACStable_2016on?year=2025';

/** A server in a child process: ms from spawn until `probe` first answers 200. */
async function firstAnswer(args: string[], env: Record<string, string>, port: number, probe: () => Promise<Response>): Promise<number> {
  const t0 = performance.now();
  const child: ChildProcess = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: 'ignore' });
  try {
    for (;;) {
      try {
        if ((await probe()).status === 200) return performance.now() - t0;
      } catch {
        // not listening yet
      }
      if (performance.now() - t0 > 60_000) throw new Error(`no answer on port ${port} within 60 s`);
      await new Promise((r) => setTimeout(r, 2));
    }
  } finally {
    child.kill();
    await new Promise((r) => child.once('exit', r));
  }
}

const BARE = `
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
const release = JSON.parse(gunzipSync(readFileSync(process.env.RELEASE)).toString('utf8'));
const i = release.las;
createServer((req, res) => {
  const column = release.values.LACStable_2016on['2025'];
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ values: i.map((l, k) => [l.number, column[k] ?? null]) }));
}).listen(Number(process.env.PORT), '127.0.0.1');
`;

const HOST = `
const { startLocalHost } = await import(process.env.HOST_MODULE);
await startLocalHost({ port: Number(process.env.PORT) });
`;

export async function benchColdstart(): Promise<BenchRow[]> {
  const hostModule = join(ROOT, 'dist/functions-dev/local-host.mjs');
  if (!existsSync(hostModule)) throw new Error('dist/functions-dev is missing: run npm run build first');
  const release = readReleaseFile(DEFAULT_RELEASE_PATH);
  const index = new ReleaseIndex(release);
  const cells = index
    .catalog()
    .indicators.filter((x) => x.polarity !== null && !x.noQuartile)
    .slice(0, 50)
    .flatMap((x) => Array.from({ length: 20 }, (_, k) => ({ fn: 'RANK', args: [x.key, k + 2, x.years.at(-1)] })));
  const location = mkdtempSync(join(tmpdir(), 'cic-cold-'));
  const azurite = await startAzurite({ location });
  try {
    const store = new TableStore(azurite.connectionString, 'cic');
    await store.init();
    await store.putRelease(release);
    await store.publish(release.id);
    const serviceEnv = (port: number) => ({
      PORT: String(port),
      HOST_MODULE: hostModule,
      CIC_STORAGE_CONNECTION: azurite.connectionString,
      CIC_RATE_PER_SECOND: '0',
    });
    const get = (port: number) => () => fetch(`http://127.0.0.1:${port}${GET}`);
    const lookup = (port: number) => () =>
      fetch(`http://127.0.0.1:${port}/api/lookup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ items: cells }) });
    const bare: number[] = [];
    const hostGet: number[] = [];
    const hostLookup: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      let port = await freePort();
      bare.push(await firstAnswer(['--input-type=module', '-e', BARE], { PORT: String(port), RELEASE: DEFAULT_RELEASE_PATH }, port, get(port)));
      port = await freePort();
      hostGet.push(await firstAnswer(['--input-type=module', '-e', HOST], serviceEnv(port), port, get(port)));
      port = await freePort();
      hostLookup.push(await firstAnswer(['--input-type=module', '-e', HOST], serviceEnv(port), port, lookup(port)));
    }
    const b = median(bare);
    const row = (metric: string, v: number): BenchRow => ({
      section: 'coldstart',
      metric,
      value: v,
      unit: 'ms',
      baseline: { label: 'bare node:http parsing the same release file', value: b },
      ratio: v / b,
      ratioMeaning: '× bare',
      goal: `≤ 2×: ${v / b <= 2 ? 'met' : 'missed'}`,
      note: `median of ${ROUNDS} spawns; the store already holds the release`,
    });
    return [row('service start to first GET distribution answer', median(hostGet)), row('service start to first 1,000-item lookup answer', median(hostLookup))];
  } finally {
    await azurite.stop();
    rmSync(location, { recursive: true, force: true });
  }
}
