/**
 * Writes: function key and Entra ID role checks, immutable uploads, publishing that never exposes a
 * partial release, interrupted uploads and concurrent publishes.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { syntheticRelease } from './fixture';
import { expectProblem, startStack, WRITE_KEY, type Stack } from './stack';

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ISSUER = 'https://login.microsoftonline.com/test-tenant/v2.0';
const AUDIENCE = 'api://cic-benchmarks';

function token(claims: Record<string, unknown>, key: KeyObject = privateKey, kid = 'k1'): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const head = `${enc({ alg: 'RS256', typ: 'JWT', kid })}.${enc({ iss: ISSUER, aud: AUDIENCE, exp: now + 600, nbf: now - 10, sub: 'publisher', ...claims })}`;
  return `${head}.${sign('RSA-SHA256', Buffer.from(head), key).toString('base64url')}`;
}

const publisher = token({ roles: ['Releases.Publish'] });
const auth = (bearer = publisher, key = WRITE_KEY): Record<string, string> => ({ 'x-functions-key': key, authorization: `Bearer ${bearer}` });
const put = (id: string, body: unknown, headers = auth()): RequestInit => ({
  method: 'PUT',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
const publish = (headers: Record<string, string> = auth()): RequestInit => ({ method: 'POST', headers });

let stack: Stack;
beforeAll(async () => {
  const jwks = { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig', alg: 'RS256' }] };
  stack = await startStack({ CIC_AUTH_JWKS: JSON.stringify(jwks), CIC_AUTH_ISSUER: ISSUER, CIC_AUTH_AUDIENCE: AUDIENCE, CIC_CURRENT_TTL_MS: '0' });
});
afterAll(() => stack?.close());

const current = async (): Promise<string | null> => ((await (await stack.api('/api/health')).json()) as { current: string | null }).current;

describe('write authorisation', () => {
  const r = syntheticRelease('auth-1');
  test('no key or a wrong key → 401', async () => {
    await expectProblem(await stack.api('/api/releases/auth-1', put('auth-1', r, { authorization: `Bearer ${publisher}` })), 401);
    await expectProblem(await stack.api('/api/releases/auth-1', put('auth-1', r, auth(publisher, 'wrong-key'))), 401);
    await expectProblem(await stack.api('/api/releases/auth-1/publish?code=nope', { method: 'POST' }), 401);
  });
  test('right key but no, forged, expired or read-only token → 401/403', async () => {
    await expectProblem(await stack.api('/api/releases/auth-1', put('auth-1', r, { 'x-functions-key': WRITE_KEY })), 401);
    const forged = token({ roles: ['Releases.Publish'] }, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);
    await expectProblem(await stack.api('/api/releases/auth-1', put('auth-1', r, auth(forged))), 401);
    await expectProblem(await stack.api('/api/releases/auth-1', put('auth-1', r, auth(token({ roles: ['Releases.Publish'], exp: 1000 })))), 401);
    await expectProblem(await stack.api('/api/releases/auth-1', put('auth-1', r, auth(token({ roles: ['Releases.Publish'], aud: 'api://other' })))), 401);
    await expectProblem(await stack.api('/api/releases/auth-1', put('auth-1', r, auth(token({ roles: ['Releases.Read'] })))), 403);
    expect(await stack.store.releaseInfo('auth-1')).toBeNull();
  });
  test('right key (header or ?code=) and the publishing role → stored, then published', async () => {
    const res = await stack.api('/api/releases/auth-1', put('auth-1', r));
    expect(res.status, await res.clone().text()).toBe(201);
    const pub = await stack.api(`/api/releases/auth-1/publish?code=${WRITE_KEY}`, publish({ authorization: `Bearer ${publisher}` }));
    expect(pub.status).toBe(200);
    expect(await current()).toBe('auth-1');
  });
});

describe('uploads and publishing', () => {
  test('uploads are immutable: same content → 200, other content under the same id → 409; gzip accepted', async () => {
    const r = syntheticRelease('imm-1');
    const gz = { method: 'PUT', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', ...auth() }, body: gzipSync(JSON.stringify(r)) };
    expect((await stack.api('/api/releases/imm-1', gz)).status).toBe(201);
    expect((await stack.api('/api/releases/imm-1', put('imm-1', r))).status).toBe(200);
    await expectProblem(await stack.api('/api/releases/imm-1', put('imm-1', syntheticRelease('imm-1', 3))), 409);
  });

  test('invalid uploads: bad schema, wrong hash, id mismatch → 4xx and nothing stored', async () => {
    const r = syntheticRelease('bad-1');
    await expectProblem(await stack.api('/api/releases/bad-1', put('bad-1', { ...r, las: 'x' })), 422);
    await expectProblem(await stack.api('/api/releases/bad-1', put('bad-1', { ...r, title: 'tampered' })), 422);
    await expectProblem(await stack.api('/api/releases/bad-1', put('bad-1', { ...r, childName: 'Jane' })), 422);
    await expectProblem(await stack.api('/api/releases/other-1', put('other-1', r)), 400);
    await expectProblem(await stack.api('/api/releases/bad-1', { method: 'PUT', headers: auth(), body: '{' }), 422);
    expect(await stack.store.releaseInfo('bad-1')).toBeNull();
  });

  test('publishing an unknown or incomplete release is refused and current is untouched', async () => {
    const before = await current();
    await expectProblem(await stack.api('/api/releases/never-uploaded/publish', publish()), 404);
    const r = syntheticRelease('crash-1');
    // A crash after the first batch: the release row stays 'uploading'.
    await expect(stack.store.putRelease(r, { failAfterBatches: 0 })).rejects.toThrow(/simulated crash/);
    expect((await stack.store.releaseInfo('crash-1'))?.status).toBe('uploading');
    await expectProblem(await stack.api('/api/releases/crash-1/publish', publish()), 409);
    await expectProblem(await stack.api('/api/releases/crash-1'), 404);
    expect(await current()).toBe(before);
    const dist = await stack.api('/api/distributions/KS2_RWM');
    expect(((await dist.json()) as { release: string }).release).toBe(before);
    // Retrying the upload completes it; then it can be published.
    expect((await stack.api('/api/releases/crash-1', put('crash-1', r))).status).toBe(201);
    expect((await stack.api('/api/releases/crash-1/publish', publish())).status).toBe(200);
    expect(await current()).toBe('crash-1');
  });

  test('an upload interrupted midway (many batches) leaves the previous release current and whole', async () => {
    const big = syntheticRelease('big-1');
    for (let i = 0; i < 450; i++) big.values[`Extra_${i}`] = { '2025': big.las.map((_, k) => k + i) };
    const { contentHashOf } = await import('../../shared/release/hash');
    const { createHash } = await import('node:crypto');
    big.contentHash = contentHashOf(big, (s) => createHash('sha256').update(s).digest('hex'));
    await expect(stack.store.putRelease(big, { failAfterBatches: 2 })).rejects.toThrow(/simulated crash/);
    expect(await current()).toBe('crash-1');
    const lookup = await stack.api('/api/lookup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ items: [{ fn: 'COUNT', args: ['LACStable_2016on'] }] }),
    });
    expect(await lookup.json()).toEqual({ release: 'crash-1', results: [{ value: 23 }] });
    const done = await stack.store.putRelease(big);
    expect(done.info).toMatchObject({ status: 'complete', entities: 455 });
  });

  test('two concurrent publishes over the same current: exactly one wins, current is whole', async () => {
    for (const id of ['race-a', 'race-b']) expect((await stack.api(`/api/releases/${id}`, put(id, syntheticRelease(id)))).status).toBe(201);
    const seen = (await stack.api('/api/releases/current')).headers.get('etag') as string;
    const results = await Promise.all(['race-a', 'race-b'].map((id) => stack.api(`/api/releases/${id}/publish`, publish({ ...auth(), 'if-match': seen }))));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 412]);
    const winner = ['race-a', 'race-b'][results.findIndex((r) => r.status === 200)];
    expect(await current()).toBe(winner);
    const info = (await (await stack.api('/api/releases/current')).json()) as { id: string; contentHash: string };
    expect(info).toMatchObject({ id: winner, contentHash: syntheticRelease(winner).contentHash });
    // A stale If-Match is refused outright.
    await expectProblem(await stack.api('/api/releases/race-a/publish', publish({ ...auth(), 'if-match': seen })), 412);
  });

  test('concurrent unconditional publishes also leave one whole release current', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => stack.api(`/api/releases/${i % 2 ? 'race-a' : 'race-b'}/publish`, publish())));
    expect(results.every((r) => r.status === 200 || r.status === 412)).toBe(true);
    expect(results.some((r) => r.status === 200)).toBe(true);
    expect(['race-a', 'race-b']).toContain(await current());
  });
});
