/**
 * Faults under way, over real HTTP (outage.test.ts covers a quiet outage, api-write.test.ts store-level
 * crashes and publish races without readers): storage killed and restarted under load, an upload whose
 * HTTP body is cut off midway, and concurrent upload + publish races watched by readers throughout.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { syntheticRelease } from './fixture';
import { json, startStack, WRITE_KEY, type Stack } from './stack';

let stack: Stack;
beforeAll(async () => {
  // A short pointer TTL so reads keep going back to storage while it is down.
  stack = await startStack({ CIC_CURRENT_TTL_MS: '50' });
  const r = syntheticRelease('fault-0');
  await stack.store.putRelease(r);
  await stack.store.publish(r.id);
});
afterAll(() => stack?.close());

const writeHeaders = { 'x-functions-key': WRITE_KEY, 'content-type': 'application/json' };
const current = async (): Promise<{ id: string; contentHash: string }> =>
  (await (await stack.api('/api/releases/current')).json()) as { id: string; contentHash: string };

/** Reads a client makes, each bounded by a timeout so a hang fails the test instead of stalling it. */
const READS: [string, RequestInit?][] = [
  ['/api/health'],
  ['/api/distributions/LACStable_2016on?year=2025'],
  ['/api/distributions/KS2_RWM?release=fault-0'],
  ['/api/releases'],
  [
    '/api/lookup',
    json({
      items: [
        { fn: 'COUNT', args: ['LACStable_2016on'] },
        { fn: 'QUARTILE', args: ['KS2_RWM', 805] },
      ],
    }),
  ],
];

async function readLoop(until: () => boolean, seen: string[]): Promise<void> {
  for (let i = 0; !until(); i++) {
    const [path, init] = READS[i % READS.length]!;
    const res = await stack.api(path, { ...init, signal: AbortSignal.timeout(8000) });
    await res.arrayBuffer();
    const ok = (res.status >= 200 && res.status < 300) || res.status === 304;
    const unavailable = res.status === 503 && /^\d+$/.test(res.headers.get('retry-after') ?? '');
    if (!ok && !unavailable) seen.push(`${path} → ${res.status} (retry-after ${res.headers.get('retry-after')})`);
    seen.push(String(res.status));
  }
}

test('storage killed and restarted under load: only 2xx or 503 + Retry-After, never a hang or another 5xx; then all 2xx, data intact', async () => {
  const before = await (await stack.api('/api/distributions/LACStable_2016on?year=2025')).text();
  let stop = false;
  const seen: string[] = [];
  const loops = Array.from({ length: 6 }, () => readLoop(() => stop, seen));
  await new Promise((r) => setTimeout(r, 500));
  await stack.azurite.stop();
  await new Promise((r) => setTimeout(r, 1500));
  await stack.azurite.restart();
  await new Promise((r) => setTimeout(r, 500));
  stop = true;
  await Promise.all(loops);

  expect(
    seen.filter((s) => s.includes('→')),
    'unexpected answers',
  ).toEqual([]);
  expect(seen).toContain('503'); // the outage was really seen under load
  for (const [path, init] of READS) expect((await stack.api(path, init)).status, path).toBe(200);
  expect(await (await stack.api('/api/distributions/LACStable_2016on?year=2025')).text()).toBe(before);
  expect(await current()).toMatchObject({ id: 'fault-0', contentHash: syntheticRelease('fault-0').contentHash });
}, 30_000);

/** PUT a release, sending only the first `fraction` of the declared body before hanging up; the status if the host answered. */
function cutOffUpload(id: string, body: string, fraction: number): Promise<number | null> {
  const url = new URL(`${stack.url}/api/releases/${id}`);
  const bytes = Buffer.from(body);
  return new Promise((resolve) => {
    const req = request({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'PUT',
      headers: { ...writeHeaders, 'content-length': bytes.length },
    });
    req.on('error', () => undefined); // our own hang-up
    req.on('response', (res) => resolve(res.statusCode ?? 0));
    req.write(bytes.subarray(0, Math.floor(bytes.length * fraction)), () =>
      setTimeout(() => {
        req.destroy();
        setTimeout(() => resolve(null), 200);
      }, 100),
    );
  });
}

test('an upload cut off midway leaves current whole and the partial id unstored and unpublishable', async () => {
  const partial = syntheticRelease('fault-cut', 5);
  for (let i = 0; i < 200; i++) partial.values[`Bulk_${i}`] = { '2025': partial.las.map((_, k) => k * i) }; // a body of many TCP segments
  expect(await cutOffUpload('fault-cut', JSON.stringify(partial), 0.5), 'the host must not answer a body it never got in full').toBeNull();

  expect(await stack.store.releaseInfo('fault-cut')).toBeNull();
  expect((await stack.api('/api/releases/fault-cut/publish', { method: 'POST', headers: writeHeaders })).status).toBe(404);
  expect((await stack.api('/api/releases/fault-cut')).status).toBe(404);
  expect(await current()).toMatchObject({ id: 'fault-0', contentHash: syntheticRelease('fault-0').contentHash });
  const lookup = await stack.api('/api/lookup', json({ items: [{ fn: 'COUNT', args: ['LACStable_2016on'] }] }));
  expect(await lookup.json()).toEqual({ release: 'fault-0', results: [{ value: 23 }] });

  // The id is not poisoned: the whole upload is then accepted.
  const whole = syntheticRelease('fault-cut', 5);
  expect((await stack.api('/api/releases/fault-cut', { method: 'PUT', headers: writeHeaders, body: JSON.stringify(whole) })).status).toBe(201);
});

test('an upload that meets a storage outage midway gets 503, and the same upload retried at once succeeds', async () => {
  const r = syntheticRelease('fault-outage', 3);
  // Storage goes down after the id is claimed, as the first batch of data is sent: the claim cannot be
  // handed back either, so the row stays 'uploading' under a lease (once 15 minutes of 409s).
  const data = stack.store.tables.data;
  const submit = data.submitTransaction.bind(data);
  let outage: Promise<void> | undefined;
  data.submitTransaction = async (...args) => {
    await (outage ??= stack.azurite.stop());
    return submit(...args);
  };
  let failed: Response;
  try {
    failed = await stack.api('/api/releases/fault-outage', { method: 'PUT', headers: writeHeaders, body: JSON.stringify(r) });
  } finally {
    data.submitTransaction = submit;
    await stack.azurite.restart();
  }
  expect(outage, 'the outage happened during the upload').toBeDefined();
  expect(failed.status).toBe(503);
  expect(failed.headers.get('retry-after')).toMatch(/^\d+$/);
  expect((await stack.store.releaseInfo('fault-outage'))?.status, 'the claim is still there').toBe('uploading');

  const retried = await stack.api('/api/releases/fault-outage', { method: 'PUT', headers: writeHeaders, body: JSON.stringify(r) });
  expect(retried.status, await retried.clone().text()).toBe(201);
  expect(await stack.store.releaseInfo('fault-outage')).toMatchObject({ status: 'complete', contentHash: r.contentHash });
  expect((await stack.api('/api/releases/fault-outage/publish', { method: 'POST', headers: writeHeaders })).status).toBe(200);
  expect(await current()).toMatchObject({ id: 'fault-outage', contentHash: r.contentHash });
  expect((await stack.api('/api/releases/fault-0/publish', { method: 'POST', headers: writeHeaders })).status).toBe(200);
}, 30_000);

test('two clients upload and publish at once while readers watch: exactly one wins, readers only ever see a whole release', async () => {
  const ids = ['fault-a', 'fault-b'];
  const expected = new Map([
    ['fault-0', syntheticRelease('fault-0')],
    ['fault-a', syntheticRelease('fault-a', 1)],
    ['fault-b', syntheticRelease('fault-b', 2)],
  ]);
  const seenEtag = (await stack.api('/api/releases/current')).headers.get('etag') as string;

  let stop = false;
  const observed: { id: string; contentHash: string }[] = [];
  const reader = (async () => {
    while (!stop) {
      const res = await stack.api('/api/releases/current', { signal: AbortSignal.timeout(8000) });
      expect(res.status).toBe(200);
      observed.push((await res.json()) as { id: string; contentHash: string });
    }
  })();
  const publishes = await Promise.all(
    ids.map(async (id) => {
      const put = await stack.api(`/api/releases/${id}`, { method: 'PUT', headers: writeHeaders, body: JSON.stringify(expected.get(id)) });
      expect(put.status).toBe(201);
      return stack.api(`/api/releases/${id}/publish`, { method: 'POST', headers: { ...writeHeaders, 'if-match': seenEtag } });
    }),
  );
  await new Promise((r) => setTimeout(r, 200));
  stop = true;
  await reader;

  expect(publishes.map((r) => r.status).sort()).toEqual([200, 412]);
  const winner = ids[publishes.findIndex((r) => r.status === 200)]!;
  expect(await current()).toMatchObject({ id: winner, contentHash: expected.get(winner)!.contentHash });
  expect(observed.length).toBeGreaterThan(0);
  for (const o of observed) {
    expect(['fault-0', winner]).toContain(o.id);
    expect(o.contentHash).toBe(expected.get(o.id)!.contentHash);
  }
  // The loser is stored whole and can still be published deliberately later.
  const loser = ids.find((id) => id !== winner)!;
  expect((await stack.store.releaseInfo(loser))?.status).toBe('complete');
});
