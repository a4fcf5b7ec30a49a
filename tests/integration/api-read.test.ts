/** The read endpoints over real HTTP against Azurite: answers equal the shared engine's, with ETags, CORS and rate limits. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CatalogDtoSchema, LookupRequestSchema, LookupResponseSchema } from '../../shared/api/schemas';
import { FUNCTIONS, functionById } from '../../shared/formulas/index';
import { invoke } from '../../shared/formulas/invoke';
import { isCellError } from '../../shared/excel/errors';
import { ReleaseIndex } from '../../shared/release/release-index';
import { boundaries } from '../../shared/benchmark/quartile';
import { RateLimiter } from '../../functions/src/http/rate-limit';
import { syntheticRelease } from './fixture';
import { expectProblem, json, startStack, type Stack } from './stack';

const release = syntheticRelease('test-2025');
const older = syntheticRelease('test-2024', 1);
const index = new ReleaseIndex(release);
let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
  await stack.store.putRelease(older);
  await stack.store.putRelease(release);
  await stack.store.publish(release.id);
});
afterAll(() => stack?.close());

describe('reads', () => {
  test('health reports reachable storage and the current release', async () => {
    const res = await stack.api('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', storage: 'reachable', current: 'test-2025' });
  });

  test('releases: list, current, by id (immutable), unknown id 404', async () => {
    const list = (await (await stack.api('/api/releases')).json()) as { current: string; releases: { id: string }[] };
    expect(list.current).toBe('test-2025');
    expect(list.releases.map((r) => r.id).sort()).toEqual(['test-2024', 'test-2025']);
    const current = await stack.api('/api/releases/current');
    expect(await current.json()).toMatchObject({ id: 'test-2025', contentHash: release.contentHash, las: 26, indicators: 4 });
    const byId = await stack.api('/api/releases/test-2024');
    expect(byId.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await byId.json()).toMatchObject({ id: 'test-2024', contentHash: older.contentHash });
    await expectProblem(await stack.api('/api/releases/no-such-release'), 404);
  });

  test('catalog: the release indicators, LAs, neighbours and unit costs in one immutable, schema-valid response', async () => {
    const res = await stack.api('/api/releases/test-2025/catalog');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const body = CatalogDtoSchema.parse(await res.json());
    expect(body.release.id).toBe('test-2025');
    // What cells need of each indicator; the dictionary's description and source are the indicators endpoint's.
    expect(body.indicators).toEqual(release.indicators.map(({ description: _d, source: _s, ...forCells }) => forCells));
    expect(JSON.stringify(body)).not.toContain(release.indicators[0]!.description || '\u0000');
    expect(body.las).toEqual(release.las);
    expect(body.neighbours).toEqual(release.neighbours);
    expect(body.unitCosts).toEqual(release.unitCosts);
    const again = await stack.api('/api/releases/test-2025/catalog', { headers: { 'if-none-match': res.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);
    await expectProblem(await stack.api('/api/releases/no-such-release/catalog'), 404);
  });

  test('compressed where the client accepts it: Brotli or gzip, the same JSON once decoded, 304 on revalidation', async () => {
    const plain = await (await stack.api('/api/releases/test-2025/catalog', { headers: { 'accept-encoding': 'identity' } })).text();
    for (const coding of ['br', 'gzip']) {
      const res = await stack.api('/api/releases/test-2025/catalog', { headers: { 'accept-encoding': coding } });
      expect(res.headers.get('content-encoding')).toBe(coding);
      expect(res.headers.get('vary')).toContain('Accept-Encoding');
      expect(await res.text()).toBe(plain);
      const again = await stack.api('/api/releases/test-2025/catalog', {
        headers: { 'accept-encoding': coding, 'if-none-match': res.headers.get('etag') ?? '' },
      });
      expect(again.status).toBe(304);
    }
  });

  test('indicators: search words and topic filter', async () => {
    const search = (await (await stack.api('/api/indicators?q=placement%20stab')).json()) as { indicators: { key: string }[] };
    expect(search.indicators.map((i) => i.key)).toEqual(['LACStable_2016on']);
    const topic = (await (await stack.api('/api/indicators?topic=education')).json()) as { indicators: { key: string }[] };
    expect(topic.indicators.map((i) => i.key)).toEqual(['KS2_RWM']);
    const all = (await (await stack.api('/api/indicators')).json()) as { indicators: unknown[] };
    expect(all.indicators).toHaveLength(4);
  });

  test('distribution carries the values, n, boundaries and polarity the engine computes', async () => {
    for (const [key, year] of [
      ['LACStable_2016on', '2025'],
      ['KS2_RWM', '2024'],
      ['LACStable_2016on', '2024'],
    ] as const) {
      const body = (await (await stack.api(`/api/distributions/${key}?year=${year}`)).json()) as Record<string, unknown>;
      const dist = index.distribution(key, year);
      expect(body.values).toEqual(index.distributionDto(key, year).values);
      expect(body.n).toBe(dist.sorted.length);
      expect(body.boundaries).toEqual([...boundaries(dist.sorted, 'inc')]);
      expect(body.polarity).toBe(dist.indicator.polarity);
      expect(body.england).toBe(10);
    }
    const pinned = await stack.api('/api/distributions/lacstable_2016on?release=test-2024');
    expect(pinned.headers.get('cache-control')).toContain('immutable');
    expect(await pinned.json()).toMatchObject({ release: 'test-2024', year: '2025', indicator: { key: 'LACStable_2016on' } });
  });

  test('ETag: If-None-Match answers 304 with no body; a different release gives a different tag', async () => {
    const first = await stack.api('/api/distributions/KS2_RWM?release=test-2025');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await stack.api('/api/distributions/KS2_RWM?release=test-2025', { headers: { 'if-none-match': etag as string } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const other = await stack.api('/api/distributions/KS2_RWM?release=test-2024');
    expect(other.headers.get('etag')).not.toBe(etag);
    for (const path of ['/api/releases', '/api/releases/current', '/api/las', '/api/indicators', '/api/las/801/neighbours', '/api/unit-costs']) {
      const tag = (await stack.api(path)).headers.get('etag') as string;
      expect((await stack.api(path, { headers: { 'if-none-match': tag } })).status, path).toBe(304);
    }
  });

  test('lookup: a batch answered in order, each item equal to invoke over the same release', async () => {
    const items = [
      { fn: 'QUARTILE', args: ['LACStable_2016on', 7.7, '2025'] },
      { fn: 'BAND', args: ['LACStable_2016on', 805] },
      { fn: 'RANK', args: ['KS2_RWM', 'Testshire 3', 2024] },
      { fn: 'BOUNDARIES', args: ['KS2_RWM'] },
      { fn: 'VALUE', args: ['LACStable_2016on', 824, '2025'] },
      { fn: 'NATIONAL', args: ['KS2_RWM'] },
      { fn: 'SNAVG', args: ['KS2_RWM', 801] },
      { fn: 'NEIGHBOURS', args: [801] },
      { fn: 'COUNT', args: ['LACStable_2016on'] },
      { fn: 'POLARITY', args: ['KS2_RWM'] },
      { fn: 'UNITCOST', args: ['Residential', 803] },
      { fn: 'QUARTILE', args: ['NoSuchIndicator', 1] },
      { fn: 'BAND', args: ['PopU18', 801] },
      { fn: 'quartile', args: ['LACStable_2016on', 'E06000002'] },
      // A card is an entity value: the response schema says so, as the service sends it.
      { fn: 'CARD', args: ['LACStable_2016on', 803] },
    ];
    const res = await stack.api('/api/lookup', json(LookupRequestSchema.parse({ items })));
    expect(res.status).toBe(200);
    const body = LookupResponseSchema.parse(await res.json());
    expect(body.release).toBe('test-2025');
    const expected = await Promise.all(
      items.map(async ({ fn, args }) => {
        const out = await invoke(functionById(fn)!, index, args);
        return isCellError(out) ? { error: { code: out.code, message: out.message } } : { value: out };
      }),
    );
    expect(body.results).toEqual(expected);
    expect(body.results[11]).toMatchObject({ error: { code: '#N/A' } });
  });

  test('lookup: workbook-only functions and unknown names are per-item errors; pinned release honoured', async () => {
    const workbookOnly = FUNCTIONS.filter((f) => f.data !== 'release').map((f) => ({ fn: f.id, args: [] }));
    expect(workbookOnly.map((i) => i.fn).sort()).toEqual(
      expect.arrayContaining(['CHANGE', 'FORECAST', 'PLACEMENTCOST', 'QUARTILEOF', 'SIGCHANGE', 'STEPDOWN']),
    );
    const res = await stack.api(
      '/api/lookup',
      json({ release: 'test-2024', items: [...workbookOnly, { fn: 'NOPE', args: [] }, { fn: 'VALUE', args: ['LACStable_2016on', 801] }] }),
    );
    const body = (await res.json()) as { release: string; results: { error?: { code: string; message: string }; value?: unknown }[] };
    expect(body.release).toBe('test-2024');
    for (const r of body.results.slice(0, workbookOnly.length)) expect(r.error?.message).toMatch(/runs in the workbook/);
    expect(body.results[workbookOnly.length]).toMatchObject({ error: { code: '#NAME?' } });
    expect(body.results.at(-1)).toEqual({ value: 5 }); // older release: 4 + 0 + tweak 1
  });

  test('las, neighbours and unit costs', async () => {
    const las = (await (await stack.api('/api/las?kind=la')).json()) as { las: { number: number }[] };
    expect(las.las).toHaveLength(24);
    const sn = (await (await stack.api('/api/las/E06000001/neighbours')).json()) as { la: { number: number }; neighbours: { number: number }[] };
    expect(sn.la.number).toBe(801);
    expect(sn.neighbours.map((n) => n.number)).toEqual(index.catalog().neighboursOf(index.catalog().la(801)));
    const costs = (await (await stack.api('/api/unit-costs?la=803')).json()) as { items: { type: string; weekly: number }[] };
    expect(costs.items).toEqual([expect.objectContaining({ type: 'Residential care', weekly: 5200 })]);
    const england = (await (await stack.api('/api/unit-costs')).json()) as { la: { number: number }; items: { weekly: number }[] };
    expect(england.la.number).toBe(970);
  });

  test('CORS: the add-in origin is allowed, a foreign origin is not', async () => {
    const ok = await stack.api('/api/health', { headers: { origin: 'https://localhost:3000' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://localhost:3000');
    const foreign = await stack.api('/api/health', { headers: { origin: 'https://evil.example' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const pre = await stack.api('/api/lookup', { method: 'OPTIONS', headers: { origin: 'https://localhost:3000', 'access-control-request-method': 'POST' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    await expectProblem(await stack.api('/api/lookup', { method: 'OPTIONS', headers: { origin: 'https://evil.example' } }), 403);
  });

  test('reads are rate-limited per client: 429 with Retry-After', async () => {
    const saved = stack.services.limiter;
    stack.services.limiter = new RateLimiter(5, 1);
    try {
      const statuses = await Promise.all(Array.from({ length: 8 }, () => stack.api('/api/releases/current').then((r) => r.status)));
      expect(statuses.filter((s) => s === 200)).toHaveLength(5);
      const limited = await stack.api('/api/releases/current');
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
      await expectProblem(limited, 429);
    } finally {
      stack.services.limiter = saved;
    }
  });
});

describe('bad input is a 4xx problem, never a 5xx', () => {
  const cases: [string, string, RequestInit | undefined, number][] = [
    ['malformed JSON', '/api/lookup', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"items": [' }, 400],
    ['empty body', '/api/lookup', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '' }, 400],
    ['wrong content type', '/api/lookup', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' }, 415],
    ['items not an array', '/api/lookup', json({ items: 'QUARTILE' }), 400],
    ['item with wrong types', '/api/lookup', json({ items: [{ fn: 7, args: 'x' }] }), 400],
    ['item with an object argument', '/api/lookup', json({ items: [{ fn: 'VALUE', args: [{ a: 1 }] }] }), 400],
    ['unknown body field', '/api/lookup', json({ items: [], child: { name: 'x' } }), 400],
    ['oversized batch', '/api/lookup', json({ items: Array.from({ length: 5001 }, () => ({ fn: 'COUNT', args: ['KS2_RWM'] })) }), 413],
    ['body over the byte cap', '/api/lookup', json({ items: [], pad: 'x'.repeat(3 * 1024 * 1024) }), 413],
    ['unknown release in lookup', '/api/lookup', json({ release: 'nope-1', items: [] }), 404],
    ['bad release id', '/api/lookup', json({ release: '../etc', items: [] }), 400],
    ['unknown indicator', '/api/distributions/NoSuchThing', undefined, 404],
    ['unknown year', '/api/distributions/KS2_RWM?year=1999', undefined, 404],
    ['ambiguous/bad year type', '/api/distributions/KS2_RWM?year=' + 'x'.repeat(50), undefined, 400],
    ['unknown query parameter', '/api/distributions/KS2_RWM?yaer=2025', undefined, 400],
    ['repeated query parameter', '/api/distributions/KS2_RWM?year=2024&year=2025', undefined, 400],
    ['unknown LA', '/api/las/999/neighbours', undefined, 404],
    ['unknown LA for unit costs', '/api/unit-costs?la=Atlantis', undefined, 404],
    ['unknown SN model', '/api/las/801/neighbours?model=1850', undefined, 400],
    ['bad kind', '/api/las?kind=county', undefined, 400],
    ['encoded slash', '/api/distributions/..%2F..%2Fhealth', undefined, 400],
    ['encoded backslash', '/api/las/..%5Cx/neighbours', undefined, 400],
    ['dot segments', '/api/releases/../health', undefined, 400],
    ['bad percent-encoding', '/api/distributions/%E0%A4%A', undefined, 400],
    ['release id with capitals', '/api/releases/Bad_ID', undefined, 400],
    ['unknown route', '/api/secrets', undefined, 404],
    ['wrong method', '/api/health', { method: 'DELETE' }, 405],
  ];
  test.each(cases)('%s → %i', async (_name, path, init, status) => {
    // fetch normalises dot segments, so send those raw.
    const res = path.includes('/../') ? await rawGet(path) : await stack.api(path, init);
    await expectProblem(res, status);
  });
});

async function rawGet(path: string): Promise<Response> {
  const { request } = await import('node:http');
  const url = new URL(stack.url);
  return new Promise((resolve, reject) => {
    request({ host: url.hostname, port: url.port, path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 0, headers: res.headers as Record<string, string> })));
    })
      .on('error', reject)
      .end();
  });
}
