/**
 * Every API endpoint on arbitrary paths, query strings, methods and bodies over real HTTP (Azurite + the
 * local host): the answer is 2xx/3xx/4xx, never 5xx, and every 4xx is problem+json naming its status.
 * A few hundred requests in all, each property time-bounded.
 */
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../shared/formulas/index';
import { syntheticRelease } from '../integration/fixture';
import { startStack, WRITE_KEY, type Stack } from '../integration/stack';
import { fuzzParams, testTimeout } from './config';
import { excelValue } from './excel-values';
import { rawRequest, type RawResponse } from './raw-http';

const release = syntheticRelease('fuzz-2025');
let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
  await stack.store.putRelease(release);
  await stack.store.publish(release.id);
});
afterAll(async () => {
  console.log(`API fuzz statuses: ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
  await stack?.close();
});

/** Answers by status, printed at the end to show the fuzzer reached successes as well as refusals. */
const statuses = new Map<number, number>();
const tally = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);

function expectSane(res: RawResponse, what: string): void {
  tally(res.status);
  const where = `${what} → ${res.status} ${res.body.slice(0, 200)}`;
  expect(res.status, where).toBeGreaterThanOrEqual(200);
  expect(res.status, where).toBeLessThan(500);
  if (res.status >= 400) {
    expect(String(res.headers['content-type']), where).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(res.body), where).toMatchObject({ status: res.status, title: expect.any(String), detail: expect.any(String) });
  }
}

/** Percent-encode what an HTTP request line cannot carry, keep everything else (dots, %2F, bad escapes) raw. */
const pct = (c: string): string => [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
const wire = (s: string): string => s.replace(/[^\x21-\x7e]|[?#]/gu, pct);

const segment = fc.oneof(
  fc.constantFrom(
    'releases',
    'current',
    'catalog',
    'publish',
    'distributions',
    'las',
    'neighbours',
    'lookup',
    'health',
    'indicators',
    'unit-costs',
    'fuzz-2025',
    'LACStable_2016on',
    '801',
    'E06000001',
    'Testshire 1',
    '.',
    '..',
    '%2e%2e',
    '%2F',
    '..%2F..%2Fhealth',
    '%5C',
    '%00',
    '%',
    '%E0%A4%A',
    '%ZZ',
    '',
    '~',
    '*',
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.integer({ min: 200, max: 5_000 }).map((n) => 'a'.repeat(n)),
);
const queryKey = fc.oneof(fc.constantFrom('year', 'release', 'q', 'topic', 'kind', 'la', 'model', 'code', '__proto__', ''), fc.string({ maxLength: 8 }));
const queryValue = fc.oneof(
  fc.constantFrom('2025', '2024', 'fuzz-2025', 'la', 'england', 'region', '801', '2021', 'x'.repeat(300), '', '%', '%00'),
  fc.string({ maxLength: 10 }),
);
const query = fc
  .array(fc.tuple(queryKey, queryValue), { maxLength: 4 })
  .map((kv) => (kv.length ? `?${kv.map(([k, v]) => `${wire(k)}=${wire(v)}`).join('&')}` : ''));
const randomPath = fc.tuple(fc.array(segment, { minLength: 1, maxLength: 4 }), query).map(([segs, q]) => `/api/${segs.map(wire).join('/')}${q}`);
/** Real routes with fuzzed parameters, so the handlers themselves (not only the router) see the junk. */
const routePath = fc
  .tuple(
    fc.constantFrom(
      'health',
      'releases',
      'releases/current',
      'releases/{}',
      'releases/{}/catalog',
      'distributions/{}',
      'las',
      'las/{}/neighbours',
      'indicators',
      'unit-costs',
      'revisions/{}',
    ),
    fc.oneof(fc.constantFrom('fuzz-2025', 'LACStable_2016on', 'KS2_RWM', '801', 'E06000001', 'placement stability'), segment),
    query,
  )
  .map(([route, param, q]) => `/api/${route.replace('{}', wire(param))}${q}`);
const path = fc.oneof(randomPath, routePath);

describe('API fuzz: never a 5xx, every 4xx a problem', () => {
  it(
    'GET/HEAD/OPTIONS/DELETE on arbitrary paths and query strings',
    async () => {
      const method = fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'OPTIONS', 'DELETE', 'PATCH');
      await fc.assert(
        fc.asyncProperty(method, path, fc.constantFrom(undefined, 'https://localhost:3000', 'https://evil.example', 'null'), async (m, p, origin) => {
          const res = await rawRequest(stack.url, p, { method: m, headers: origin ? { origin } : {} });
          // HEAD has no body to carry a problem; its status still must not be 5xx.
          if (m !== 'HEAD') return expectSane(res, `${m} ${p}`);
          tally(res.status);
          expect(res.status, `HEAD ${p}`).toBeLessThan(500);
        }),
        fuzzParams(150, 10),
      );
    },
    testTimeout(10),
  );

  it(
    'POST lookup with random JSON, bytes, content types and gzip',
    async () => {
      const jsonArg = excelValue.map((v) => JSON.parse(JSON.stringify([v]) ?? '[null]')[0] as unknown);
      const item = fc.oneof(
        fc.record({
          fn: fc.oneof(fc.constantFrom(...FUNCTIONS.map((f) => f.id), 'quartile', 'NOPE', ''), fc.string()),
          args: fc.array(jsonArg, { maxLength: 6 }),
        }),
        fc.jsonValue({ maxDepth: 3 }),
      );
      const body = fc.oneof(
        fc.record({ items: fc.array(item, { maxLength: 8 }) }, { requiredKeys: [] }).map((b) => Buffer.from(JSON.stringify(b))),
        fc
          .record({ release: fc.oneof(fc.constantFrom('fuzz-2025', 'nope-1', '../x'), fc.string()), items: fc.array(item, { maxLength: 3 }) })
          .map((b) => Buffer.from(JSON.stringify(b))),
        fc.jsonValue({ maxDepth: 4 }).map((v) => Buffer.from(JSON.stringify(v) ?? '')),
        fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
        fc.string({ maxLength: 200 }).map((s) => Buffer.from(s)),
      );
      const type = fc.constantFrom(
        undefined,
        'application/json',
        'application/json',
        'application/json',
        'application/problem+json',
        'application/json; charset=latin1',
        'text/plain',
        'multipart/form-data; boundary=x',
        'application/x-www-form-urlencoded',
        '',
      );
      const encoding = fc.constantFrom('none', 'none', 'none', 'gzip', 'gzip-garbage', 'gzip-truncated', 'deflate');
      await fc.assert(
        fc.asyncProperty(body, type, encoding, async (b, t, enc) => {
          const headers: Record<string, string> = t === undefined ? {} : { 'content-type': t };
          let payload = b;
          if (enc !== 'none') headers['content-encoding'] = enc.startsWith('gzip') ? 'gzip' : enc;
          if (enc === 'gzip') payload = gzipSync(b);
          if (enc === 'gzip-truncated') payload = gzipSync(b).subarray(0, 12);
          const res = await rawRequest(stack.url, '/api/lookup', { method: 'POST', headers, body: payload });
          expectSane(res, `POST lookup ${t} ${enc} ${b.toString('utf8').slice(0, 120)}`);
        }),
        fuzzParams(150, 10),
      );
    },
    testTimeout(10),
  );

  it(
    'writes with the right key and random bodies are refused as 4xx, never stored',
    async () => {
      const id = fc.oneof(fc.constantFrom('fuzz-2025', 'fuzz-new', 'UPPER', '..', '%2F', 'a'.repeat(200)), fc.string({ maxLength: 10 }));
      const body = fc.oneof(
        fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? ''),
        fc.constant(JSON.stringify({ ...release, id: 'fuzz-new' })), // hash no longer matches
        fc.constant(JSON.stringify(release).slice(0, 500)),
        fc.string({ maxLength: 100 }),
      );
      const gz = fc.boolean();
      await fc.assert(
        fc.asyncProperty(fc.constantFrom('PUT', 'POST'), id, body, gz, async (m, i, b, zip) => {
          const p = m === 'PUT' ? `/api/releases/${wire(i)}` : `/api/releases/${wire(i)}/publish`;
          const headers: Record<string, string> = {
            'x-functions-key': WRITE_KEY,
            'content-type': 'application/json',
            ...(zip ? { 'content-encoding': 'gzip' } : {}),
          };
          const res = await rawRequest(stack.url, p, { method: m, headers, body: zip ? gzipSync(b) : b });
          // Publishing the already-current release again is the one write that may succeed.
          if (!(m === 'POST' && i === 'fuzz-2025')) expect(res.status, `${m} ${p}`).toBeGreaterThanOrEqual(400);
          expectSane(res, `${m} ${p} ${b.slice(0, 80)}`);
        }),
        fuzzParams(60, 8),
      );
      expect((await stack.store.listReleases()).map((r) => r.id)).toEqual(['fuzz-2025']);
    },
    testTimeout(8),
  );
});
