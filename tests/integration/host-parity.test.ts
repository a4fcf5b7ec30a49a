/**
 * The local host hands endpoints a light request of its own; the Functions host hands them the library's
 * HttpRequest and InvocationContext. The same requests through both must give the same answers: here each
 * is sent over real HTTP to the local host and, as the Functions host would, straight to the registered
 * handler with '@azure/functions' objects, over the same Azurite-backed services.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { HttpRequest, InvocationContext, type HttpResponseInit } from '../../functions/src/azf';
import { registrations } from '../../functions/src/registry';
import { syntheticRelease } from './fixture';
import { startStack, type Stack } from './stack';

const release = syntheticRelease('parity-1');
const ORIGIN = 'https://localhost:3000';
let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
  await stack.store.putRelease(release);
  await stack.store.publish(release.id);
});
afterAll(() => stack?.close());

interface Case {
  name: string;
  fn: string;
  method: string;
  path: string;
  params?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
  /** Sent without a length (chunked), so the library's request is read as a stream. */
  chunked?: boolean;
}

const lookup = JSON.stringify({
  items: [
    { fn: 'QUARTILE', args: ['LowGood', 8] },
    { fn: 'NOPE', args: [] },
    { fn: 'RAG', args: ['A', 'Better'] },
  ],
});
const key = release.indicators[0]!.key;

const CASES: Case[] = [
  { name: 'a distribution', fn: 'distributions', method: 'GET', path: `/api/distributions/${key}?year=2025`, params: { indicator: key } },
  {
    name: 'from an allowed origin',
    fn: 'distributions',
    method: 'GET',
    path: `/api/distributions/${key}`,
    params: { indicator: key },
    headers: { origin: ORIGIN },
  },
  { name: 'a bad query', fn: 'distributions', method: 'GET', path: `/api/distributions/${key}?nope=1`, params: { indicator: key } },
  { name: 'by query', fn: 'distributionsByQuery', method: 'GET', path: `/api/distributions?indicator=${key}&year=2025` },
  { name: 'a lookup', fn: 'lookup', method: 'POST', path: '/api/lookup', headers: { 'content-type': 'application/json' }, body: lookup },
  { name: 'a chunked lookup', fn: 'lookup', method: 'POST', path: '/api/lookup', headers: { 'content-type': 'application/json' }, body: lookup, chunked: true },
  {
    name: 'a lookup that is not JSON',
    fn: 'lookup',
    method: 'POST',
    path: '/api/lookup',
    headers: { 'content-type': 'application/json' },
    body: '{"items": [',
  },
  { name: 'a lookup of another type', fn: 'lookup', method: 'POST', path: '/api/lookup', headers: { 'content-type': 'text/plain' }, body: lookup },
  { name: 'a preflight', fn: 'lookup', method: 'OPTIONS', path: '/api/lookup', headers: { origin: ORIGIN, 'access-control-request-method': 'POST' } },
  { name: 'indicators', fn: 'indicators', method: 'GET', path: '/api/indicators' },
];

const COMPARED = ['content-type', 'cache-control', 'etag', 'vary', 'access-control-allow-origin', 'access-control-allow-methods', 'retry-after'];

const pick = (get: (k: string) => string | null | undefined) => Object.fromEntries(COMPARED.map((k) => [k, get(k) ?? null]));

async function viaLibrary(c: Case, extra: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | null>; body: string }> {
  const reg = registrations.find((r) => r.name === c.fn)!;
  const url = new URL(c.path, stack.url);
  const headers = {
    'x-forwarded-for': '127.0.0.1',
    ...c.headers,
    ...extra,
    ...(c.body && !c.chunked ? { 'content-length': String(Buffer.byteLength(c.body)) } : {}),
  };
  const req = new HttpRequest({ url: url.href, method: c.method, headers, params: c.params ?? {}, ...(c.body ? { body: { string: c.body } } : {}) });
  const out = (await reg.handler(req, new InvocationContext({ functionName: c.fn }))) as HttpResponseInit;
  const h = (out.headers ?? {}) as Record<string, string>;
  const body = out.body === undefined ? '' : Buffer.isBuffer(out.body) ? out.body.toString('utf8') : String(out.body);
  return { status: out.status ?? 200, headers: pick((k) => h[k]), body };
}

async function viaLocalHost(c: Case, extra: Record<string, string> = {}) {
  const body = c.chunked
    ? new ReadableStream({
        start(ctl) {
          ctl.enqueue(new TextEncoder().encode(c.body));
          ctl.close();
        },
      })
    : c.body;
  const res = await stack.api(c.path, {
    method: c.method,
    headers: { ...c.headers, ...extra },
    ...(body !== undefined ? { body, duplex: 'half' } : {}),
  } as RequestInit);
  return { status: res.status, headers: pick((k) => res.headers.get(k)), body: await res.text() };
}

describe('the same request through the local host and through the library objects', () => {
  test.each(CASES.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const local = await viaLocalHost(c);
    const library = await viaLibrary(c);
    expect(library).toEqual(local);
    expect(local.status).not.toBe(500);
  });

  test('a held ETag gets 304 from both', async () => {
    const c = CASES[0]!;
    const etag = (await viaLocalHost(c)).headers.etag!;
    expect(etag).toMatch(/^"/);
    const local = await viaLocalHost(c, { 'if-none-match': etag });
    expect(local.status).toBe(304);
    expect(await viaLibrary(c, { 'if-none-match': etag })).toEqual(local);
  });
});
