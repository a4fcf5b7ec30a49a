/**
 * CORS decided in code: only an origin on the list, spelt exactly as a browser sends it, is echoed back;
 * a preflight from it gets 204, from anything else a 403 problem. Vary: Origin is on every answer so a
 * cache never serves one origin's headers to another.
 */
import { describe, expect, it } from 'vitest';
import { HttpRequest, type Request } from '../../../../functions/src/azf';
import { corsHeaders, preflight } from '../../../../functions/src/http/cors';

const ALLOWED = ['https://localhost:3000', 'https://addin.example.org'];

const request = (method: string, origin?: string): Request =>
  new HttpRequest({ url: 'https://api.example.org/api/indicators', method, headers: origin === undefined ? {} : { origin } });

const LOOK_ALIKES = [
  'https://localhost:3000.evil.com',
  'https://evil.com?https://localhost:3000',
  'https://localhost:30000',
  'https://localhost:300',
  'https://localhost',
  'http://localhost:3000',
  'https://localhost:3000/',
  'HTTPS://LOCALHOST:3000',
  'https://evil-localhost:3000',
  'https://sub.addin.example.org',
  'https://addin.example.org.evil.com',
  'null',
  '*',
  '',
];

describe('corsHeaders', () => {
  it('echoes an allowed origin, exposes the headers the add-in reads, and sets Vary', () => {
    for (const origin of ALLOWED) {
      expect(corsHeaders(request('GET', origin), ALLOWED)).toEqual({
        'access-control-allow-origin': origin,
        'access-control-expose-headers': 'etag, retry-after, content-type',
        vary: 'Origin',
      });
    }
  });

  it('never echoes a look-alike origin (suffix, prefix, port, scheme, case, slash, "null"), but still sets Vary', () => {
    for (const origin of LOOK_ALIKES) expect(corsHeaders(request('GET', origin), ALLOWED), JSON.stringify(origin)).toEqual({ vary: 'Origin' });
  });

  it('without an Origin header (curl, server-to-server) adds no CORS headers, only Vary', () => {
    expect(corsHeaders(request('GET'), ALLOWED)).toEqual({ vary: 'Origin' });
  });

  it('with an empty allow-list allows nobody', () => {
    expect(corsHeaders(request('GET', 'https://localhost:3000'), [])).toEqual({ vary: 'Origin' });
  });
});

describe('preflight', () => {
  it('from an allowed origin: 204 with the methods (plus OPTIONS), request headers, max-age and Vary', () => {
    const res = preflight(request('OPTIONS', 'https://localhost:3000'), ALLOWED, ['GET', 'POST']);
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();
    const h = res.headers as Record<string, string>;
    expect(h['access-control-allow-origin']).toBe('https://localhost:3000');
    expect(h['access-control-allow-methods']).toBe('GET, POST, OPTIONS');
    expect(h['access-control-allow-headers']!.split(/,\s*/)).toEqual(expect.arrayContaining(['content-type', 'if-none-match', 'if-match', 'authorization']));
    expect(Number(h['access-control-max-age'])).toBeGreaterThan(0);
    expect(h.vary).toBe('Origin');
  });

  for (const [label, origin] of [
    ['a look-alike origin', 'https://localhost:3000.evil.com'],
    ['http instead of https', 'http://localhost:3000'],
    ['no origin', undefined],
  ] as const) {
    it(`from ${label}: 403 problem naming the origin, no Allow-Origin`, () => {
      const res = preflight(request('OPTIONS', origin), ALLOWED, ['GET']);
      expect(res.status).toBe(403);
      const h = res.headers as Record<string, string>;
      expect(h['content-type']).toMatch(/^application\/problem\+json/);
      expect(h['access-control-allow-origin']).toBeUndefined();
      expect(h['access-control-allow-methods']).toBeUndefined();
      const body = JSON.parse(String(res.body)) as { type: string; title: string; status: number; detail: string };
      expect(body).toMatchObject({ title: 'Origin not allowed', status: 403 });
      expect(body.type).toMatch(/^urn:cic-benchmarks:problem:/);
      expect(body.detail).toContain(origin ?? '(none)');
    });
  }

  it('every preflight answer carries Vary: Origin once the endpoint adds corsHeaders (as endpoint.ts does)', () => {
    // preflight() itself sets Vary only on the 204; the endpoint wrapper merges corsHeaders into every
    // response of a read endpoint, so the 403 gets it there. This checks the composition.
    for (const origin of [...ALLOWED, ...LOOK_ALIKES, undefined]) {
      const req = request('OPTIONS', origin);
      const res = preflight(req, ALLOWED, ['GET']);
      const headers = { ...(res.headers as Record<string, string>), ...corsHeaders(req, ALLOWED) };
      expect(headers.vary, JSON.stringify(origin)).toBe('Origin');
      expect(headers['access-control-allow-origin'], JSON.stringify(origin)).toBe(origin !== undefined && ALLOWED.includes(origin) ? origin : undefined);
    }
  });
});
