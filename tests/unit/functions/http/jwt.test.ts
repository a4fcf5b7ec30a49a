/**
 * The bearer-token check for writes, against tokens signed here with keys made here: only an RS256 token
 * from a configured key, for our issuer and audience, in date (5 minutes' skew) and carrying the app role
 * passes; everything else is a JwtError with 401 (403 for a good token without the role), never a crash.
 * The key set comes from the setting or from a URL, served here by a real node:http server on 127.0.0.1.
 */
import { createHmac, generateKeyPairSync, sign, type JsonWebKey, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import type { JwtConfig } from '../../../../functions/src/config';
import { JwtError, JwtVerifier, type JwtClaims } from '../../../../functions/src/http/jwt';

const pair = (): { privateKey: KeyObject; publicKey: KeyObject } => generateKeyPairSync('rsa', { modulusLength: 2048 });
const trusted = pair();
const stranger = pair();

const KID = 'trusted-kid';
const ISSUER = 'https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0';
const AUDIENCE = 'api://cic-benchmarks';
const ROLE = 'Releases.Publish';
const NOW = 1_780_000_000;

// Shaped like an Entra JWKS entry (use, x5t, x5c, issuer beside the RSA fields), which the verifier must tolerate.
const jwk = { ...(trusted.publicKey.export({ format: 'jwk' }) as JsonWebKey), kid: KID, use: 'sig', x5t: KID, x5c: ['MIIC…'], issuer: ISSUER };
const ecKey = { ...(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }) as JsonWebKey), kid: 'ec-key' };
const jwks = (...keys: object[]): JwtConfig['keys'] => ({ jwks: { keys: keys as never } });
const config: JwtConfig = {
  keys: jwks(ecKey, jwk),
  issuer: ISSUER,
  audience: AUDIENCE,
  role: ROLE,
};
const verifier = new JwtVerifier(config);

const b64 = (value: unknown): string => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

const goodClaims = (extra: Partial<JwtClaims> = {}): JwtClaims => ({
  iss: ISSUER,
  aud: AUDIENCE,
  sub: 'user-1',
  roles: [ROLE],
  nbf: NOW - 60,
  iat: NOW - 60,
  exp: NOW + 3600,
  ...extra,
});

/** Sign as Entra does (RS256), with whatever header and key the case needs. */
function rs256(claims: Record<string, unknown>, header: Record<string, unknown> = {}, key: KeyObject = trusted.privateKey): string {
  return signed({ alg: 'RS256', typ: 'JWT', kid: KID, ...header }, claims, key);
}
function signed(header: Record<string, unknown>, claims: Record<string, unknown>, key: KeyObject = trusted.privateKey): string {
  const signingInput = `${b64(header)}.${b64(claims)}`;
  return `${signingInput}.${sign('RSA-SHA256', Buffer.from(signingInput), key).toString('base64url')}`;
}

/** The status of the JwtError a token raises (or 200); any other exception fails the test with its message. */
async function outcome(token: string, now = NOW, v: JwtVerifier = verifier): Promise<200 | 401 | 403 | 503> {
  try {
    await v.verify(token, now);
    return 200;
  } catch (e) {
    if (e instanceof JwtError) return e.status;
    throw new Error(`not a JwtError: ${String(e)}`);
  }
}
const message = async (token: string, now = NOW, v: JwtVerifier = verifier): Promise<string> => {
  try {
    await v.verify(token, now);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
};

describe('JwtVerifier accepts', () => {
  it('a valid RS256 token from the configured key, returning its claims', async () => {
    const claims = await verifier.verify(rs256(goodClaims()), NOW);
    expect(claims).toMatchObject({ sub: 'user-1', roles: [ROLE], iss: ISSUER, aud: AUDIENCE });
  });

  it('an audience array that includes ours', async () => {
    expect(await outcome(rs256(goodClaims({ aud: ['api://other', AUDIENCE] })))).toBe(200);
  });

  it('the role among others', async () => {
    expect(await outcome(rs256(goodClaims({ roles: ['Reader', ROLE, 'Admin'] })))).toBe(200);
  });

  // exp is the first second a token is no longer valid (RFC 7519 §4.1.4): 299 s past it is inside the
  // 300 s skew, 300 s past it is not (the hand-written verifier accepted exactly 300 s as well).
  it('a token expired less than 5 minutes ago (clock skew)', async () => {
    expect(await outcome(rs256(goodClaims({ exp: NOW - 1 })))).toBe(200);
    expect(await outcome(rs256(goodClaims({ exp: NOW - 299 })))).toBe(200);
    expect(await outcome(rs256(goodClaims({ exp: NOW - 300 })))).toBe(401);
  });

  it('a token whose nbf is less than 5 minutes ahead (clock skew)', async () => {
    expect(await outcome(rs256(goodClaims({ nbf: NOW + 299 })))).toBe(200);
    expect(await outcome(rs256(goodClaims({ nbf: NOW + 300 })))).toBe(200);
  });

  it('a token without nbf', async () => {
    const { nbf: _nbf, ...claims } = goodClaims();
    expect(await outcome(rs256(claims))).toBe(200);
  });
});

describe('JwtVerifier refuses with 401', () => {
  it('a token signed by an unknown kid, even with the trusted key', async () => {
    expect(await outcome(rs256(goodClaims(), { kid: 'other-kid' }))).toBe(401);
    expect(await message(rs256(goodClaims(), { kid: 'other-kid' }))).toMatch(/unknown key/);
    expect(await outcome(signed({ alg: 'RS256', typ: 'JWT' }, goodClaims()))).toBe(401);
    expect(await outcome(signed({ alg: 'RS256', typ: 'JWT', kid: 'undefined' }, goodClaims()))).toBe(401);
  });

  it('a token under the trusted kid signed by another key (bad signature)', async () => {
    expect(await outcome(rs256(goodClaims(), {}, stranger.privateKey))).toBe(401);
    expect(await message(rs256(goodClaims(), {}, stranger.privateKey))).toMatch(/signature/);
  });

  it('a tampered payload (roles added after signing), and a truncated or empty signature', async () => {
    const [h, , s] = rs256(goodClaims({ roles: [] })).split('.') as [string, string, string];
    expect(await outcome(`${h}.${b64(goodClaims())}.${s}`)).toBe(401);
    const good = rs256(goodClaims());
    expect(await outcome(good.slice(0, -10))).toBe(401);
    expect(await outcome(good.slice(0, good.lastIndexOf('.') + 1))).toBe(401);
  });

  it('a token signed by a key whose kid is not RSA (the EC entry is ignored)', async () => {
    expect(await outcome(rs256(goodClaims(), { kid: 'ec-key' }))).toBe(401);
  });

  it('alg "none" (unsigned), however spelt', async () => {
    for (const alg of ['none', 'None', 'NONE']) {
      expect(await outcome(`${b64({ alg, typ: 'JWT', kid: KID })}.${b64(goodClaims())}.`), alg).toBe(401);
      expect(await message(`${b64({ alg, typ: 'JWT', kid: KID })}.${b64(goodClaims())}.`)).toMatch(/algorithm/);
    }
    expect(await outcome(`${b64({ typ: 'JWT', kid: KID })}.${b64(goodClaims())}.`)).toBe(401);
  });

  it('HS256 with the public key as the HMAC secret (the classic key-confusion attack)', async () => {
    const signingInput = `${b64({ alg: 'HS256', typ: 'JWT', kid: KID })}.${b64(goodClaims())}`;
    for (const secret of [trusted.publicKey.export({ format: 'pem', type: 'spki' }), JSON.stringify(jwk)]) {
      const token = `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
      expect(await outcome(token)).toBe(401);
      // Refused for its algorithm, before any key is used — not merely because the RSA check happens to fail.
      expect(await message(token)).toMatch(/algorithm HS256/);
    }
  });

  it('other RSA algorithms than RS256 (PS256, RS512) even when correctly signed', async () => {
    for (const alg of ['PS256', 'RS512', 'rs256']) {
      expect(await outcome(rs256(goodClaims(), { alg })), alg).toBe(401);
      expect(await message(rs256(goodClaims(), { alg }))).toMatch(/algorithm/);
    }
  });

  it('a token expired more than 5 minutes ago', async () => {
    expect(await outcome(rs256(goodClaims({ exp: NOW - 301 })))).toBe(401);
    expect(await message(rs256(goodClaims({ exp: NOW - 3600 })))).toMatch(/expired/);
  });

  it('a token without exp, or with a non-numeric exp', async () => {
    const { exp: _exp, ...claims } = goodClaims();
    expect(await outcome(rs256(claims))).toBe(401);
    expect(await outcome(rs256({ ...claims, exp: String(NOW + 3600) }))).toBe(401);
  });

  it('a token whose nbf is more than 5 minutes in the future', async () => {
    expect(await outcome(rs256(goodClaims({ nbf: NOW + 301 })))).toBe(401);
    expect(await message(rs256(goodClaims({ nbf: NOW + 3600 })))).toMatch(/not valid yet/);
  });

  it('the wrong issuer (another tenant), or none', async () => {
    expect(await outcome(rs256(goodClaims({ iss: 'https://login.microsoftonline.com/99999999-0000-0000-0000-000000000000/v2.0' })))).toBe(401);
    expect(await outcome(rs256(goodClaims({ iss: `${ISSUER}/` })))).toBe(401);
    const { iss: _iss, ...claims } = goodClaims();
    expect(await outcome(rs256(claims))).toBe(401);
    expect(await message(rs256(claims))).toMatch(/issuer/);
  });

  it('the wrong audience (another app), an array without ours, or none', async () => {
    expect(await outcome(rs256(goodClaims({ aud: 'api://other-app' })))).toBe(401);
    expect(await outcome(rs256(goodClaims({ aud: ['api://a', 'api://b'] })))).toBe(401);
    expect(await outcome(rs256(goodClaims({ aud: [] })))).toBe(401);
    const { aud: _aud, ...claims } = goodClaims();
    expect(await outcome(rs256(claims))).toBe(401);
    expect(await message(rs256(claims))).toMatch(/audience/);
  });

  it('anything that is not three dot-separated parts', async () => {
    const good = rs256(goodClaims());
    for (const token of ['', 'abc', 'a.b', `${good}.x`, 'a.b.c.d', good.replace(/\./g, '')]) expect(await outcome(token), token).toBe(401);
    expect(await message('a.b')).toMatch(/not a JWT/);
  });

  it('garbage base64 / non-JSON in the header or payload', async () => {
    const [, p, s] = rs256(goodClaims()).split('.') as [string, string, string];
    for (const header of ['!!!!', '%%%', b64('not json'), b64('{"alg":"RS256"'), '']) expect(await outcome(`${header}.${p}.${s}`), header).toBe(401);
    const signingInput = `${b64({ alg: 'RS256', typ: 'JWT', kid: KID })}.${b64('not json')}`;
    const signedGarbage = `${signingInput}.${sign('RSA-SHA256', Buffer.from(signingInput), trusted.privateKey).toString('base64url')}`;
    expect(await outcome(signedGarbage)).toBe(401);
  });

  it('a header that is JSON but not an object (a number, a string, an array)', async () => {
    const [, p, s] = rs256(goodClaims()).split('.') as [string, string, string];
    for (const header of ['1', '"RS256"', '[]', 'true']) expect(await outcome(`${b64(header)}.${p}.${s}`), header).toBe(401);
  });

  // Found by this test: a header of base64url("null") used to throw a TypeError (a 500 through
  // authorizeWrite) instead of a JwtError; decode() now refuses any JSON that is not an object.
  it.each(['null', '42', '[]', '"x"'])('a header or claims set of JSON %s (a 401, not a TypeError → 500)', async (json) => {
    const [h, p, s] = rs256(goodClaims()).split('.') as [string, string, string];
    expect(await outcome(`${b64(json)}.${p}.${s}`)).toBe(401);
    expect(await outcome(`${h}.${b64(json)}.${s}`)).toBe(401);
  });
});

describe('JwtVerifier refuses a header whose kid or alg is not a string with 401', () => {
  // These reached String(header.kid) / String(header.alg) in the hand-written verifier: an object without a
  // usable toString threw a TypeError (500 through authorizeWrite), and an array ['trusted-kid'] became
  // the trusted kid.
  it.each([
    ['kid', { toString: 1 }],
    ['kid', 1],
    ['kid', null],
    ['kid', true],
    ['kid', [KID]],
    ['kid', { kid: KID }],
    ['kid', ''],
    ['alg', { toString: 1 }],
    ['alg', ['RS256']],
    ['alg', 256],
    ['alg', null],
    ['alg', ''],
  ])('%s %j', async (field, value) => {
    const token = rs256(goodClaims(), { [field]: value });
    expect(await outcome(token)).toBe(401);
    expect(await message(token)).toMatch(field === 'kid' ? /names no signing key/ : /algorithm missing is not accepted/);
  });
});

describe('JwtVerifier refuses with 403', () => {
  it('a valid token without the role, with other roles, with roles not an array, or the role in another case', async () => {
    const { roles: _roles, ...noRoles } = goodClaims();
    for (const claims of [
      noRoles,
      goodClaims({ roles: [] }),
      goodClaims({ roles: ['Reader'] }),
      { ...noRoles, roles: ROLE },
      goodClaims({ roles: [ROLE.toLowerCase()] }),
    ]) {
      expect(await outcome(rs256(claims)), JSON.stringify(claims.roles)).toBe(403);
    }
    expect(await message(rs256(noRoles))).toContain(ROLE);
  });

  it('only once every 401 check has passed (an expired token without the role is 401, not 403)', async () => {
    const { roles: _roles, ...noRoles } = goodClaims();
    expect(await outcome(rs256({ ...noRoles, exp: NOW - 3600 }))).toBe(401);
    expect(await outcome(rs256({ ...noRoles, aud: 'api://other' }))).toBe(401);
    expect(await outcome(rs256(noRoles, {}, stranger.privateKey))).toBe(401);
  });
});

describe('JwtVerifier configuration', () => {
  it('trusts every RSA key of the JWKS (key rollover): a token from either kid passes', async () => {
    const second = { ...(stranger.publicKey.export({ format: 'jwk' }) as JsonWebKey), kid: 'second-kid' };
    const both = new JwtVerifier({ ...config, keys: jwks(jwk, second) });
    expect(await outcome(rs256(goodClaims()), NOW, both)).toBe(200);
    expect(await outcome(rs256(goodClaims(), { kid: 'second-kid' }, stranger.privateKey), NOW, both)).toBe(200);
    // …but a key is bound to its kid: the second key under the first kid is refused.
    expect(await outcome(rs256(goodClaims(), { kid: KID }, stranger.privateKey), NOW, both)).toBe(401);
  });

  it('with an empty JWKS accepts nothing', async () => {
    expect(await outcome(rs256(goodClaims()), NOW, new JwtVerifier({ ...config, keys: jwks() }))).toBe(401);
  });

  it('uses the real clock when no time is given', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expect(verifier.verify(rs256(goodClaims({ nbf: now - 60, exp: now + 3600 })))).resolves.toMatchObject({ sub: 'user-1' });
    await expect(verifier.verify(rs256(goodClaims({ nbf: now - 7200, exp: now - 3600 })))).rejects.toThrow(JwtError);
  });
});

/** A key set served over real HTTP on 127.0.0.1, as Entra serves …/discovery/v2.0/keys; counts its requests. */
async function keyServer(): Promise<{ url: URL; requests: () => number; serve(body: string | null, status?: number): void; close(): Promise<void> }> {
  let body: string | null = JSON.stringify({ keys: [jwk] });
  let status = 200;
  let requests = 0;
  const server: Server = createServer((_req, res) => {
    requests++;
    if (body === null) return; // never answers
    res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/discovery/v2.0/keys`),
    requests: () => requests,
    serve(b, s = 200) {
      body = b;
      status = s;
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

describe('JwtVerifier with a key set URL (CIC_AUTH_JWKS_URL)', () => {
  const servers: { close(): Promise<void> }[] = [];
  afterAll(() => Promise.all(servers.map((s) => s.close())));
  const start = async () => {
    const s = await keyServer();
    servers.push(s);
    return s;
  };

  it('accepts a token signed by a key it fetched, and refuses the same checks as the local set', async () => {
    const server = await start();
    const remote = new JwtVerifier({ ...config, keys: { url: server.url } });
    expect(await outcome(rs256(goodClaims()), NOW, remote)).toBe(200);
    expect(await outcome(rs256(goodClaims(), {}, stranger.privateKey), NOW, remote)).toBe(401);
    expect(await outcome(rs256(goodClaims({ aud: 'api://other' })), NOW, remote)).toBe(401);
    expect(await outcome(rs256(goodClaims({ roles: [] })), NOW, remote)).toBe(403);
    expect(await outcome(rs256(goodClaims(), { kid: { toString: 1 } }), NOW, remote)).toBe(401);
    expect(server.requests()).toBe(1); // fetched once, then kept
  });

  it('follows a key rotation: a token under a new kid fetches the set again (once the cooldown has passed)', async () => {
    const server = await start();
    const remote = new JwtVerifier({ ...config, keys: { url: server.url } }, { cooldownMs: 0 });
    expect(await outcome(rs256(goodClaims()), NOW, remote)).toBe(200);
    const rotated = { ...(stranger.publicKey.export({ format: 'jwk' }) as JsonWebKey), kid: 'rotated-kid', use: 'sig' };
    server.serve(JSON.stringify({ keys: [rotated] }));
    expect(await outcome(rs256(goodClaims(), { kid: 'rotated-kid' }, stranger.privateKey), NOW, remote)).toBe(200);
    expect(server.requests()).toBe(2);
  });

  it('tokens naming unknown kids do not make it fetch the set again within the cooldown', async () => {
    const server = await start();
    const remote = new JwtVerifier({ ...config, keys: { url: server.url } });
    expect(await outcome(rs256(goodClaims()), NOW, remote)).toBe(200);
    for (let i = 0; i < 20; i++) expect(await outcome(rs256(goodClaims(), { kid: `unknown-${i}` }), NOW, remote)).toBe(401);
    expect(server.requests()).toBe(1);
  });

  it('a key set URL that fails, answers junk or never answers is a 503 naming the URL, never a 500 or a hang', async () => {
    const server = await start();
    const fresh = () => new JwtVerifier({ ...config, keys: { url: server.url } }, { timeoutMs: 300 });
    for (const [body, status] of [
      ['oops', 500],
      ['not json', 200],
      ['{}', 200],
      ['{"keys":[null]}', 200],
      [null, 200],
    ] as const) {
      server.serve(body, status);
      const v = fresh();
      expect(await outcome(rs256(goodClaims()), NOW, v), String(body)).toBe(503);
      expect(await message(rs256(goodClaims()), NOW, v)).toContain(`${server.url.href} (CIC_AUTH_JWKS_URL) could not be read`);
    }
  });

  it('a key set URL with nobody listening is a 503', async () => {
    const server = await start();
    await server.close();
    expect(await outcome(rs256(goodClaims()), NOW, new JwtVerifier({ ...config, keys: { url: server.url } }))).toBe(503);
  });
});
