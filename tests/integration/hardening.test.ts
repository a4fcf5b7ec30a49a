/**
 * Hostile and everyday requests that once got through: concurrent uploads of one id, amplifying lookups,
 * oversized bodies refused while streaming, an indicator key with a slash, self-contradictory releases,
 * over-long keys and decompression bombs, HEAD, and an empty If-Match on publish.
 */
import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { HttpSource } from '../../addin/client/http-source';
import { sha256Hex } from '../../node/release-file';
import { functionById } from '../../shared/formulas/index';
import { invoke } from '../../shared/formulas/invoke';
import { contentHashOf } from '../../shared/release/hash';
import type { Release } from '../../shared/release/schema';
import { RELEASE_PK } from '../../functions/src/store/tables';
import { syntheticRelease } from './fixture';
import { expectProblem, json, startStack, WRITE_KEY, type Stack } from './stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ CIC_CURRENT_TTL_MS: '0' });
  const r = withSlashKey(syntheticRelease('hard-0'));
  await stack.store.putRelease(r);
  await stack.store.publish(r.id);
});
afterAll(() => stack?.close());

const writeHeaders = { 'x-functions-key': WRITE_KEY, 'content-type': 'application/json' };
const put = (body: string | Buffer, extra: Record<string, string> = {}): RequestInit => ({
  method: 'PUT',
  headers: { ...writeHeaders, ...extra },
  body: body as BodyInit,
});
const rehash = (r: Omit<Release, 'contentHash'> & { contentHash?: string }): Release => {
  const { contentHash: _c, ...rest } = r;
  return { ...rest, contentHash: contentHashOf(rest, sha256Hex) } as Release;
};

const SLASH = 'NEW_KS2_RWM_Sen_W/Osta';
function withSlashKey(r: Release): Release {
  const ks2 = r.indicators.find((i) => i.key === 'KS2_RWM')!;
  return rehash({
    ...r,
    indicators: [...r.indicators, { ...ks2, key: SLASH, name: 'KS2 RWM, SEN without a plan' }],
    values: { ...r.values, [SLASH]: r.values.KS2_RWM! },
  });
}

describe('concurrent uploads of one id', () => {
  test('over many fresh ids, two different uploads at once: exactly one 201, the other 409, and the winner is what is stored', async () => {
    // One pair at a time, the second starting a little later each time, so that across the ids it lands
    // before, during and just after the first one's read, write, verify and complete.
    for (let k = 0; k < 40; k++) {
      const id = `race-up-${k}`;
      const bodies = [syntheticRelease(id, 1), syntheticRelease(id, 2)];
      const res = await Promise.all(
        bodies.map((b, j) => new Promise((ok) => setTimeout(ok, j * k * 2)).then(() => stack.api(`/api/releases/${id}`, put(JSON.stringify(b))))),
      );
      const statuses = res.map((r) => r.status);
      await Promise.all(res.map((r) => r.arrayBuffer()));
      expect([...statuses].sort(), `${id}, second ${k * 2} ms later`).toEqual([201, 409]);
      const winner = bodies[statuses.indexOf(201)]!;
      expect(await stack.store.releaseInfo(id), id).toMatchObject({ status: 'complete', contentHash: winner.contentHash });
    }
  }, 60_000);

  test('identical uploads at once: exactly one 201, the other 200 (winner done) or 409 (still uploading); afterwards a repeat is 200', async () => {
    const seen = new Set<number>();
    for (let k = 0; k < 30; k++) {
      const id = `race-same-${k}`;
      const body = JSON.stringify(syntheticRelease(id));
      const res = await Promise.all([0, 1].map((j) => new Promise((ok) => setTimeout(ok, j * k * 3)).then(() => stack.api(`/api/releases/${id}`, put(body)))));
      const statuses = res.map((r) => r.status);
      await Promise.all(res.map((r) => r.arrayBuffer()));
      expect(
        statuses.filter((x) => x === 201),
        `${id}: ${statuses}`,
      ).toHaveLength(1);
      const other = statuses.find((x) => x !== 201)!;
      expect([200, 409], `${id}: ${statuses}`).toContain(other);
      seen.add(other);
      expect((await stack.api(`/api/releases/${id}`, put(body))).status).toBe(200);
    }
    expect(seen.has(200), 'some second upload arrived after the first completed').toBe(true);
  }, 60_000);

  test('a stale uploading row (its uploader died) is taken over; a live one is not', async () => {
    const id = 'stale-up-1';
    const r = syntheticRelease(id);
    const row = {
      partitionKey: RELEASE_PK,
      rowKey: id,
      id,
      title: 't',
      asOf: r.asOf,
      attribution: '',
      contentHash: 'x'.repeat(64),
      sources: '[]',
      indicators: 1,
      las: 1,
      status: 'uploading',
      entities: 1,
      uploadedAt: new Date().toISOString(),
    };
    await stack.store.tables.releases.createEntity({ ...row, leaseUntil: Date.now() + 60_000 });
    await expectProblem(await stack.api(`/api/releases/${id}`, put(JSON.stringify(r))), 409);
    await stack.store.tables.releases.updateEntity({ ...row, leaseUntil: Date.now() - 1 }, 'Replace');
    expect((await stack.api(`/api/releases/${id}`, put(JSON.stringify(r)))).status).toBe(201);
    expect(await stack.store.releaseInfo(id)).toMatchObject({ status: 'complete', contentHash: r.contentHash });
  });
});

describe('bounded lookups', () => {
  test('an amplifying lookup (INDICATORS × 5000) is refused at once with 413, not computed', async () => {
    const items = Array.from({ length: 5000 }, () => ({ fn: 'INDICATORS', args: [] }));
    const res = await stack.api('/api/lookup', json({ items }));
    const p = await expectProblem(res, 413);
    expect(p.detail).toMatch(/INDICATORS|work|split/i);
  });

  test('a lookup whose response would pass the byte cap is refused with 413, and a normal one still answers', async () => {
    const was = stack.services.config.maxLookupResponseBytes;
    stack.services.config.maxLookupResponseBytes = 4000;
    try {
      const items = Array.from({ length: 200 }, (_, i) => ({ fn: 'BOUNDARIES', args: [i % 2 ? 'KS2_RWM' : 'LACStable_2016on', '2025'] }));
      const p = await expectProblem(await stack.api('/api/lookup', json({ items })), 413);
      expect(p.detail).toMatch(/bytes/);
    } finally {
      stack.services.config.maxLookupResponseBytes = was;
    }
    const ok = await stack.api('/api/lookup', json({ items: [{ fn: 'COUNT', args: ['LACStable_2016on'] }] }));
    expect(await ok.json()).toEqual({ release: 'hard-0', results: [{ value: 23 }] });
  });

  test('POST lookup?release= names the release (an unknown one is 404, not ignored); a bad query names the query', async () => {
    await expectProblem(await stack.api('/api/lookup?release=nope-nope', json({ items: [{ fn: 'COUNT', args: ['KS2_RWM'] }] })), 404);
    const p = await expectProblem(await stack.api('/api/lookup?bogus=1', json({ items: [{ fn: 'COUNT', args: ['KS2_RWM'] }] })), 400);
    expect(p.detail).not.toContain('(body)');
    expect(p.detail).toMatch(/query/);
    const q = await expectProblem(await stack.api('/api/distributions/KS2_RWM?bogus=1'), 400);
    expect(q.detail).not.toContain('(body)');
  });
});

/** Stream a body in chunks without ending it; resolves with the status as soon as the host answers. */
function streamBody(
  path: string,
  method: string,
  headers: Record<string, string>,
  chunkBytes: number,
  maxBytes: number,
): Promise<{ status: number; sent: number } | null> {
  const url = new URL(`${stack.url}${path}`);
  return new Promise((resolve) => {
    let sent = 0;
    let done = false;
    const req = request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers });
    req.on('error', () => undefined); // the host may hang up on the rest of the body
    req.on('response', (res) => {
      done = true;
      res.resume();
      resolve({ status: res.statusCode ?? 0, sent });
      req.destroy();
    });
    const chunk = Buffer.alloc(chunkBytes, 0x20);
    const pump = (): void => {
      if (done) return;
      if (sent >= maxBytes) {
        setTimeout(() => {
          if (!done) {
            done = true;
            req.destroy();
            resolve(null);
          }
        }, 2000);
        return;
      }
      sent += chunk.length;
      req.write(chunk, () => setImmediate(pump));
    };
    pump();
  });
}

describe('body caps per route, while streaming', () => {
  test('a chunked lookup body past the lookup cap gets 413 before it ends', async () => {
    const cap = stack.services.config.maxBodyBytes;
    const r = await streamBody('/api/lookup', 'POST', { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, 64 * 1024, cap * 4);
    expect(r, 'the host waited for a body it should have refused').not.toBeNull();
    expect(r!.status).toBe(413);
    expect(r!.sent).toBeLessThan(cap * 2);
  });

  test('a declared lookup body over the cap is refused before any of it is read', async () => {
    const cap = stack.services.config.maxBodyBytes;
    const r = await streamBody('/api/lookup', 'POST', { 'content-type': 'application/json', 'content-length': String(cap + 1) }, 1024, 1024);
    expect(r?.status).toBe(413);
  });

  test('a body sent to a GET-only route is not read at all', async () => {
    const r = await streamBody('/api/health', 'POST', { 'transfer-encoding': 'chunked' }, 64 * 1024, 1024 * 1024);
    expect(r?.status).toBe(405);
  });
});

describe('every indicator is reachable', () => {
  test(`"${SLASH}" over GET, percent-encoded in the path or as ?indicator=`, async () => {
    const a = await stack.api(`/api/distributions/${encodeURIComponent(SLASH)}?year=2025`);
    expect(a.status, await a.clone().text()).toBe(200);
    const body = (await a.json()) as { indicator: string; n: number };
    expect(body).toMatchObject({ n: 24 });
    const b = await stack.api(`/api/distributions?indicator=${encodeURIComponent(SLASH)}&year=2025`);
    expect(b.status).toBe(200);
    expect(await b.json()).toEqual(body);
    // The add-in's client reaches it through the real host, as a cell would.
    const src = new HttpSource({ baseUrl: `${stack.url}/api/`, timeoutMs: 5000 });
    expect(await invoke(functionById('COUNT')!, src, [SLASH, '2025'])).toBe(24);
    expect(await invoke(functionById('BAND')!, src, [SLASH, 60, '2025'])).toEqual(await invoke(functionById('BAND')!, src, ['KS2_RWM', 60, '2025']));
    // Still no path smuggling in other route parameters.
    await expectProblem(await stack.api('/api/releases/a%2Fb/catalog'), 400);
  });
});

describe('releases that contradict themselves are refused with 422 and the reason, nothing stored', () => {
  const base = syntheticRelease('contra-1');
  const cases: [string, (r: Release) => Omit<Release, 'contentHash'>, RegExp][] = [
    [
      'a values column shorter than the LA list',
      (r) => ({ ...r, values: { ...r.values, KS2_RWM: { ...r.values.KS2_RWM, '2025': r.values.KS2_RWM!['2025']!.slice(0, 10) } } }),
      /KS2_RWM.*2025.*10.*26/,
    ],
    ['duplicate LA numbers', (r) => ({ ...r, las: r.las.map((la, i) => (i === 1 ? { ...la, number: 801 } : la)) }), /LA number 801/],
    [
      'duplicate indicator keys',
      (r) => ({ ...r, indicators: [...r.indicators, { ...r.indicators[0]!, polarity: 'High' }] }),
      /LACStable_2016on.*twice|duplicate/i,
    ],
    [
      'a listed year with no data',
      (r) => ({ ...r, indicators: r.indicators.map((i) => (i.key === 'PopU18' ? { ...i, years: ['2024', '2025'] } : i)) }),
      /PopU18.*2024/,
    ],
  ];
  for (const [what, mutate, reason] of cases) {
    test(what, async () => {
      const bad = rehash(mutate(base));
      const p = await expectProblem(await stack.api('/api/releases/contra-1', put(JSON.stringify(bad))), 422);
      expect(p.detail).toMatch(reason);
      expect(await stack.store.releaseInfo('contra-1')).toBeNull();
    });
  }
});

describe('bad uploads are 413/422, never 500, and leave nothing half-written', () => {
  test('an over-long indicator key', async () => {
    const r = syntheticRelease('long-key-1');
    const key = 'K'.repeat(5000);
    const bad = rehash({ ...r, indicators: [...r.indicators, { ...r.indicators[0]!, key }], values: { ...r.values, [key]: r.values.KS2_RWM! } });
    await expectProblem(await stack.api('/api/releases/long-key-1', put(JSON.stringify(bad))), 422);
    expect(await stack.store.releaseInfo('long-key-1')).toBeNull();
  });

  test('an over-long title', async () => {
    const r = rehash({ ...syntheticRelease('long-title-1'), title: 'T'.repeat(200_000) });
    await expectProblem(await stack.api('/api/releases/long-title-1', put(JSON.stringify(r))), 422);
    expect(await stack.store.releaseInfo('long-title-1')).toBeNull();
  });

  test('a decompression bomb', async () => {
    const bomb = gzipSync(Buffer.alloc(stack.services.config.maxUploadBytes + 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(stack.services.config.maxUploadBytes / 100);
    await expectProblem(await stack.api('/api/releases/bomb-1', put(bomb, { 'content-encoding': 'gzip' })), 413);
    expect(await stack.store.releaseInfo('bomb-1')).toBeNull();
    // A lookup body inflating beyond the lookup cap too.
    const small = gzipSync(Buffer.alloc(stack.services.config.maxBodyBytes + 1, 0x20));
    await expectProblem(
      await stack.api('/api/lookup', { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: small }),
      413,
    );
  });
});

describe('HEAD and conditional publish', () => {
  test('HEAD answers wherever GET does, with the same headers and no body', async () => {
    for (const path of [
      '/api/health',
      '/api/releases/current',
      '/api/releases',
      '/api/releases/hard-0/catalog',
      '/api/distributions/KS2_RWM?year=2025',
      '/api/indicators',
      '/api/las',
    ]) {
      const get = await stack.api(path);
      await get.arrayBuffer();
      const head = await stack.api(path, { method: 'HEAD' });
      expect(head.status, path).toBe(get.status);
      expect(head.headers.get('etag'), path).toBe(get.headers.get('etag'));
      expect(head.headers.get('content-type'), path).toBe(get.headers.get('content-type'));
      expect((await head.arrayBuffer()).byteLength, path).toBe(0);
    }
    expect((await stack.api('/api/lookup', { method: 'HEAD' })).status).toBe(405);
  });

  test('an empty or malformed If-Match never publishes; the ETag from HEAD does', async () => {
    expect((await stack.api('/api/releases/race-same-0', put(JSON.stringify(syntheticRelease('race-same-0'))))).status).toBeLessThan(300);
    for (const ifMatch of ['', ' ', 'garbage', 'W/"x', '"unterminated']) {
      const res = await stack.api('/api/releases/race-same-0/publish', { method: 'POST', headers: { ...writeHeaders, 'if-match': ifMatch } });
      expect([400, 412], `If-Match ${JSON.stringify(ifMatch)}`).toContain(res.status);
      await res.arrayBuffer();
      expect((await stack.store.current())?.releaseId).toBe('hard-0');
    }
    const etag = (await stack.api('/api/releases/current', { method: 'HEAD' })).headers.get('etag');
    expect(etag).toMatch(/^"/);
    const ok = await stack.api('/api/releases/race-same-0/publish', { method: 'POST', headers: { ...writeHeaders, 'if-match': etag! } });
    expect(ok.status, await ok.clone().text()).toBe(200);
    expect((await stack.store.current())?.releaseId).toBe('race-same-0');
  });
});
