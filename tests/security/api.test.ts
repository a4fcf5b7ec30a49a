/**
 * Security gaps left by the integration suite. Already covered there (not repeated here):
 * tests/integration/api-write.test.ts "write authorisation" — PUT without a key, with a wrong key, with the
 * key but no, forged, expired, wrong-audience or read-only token; tests/integration/api-read.test.ts —
 * CORS for the add-in origin vs one foreign origin, and a basic 429 + Retry-After.
 * Here: publish with a read-only role, algorithm confusion, delegated scopes instead of app roles, Azure
 * without Entra config, a JWKS configured without audience/issuer, look-alike origins, preflights on
 * writes, and a client forging X-Forwarded-For to dodge the rate limit.
 */
import { generateKeyPairSync, createHmac, sign, type KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../functions/src/config';
import { RateLimiter } from '../../functions/src/http/rate-limit';
import { syntheticRelease } from '../integration/fixture';
import { expectProblem, startStack, WRITE_KEY, type Stack } from '../integration/stack';

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ISSUER = 'https://login.microsoftonline.com/test-tenant/v2.0';
const AUDIENCE = 'api://cic-benchmarks';
const ADDIN = 'https://localhost:3000';
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

function token(claims: Record<string, unknown>, header: Record<string, unknown> = { alg: 'RS256', kid: 'k1' }, key: KeyObject = privateKey): string {
  const now = Math.floor(Date.now() / 1000);
  const head = `${b64({ typ: 'JWT', ...header })}.${b64({ iss: ISSUER, aud: AUDIENCE, exp: now + 600, nbf: now - 10, sub: 'tester', ...claims })}`;
  return `${head}.${sign('RSA-SHA256', Buffer.from(head), key).toString('base64url')}`;
}

const publisher = token({ roles: ['Releases.Publish'] });
const release = syntheticRelease('sec-1');
let stack: Stack;

beforeAll(async () => {
  const jwks = { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig', alg: 'RS256' }] };
  stack = await startStack({ CIC_AUTH_JWKS: JSON.stringify(jwks), CIC_AUTH_ISSUER: ISSUER, CIC_AUTH_AUDIENCE: AUDIENCE, CIC_CURRENT_TTL_MS: '0' });
  await stack.store.putRelease(release);
});
afterAll(() => stack?.close());

const publish = (bearer?: string, key = WRITE_KEY) =>
  stack.api('/api/releases/sec-1/publish', { method: 'POST', headers: { 'x-functions-key': key, ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) } });
const put = (bearer: string, id = 'sec-2') =>
  stack.api(`/api/releases/${id}`, {
    method: 'PUT',
    headers: { 'x-functions-key': WRITE_KEY, authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: JSON.stringify(syntheticRelease(id)),
  });
const current = async () => (await stack.store.current())?.releaseId ?? null;

/** Run with a variant of the service settings, restored afterwards. */
async function withConfig(change: Partial<Stack['services']['config']>, fn: () => Promise<void>): Promise<void> {
  const saved = stack.services.config;
  stack.services.config = { ...saved, ...change };
  try {
    await fn();
  } finally {
    stack.services.config = saved;
  }
}

describe('writes', () => {
  test('publish: no token 401, read-only role 403, wrong key 401 even with the role; current unchanged', async () => {
    await expectProblem(await publish(), 401);
    await expectProblem(await publish(token({ roles: ['Releases.Read'] })), 403);
    await expectProblem(await publish(publisher, 'not-the-key'), 401);
    expect(await current()).toBeNull();
  });

  test('algorithm confusion: alg none and HS256 keyed with the public key are refused', async () => {
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss: ISSUER, aud: AUDIENCE, exp: 9e9, roles: ['Releases.Publish'] })}.`;
    const head = `${b64({ alg: 'HS256', typ: 'JWT', kid: 'k1' })}.${b64({ iss: ISSUER, aud: AUDIENCE, exp: 9e9, roles: ['Releases.Publish'] })}`;
    const hmac = `${head}.${createHmac('sha256', publicKey.export({ format: 'pem', type: 'spki' }))
      .update(head)
      .digest('base64url')}`;
    for (const t of [unsigned, hmac, token({ roles: ['Releases.Publish'] }, { alg: 'RS256', kid: 'other' })]) await expectProblem(await put(t), 401);
    expect(await stack.store.releaseInfo('sec-2')).toBeNull();
  });

  // A header whose kid or alg is not a string (an object, a number, an array, null) used to reach
  // String(…) and answer 500 with a stack trace in the log: any malformed token is a 401.
  test.each([
    ['kid an object that cannot be made text', { alg: 'RS256', kid: { toString: 1 } }],
    ['kid a number', { alg: 'RS256', kid: 1 }],
    ['kid an array holding the trusted kid', { alg: 'RS256', kid: ['k1'] }],
    ['kid null', { alg: 'RS256', kid: null }],
    ['alg an object that cannot be made text', { alg: { toString: 1 }, kid: 'k1' }],
    ['alg an array', { alg: ['RS256'], kid: 'k1' }],
    ['alg a number', { alg: 256, kid: 'k1' }],
  ])('a token header with %s → 401, never 500', async (_what, header) => {
    const body = await expectProblem(await put(token({ roles: ['Releases.Publish'] }, header)), 401);
    expect(body.detail).not.toMatch(/TypeError|primitive/);
    expect(await stack.store.releaseInfo('sec-2')).toBeNull();
  });

  test('a delegated scope or a role given as text is not the app role', async () => {
    await expectProblem(await put(token({ scp: 'Releases.Publish' })), 403);
    await expectProblem(await put(token({ roles: 'Releases.Publish' })), 403);
  });

  test('in Azure without Entra configuration, the function key alone never writes', async () => {
    await withConfig({ inAzure: true, jwt: null }, async () => {
      await expectProblem(await publish(), 403);
      await expectProblem(await publish(publisher), 403);
    });
    expect(await current()).toBeNull();
  });

  test('a JWKS configured without audience or issuer refuses writes rather than accept any tenant token', async () => {
    const jwt = stack.services.config.jwt!;
    // Same signing keys, another app in the tenant / the same app id URI in another tenant.
    const otherApp = token({ roles: ['Releases.Publish'], aud: 'api://some-other-app' });
    const otherTenant = token({ roles: ['Releases.Publish'], iss: 'https://login.microsoftonline.com/other-tenant/v2.0' });
    for (const [missing, foreign] of [
      [{ audience: '' }, otherApp],
      [{ issuer: '' }, otherTenant],
    ] as const) {
      await withConfig({ jwt: { ...jwt, ...missing } }, async () => {
        await expectProblem(await publish(foreign), 403);
        await expectProblem(await publish(publisher), 403);
      });
    }
    expect(await current()).toBeNull();
  });

  test('CIC_AUTH_JWKS_URL: keys fetched from a key server on 127.0.0.1 verify writes; an unreachable one is 503, not 500', async () => {
    let keys: string | null = JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig' }] });
    const server = createServer(
      (_req, res) => void (keys === null ? res.writeHead(500).end() : res.writeHead(200, { 'content-type': 'application/json' }).end(keys)),
    );
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/t/discovery/v2.0/keys`;
    try {
      const jwt = loadConfig({ CIC_AUTH_JWKS_URL: url, CIC_AUTH_ISSUER: ISSUER, CIC_AUTH_AUDIENCE: AUDIENCE }).jwt;
      await withConfig({ jwt }, async () => {
        await expectProblem(
          await put(token({ roles: ['Releases.Publish'] }, { alg: 'RS256', kid: 'k1' }, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey)),
          401,
        );
        await expectProblem(await put(token({ roles: ['Releases.Read'] })), 403);
        expect((await put(publisher, 'sec-remote')).status).toBe(201);
      });
      keys = null;
      const down = loadConfig({ CIC_AUTH_JWKS_URL: url.replace('/t/', '/u/'), CIC_AUTH_ISSUER: ISSUER, CIC_AUTH_AUDIENCE: AUDIENCE }).jwt;
      await withConfig({ jwt: down }, async () => {
        const res = await put(publisher);
        expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
        expect((await expectProblem(res, 503)).detail).toContain('CIC_AUTH_JWKS_URL');
      });
    } finally {
      server.close();
    }
  });

  test('writes offer no CORS: browser preflights for PUT and publish, even from the add-in, do not allow them', async () => {
    // releases/{id} also serves GET, whose preflight answers for GET only; publish has no preflight at all.
    const put = await stack.api('/api/releases/sec-3', { method: 'OPTIONS', headers: { origin: ADDIN, 'access-control-request-method': 'PUT' } });
    expect(put.headers.get('access-control-allow-methods') ?? '').not.toMatch(/PUT|POST/);
    const pub = await stack.api('/api/releases/sec-1/publish', { method: 'OPTIONS', headers: { origin: ADDIN, 'access-control-request-method': 'POST' } });
    expect(pub.status).toBeGreaterThanOrEqual(400);
    expect(pub.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('CORS', () => {
  const lookAlikes = [
    'https://localhost:3000.evil.example',
    'https://localhost:30000',
    'http://localhost:3000',
    'https://evil.example/https://localhost:3000',
    'null',
    'HTTPS://LOCALHOST:3000 ',
  ];
  test.each(lookAlikes)('look-alike origin %j: preflight 403, reads carry no allow-origin', async (origin) => {
    await expectProblem(await stack.api('/api/lookup', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } }), 403);
    const read = await stack.api('/api/releases', { headers: { origin } });
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('the add-in origin: preflight 204 for exactly its methods and headers, cached briefly, Vary: Origin', async () => {
    const res = await stack.api('/api/lookup', {
      method: 'OPTIONS',
      headers: { origin: ADDIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ADDIN);
    expect(res.headers.get('access-control-allow-methods')).toBe('POST, OPTIONS');
    expect(res.headers.get('access-control-allow-headers')).toContain('content-type');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(Number(res.headers.get('access-control-max-age'))).toBeLessThanOrEqual(600);
    expect(res.headers.get('vary')).toMatch(/origin/i);
  });
});

describe('rate limit', () => {
  test('forging X-Forwarded-For does not dodge it: 429 + Retry-After + problem once the burst is spent', async () => {
    const saved = stack.services.limiter;
    stack.services.limiter = new RateLimiter(5, 0.5);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push((await stack.api('/api/releases', { headers: { 'x-forwarded-for': `10.0.0.${i}` } })).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
      const limited = await stack.api('/api/health', { headers: { 'x-forwarded-for': '203.0.113.9' } });
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      await expectProblem(limited, 429);
    } finally {
      stack.services.limiter = saved;
    }
  });
});
