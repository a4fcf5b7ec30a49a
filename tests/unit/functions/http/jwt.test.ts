/**
 * The bearer-token check for writes, against tokens signed here with keys made here: only an RS256 token
 * from a configured key, for our issuer and audience, in date (5 minutes' skew) and carrying the app role
 * passes; everything else is a JwtError with 401 (403 for a good token without the role), never a crash.
 */
import { createHmac, generateKeyPairSync, sign, type JsonWebKey, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
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

// Shaped like an Entra JWKS entry (use, x5t, x5c, issuer beside the RSA fields), which createPublicKey must tolerate.
const jwk = { ...(trusted.publicKey.export({ format: 'jwk' }) as JsonWebKey), kid: KID, use: 'sig', x5t: KID, x5c: ['MIIC…'], issuer: ISSUER };
const config: JwtConfig = {
  jwks: { keys: [{ kty: 'EC', kid: 'ec-key', crv: 'P-256', x: 'AA', y: 'AA' } as JsonWebKey, jwk] },
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

/** The status of the JwtError a token raises (or 'ok'); any other exception fails the test with its message. */
function outcome(token: string, now = NOW, v: JwtVerifier = verifier): 200 | 401 | 403 {
  try {
    v.verify(token, now);
    return 200;
  } catch (e) {
    if (e instanceof JwtError) return e.status;
    throw new Error(`not a JwtError: ${String(e)}`);
  }
}
const message = (token: string, now = NOW): string => {
  try {
    verifier.verify(token, now);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
};

describe('JwtVerifier accepts', () => {
  it('a valid RS256 token from the configured key, returning its claims', () => {
    const claims = verifier.verify(rs256(goodClaims()), NOW);
    expect(claims).toMatchObject({ sub: 'user-1', roles: [ROLE], iss: ISSUER, aud: AUDIENCE });
  });

  it('an audience array that includes ours', () => {
    expect(outcome(rs256(goodClaims({ aud: ['api://other', AUDIENCE] })))).toBe(200);
  });

  it('the role among others', () => {
    expect(outcome(rs256(goodClaims({ roles: ['Reader', ROLE, 'Admin'] })))).toBe(200);
  });

  it('a token expired less than 5 minutes ago (clock skew), up to exactly 300 s', () => {
    expect(outcome(rs256(goodClaims({ exp: NOW - 299 })))).toBe(200);
    expect(outcome(rs256(goodClaims({ exp: NOW - 300 })))).toBe(200);
  });

  it('a token whose nbf is less than 5 minutes ahead (clock skew)', () => {
    expect(outcome(rs256(goodClaims({ nbf: NOW + 299 })))).toBe(200);
    expect(outcome(rs256(goodClaims({ nbf: NOW + 300 })))).toBe(200);
  });

  it('a token without nbf', () => {
    const { nbf: _nbf, ...claims } = goodClaims();
    expect(outcome(rs256(claims))).toBe(200);
  });
});

describe('JwtVerifier refuses with 401', () => {
  it('a token signed by an unknown kid, even with the trusted key', () => {
    expect(outcome(rs256(goodClaims(), { kid: 'other-kid' }))).toBe(401);
    expect(message(rs256(goodClaims(), { kid: 'other-kid' }))).toMatch(/unknown key/);
    expect(outcome(signed({ alg: 'RS256', typ: 'JWT' }, goodClaims()))).toBe(401);
    expect(outcome(signed({ alg: 'RS256', typ: 'JWT', kid: 'undefined' }, goodClaims()))).toBe(401);
  });

  it('a token under the trusted kid signed by another key (bad signature)', () => {
    expect(outcome(rs256(goodClaims(), {}, stranger.privateKey))).toBe(401);
    expect(message(rs256(goodClaims(), {}, stranger.privateKey))).toMatch(/signature/);
  });

  it('a tampered payload (roles added after signing), and a truncated or empty signature', () => {
    const [h, , s] = rs256(goodClaims({ roles: [] })).split('.') as [string, string, string];
    expect(outcome(`${h}.${b64(goodClaims())}.${s}`)).toBe(401);
    const good = rs256(goodClaims());
    expect(outcome(good.slice(0, -10))).toBe(401);
    expect(outcome(good.slice(0, good.lastIndexOf('.') + 1))).toBe(401);
  });

  it('a token signed by a key whose kid is not RSA (the EC entry is ignored)', () => {
    expect(outcome(rs256(goodClaims(), { kid: 'ec-key' }))).toBe(401);
  });

  it('alg "none" (unsigned), however spelt', () => {
    for (const alg of ['none', 'None', 'NONE']) {
      expect(outcome(`${b64({ alg, typ: 'JWT', kid: KID })}.${b64(goodClaims())}.`), alg).toBe(401);
      expect(message(`${b64({ alg, typ: 'JWT', kid: KID })}.${b64(goodClaims())}.`)).toMatch(/algorithm/);
    }
    expect(outcome(`${b64({ typ: 'JWT', kid: KID })}.${b64(goodClaims())}.`)).toBe(401);
  });

  it('HS256 with the public key as the HMAC secret (the classic key-confusion attack)', () => {
    const signingInput = `${b64({ alg: 'HS256', typ: 'JWT', kid: KID })}.${b64(goodClaims())}`;
    for (const secret of [trusted.publicKey.export({ format: 'pem', type: 'spki' }), JSON.stringify(jwk)]) {
      const token = `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
      expect(outcome(token)).toBe(401);
      // Refused for its algorithm, before any key is used — not merely because the RSA check happens to fail.
      expect(message(token)).toMatch(/algorithm HS256/);
    }
  });

  it('other RSA algorithms than RS256 (PS256, RS512) even when correctly signed', () => {
    for (const alg of ['PS256', 'RS512', 'rs256']) {
      expect(outcome(rs256(goodClaims(), { alg })), alg).toBe(401);
      expect(message(rs256(goodClaims(), { alg }))).toMatch(/algorithm/);
    }
  });

  it('a token expired more than 5 minutes ago', () => {
    expect(outcome(rs256(goodClaims({ exp: NOW - 301 })))).toBe(401);
    expect(message(rs256(goodClaims({ exp: NOW - 3600 })))).toMatch(/expired/);
  });

  it('a token without exp, or with a non-numeric exp', () => {
    const { exp: _exp, ...claims } = goodClaims();
    expect(outcome(rs256(claims))).toBe(401);
    expect(outcome(rs256({ ...claims, exp: String(NOW + 3600) }))).toBe(401);
  });

  it('a token whose nbf is more than 5 minutes in the future', () => {
    expect(outcome(rs256(goodClaims({ nbf: NOW + 301 })))).toBe(401);
    expect(message(rs256(goodClaims({ nbf: NOW + 3600 })))).toMatch(/not valid yet/);
  });

  it('the wrong issuer (another tenant), or none', () => {
    expect(outcome(rs256(goodClaims({ iss: 'https://login.microsoftonline.com/99999999-0000-0000-0000-000000000000/v2.0' })))).toBe(401);
    expect(outcome(rs256(goodClaims({ iss: `${ISSUER}/` })))).toBe(401);
    const { iss: _iss, ...claims } = goodClaims();
    expect(outcome(rs256(claims))).toBe(401);
    expect(message(rs256(claims))).toMatch(/issuer/);
  });

  it('the wrong audience (another app), an array without ours, or none', () => {
    expect(outcome(rs256(goodClaims({ aud: 'api://other-app' })))).toBe(401);
    expect(outcome(rs256(goodClaims({ aud: ['api://a', 'api://b'] })))).toBe(401);
    expect(outcome(rs256(goodClaims({ aud: [] })))).toBe(401);
    const { aud: _aud, ...claims } = goodClaims();
    expect(outcome(rs256(claims))).toBe(401);
    expect(message(rs256(claims))).toMatch(/audience/);
  });

  it('anything that is not three dot-separated parts', () => {
    const good = rs256(goodClaims());
    for (const token of ['', 'abc', 'a.b', `${good}.x`, 'a.b.c.d', good.replace(/\./g, '')]) expect(outcome(token), token).toBe(401);
    expect(message('a.b')).toMatch(/not a JWT/);
  });

  it('garbage base64 / non-JSON in the header or payload', () => {
    const [, p, s] = rs256(goodClaims()).split('.') as [string, string, string];
    for (const header of ['!!!!', '%%%', b64('not json'), b64('{"alg":"RS256"'), '']) expect(outcome(`${header}.${p}.${s}`), header).toBe(401);
    const signingInput = `${b64({ alg: 'RS256', typ: 'JWT', kid: KID })}.${b64('not json')}`;
    const signedGarbage = `${signingInput}.${sign('RSA-SHA256', Buffer.from(signingInput), trusted.privateKey).toString('base64url')}`;
    expect(outcome(signedGarbage)).toBe(401);
  });

  it('a header that is JSON but not an object (a number, a string, an array)', () => {
    const [, p, s] = rs256(goodClaims()).split('.') as [string, string, string];
    for (const header of ['1', '"RS256"', '[]', 'true']) expect(outcome(`${b64(header)}.${p}.${s}`), header).toBe(401);
  });

  // Found by this test: a header of base64url("null") used to throw a TypeError (a 500 through
  // authorizeWrite) instead of a JwtError; decode() now refuses any JSON that is not an object.
  it.each(['null', '42', '[]', '"x"'])('a header or claims set of JSON %s (a 401, not a TypeError → 500)', (json) => {
    const [h, p, s] = rs256(goodClaims()).split('.') as [string, string, string];
    expect(outcome(`${b64(json)}.${p}.${s}`)).toBe(401);
    expect(outcome(`${h}.${b64(json)}.${s}`)).toBe(401);
  });
});

describe('JwtVerifier refuses with 403', () => {
  it('a valid token without the role, with other roles, with roles not an array, or the role in another case', () => {
    const { roles: _roles, ...noRoles } = goodClaims();
    for (const claims of [
      noRoles,
      goodClaims({ roles: [] }),
      goodClaims({ roles: ['Reader'] }),
      { ...noRoles, roles: ROLE },
      goodClaims({ roles: [ROLE.toLowerCase()] }),
    ]) {
      expect(outcome(rs256(claims)), JSON.stringify(claims.roles)).toBe(403);
    }
    expect(message(rs256(noRoles))).toContain(ROLE);
  });

  it('only once every 401 check has passed (an expired token without the role is 401, not 403)', () => {
    const { roles: _roles, ...noRoles } = goodClaims();
    expect(outcome(rs256({ ...noRoles, exp: NOW - 3600 }))).toBe(401);
    expect(outcome(rs256({ ...noRoles, aud: 'api://other' }))).toBe(401);
    expect(outcome(rs256(noRoles, {}, stranger.privateKey))).toBe(401);
  });
});

describe('JwtVerifier configuration', () => {
  it('trusts every RSA key of the JWKS (key rollover): a token from either kid passes', () => {
    const second = { ...(stranger.publicKey.export({ format: 'jwk' }) as JsonWebKey), kid: 'second-kid' };
    const both = new JwtVerifier({ ...config, jwks: { keys: [jwk, second] } });
    expect(outcome(rs256(goodClaims()), NOW, both)).toBe(200);
    expect(outcome(rs256(goodClaims(), { kid: 'second-kid' }, stranger.privateKey), NOW, both)).toBe(200);
    // …but a key is bound to its kid: the second key under the first kid is refused.
    expect(outcome(rs256(goodClaims(), { kid: KID }, stranger.privateKey), NOW, both)).toBe(401);
  });

  it('with an empty JWKS accepts nothing', () => {
    expect(outcome(rs256(goodClaims()), NOW, new JwtVerifier({ ...config, jwks: { keys: [] } }))).toBe(401);
  });

  it('uses the real clock when no time is given', () => {
    const now = Math.floor(Date.now() / 1000);
    expect(() => verifier.verify(rs256(goodClaims({ nbf: now - 60, exp: now + 3600 })))).not.toThrow();
    expect(() => verifier.verify(rs256(goodClaims({ nbf: now - 7200, exp: now - 3600 })))).toThrow(JwtError);
  });
});
