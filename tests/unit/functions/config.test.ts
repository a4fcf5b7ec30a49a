/** A bad setting is refused with the setting's name, where the service starts, not deep in a request. */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../functions/src/config';
import { openTables } from '../../../functions/src/store/tables';

const rsa = (modulusLength = 2048) => generateKeyPairSync('rsa', { modulusLength });
const publicJwk = (bits = 2048) => ({ ...rsa(bits).publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig' });
const AUTH = { CIC_AUTH_ISSUER: 'https://login.microsoftonline.com/t/v2.0', CIC_AUTH_AUDIENCE: 'api://cic-benchmarks' };

/** The one line a bad setting stops the start with (or '' when it loads). */
function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

describe('settings', () => {
  it('a malformed storage connection string names CIC_STORAGE_CONNECTION', () => {
    expect(() => openTables('not a connection string', 'cic')).toThrow(/^CIC_STORAGE_CONNECTION is not a Table Storage connection string/);
    expect(() => openTables(loadConfig({}).storageConnection, 'cic')).not.toThrow();
  });

  // These used to fall back to their defaults without a word: a typo'd limit silently became another limit.
  it.each(['CIC_RATE_BURST', 'CIC_RATE_PER_SECOND', 'CIC_MAX_UPLOAD_BYTES', 'CIC_CURRENT_TTL_MS'])(
    'a %s that is not a number ≥ 0 stops the start naming it',
    (name) => {
      for (const value of ['lots', '-1', '10MB', 'NaN']) expect(refusal({ [name]: value })).toBe(`${name} is not a number ≥ 0: "${value}"`);
      expect(refusal({ [name]: '0' })).toBe('');
      expect(refusal({ [name]: '' })).toBe(''); // empty = unset: the default
    },
  );

  it('malformed JWKS names CIC_AUTH_JWKS', () => {
    expect(() => loadConfig({ CIC_AUTH_JWKS: '{nope', ...AUTH })).toThrow(/^CIC_AUTH_JWKS is not JSON/);
  });

  it('loads a key set of usable RSA public keys, and a key set URL', () => {
    const jwt = loadConfig({ CIC_AUTH_JWKS: JSON.stringify({ keys: [publicJwk(), publicJwk()] }), ...AUTH }).jwt;
    expect(jwt).toMatchObject({ audience: AUTH.CIC_AUTH_AUDIENCE, issuer: AUTH.CIC_AUTH_ISSUER, role: 'Releases.Publish' });
    expect(jwt && 'jwks' in jwt.keys && jwt.keys.jwks.keys).toHaveLength(2);
    const remote = loadConfig({ CIC_AUTH_JWKS_URL: 'https://login.microsoftonline.com/t/discovery/v2.0/keys', ...AUTH }).jwt;
    expect(remote && 'url' in remote.keys && remote.keys.url.href).toBe('https://login.microsoftonline.com/t/discovery/v2.0/keys');
    // Plain HTTP only to this machine (a development or test key server).
    expect(refusal({ CIC_AUTH_JWKS_URL: 'http://127.0.0.1:9999/keys', ...AUTH })).toBe('');
  });

  // Each of these used to load: the host started and then answered every write with 500 (or, for
  // {"keys":"x"}, trusted no key without saying so).
  it.each([
    ['{}', /^CIC_AUTH_JWKS is not a JSON Web Key Set: keys: /],
    ['[]', /^CIC_AUTH_JWKS is not a JSON Web Key Set: /],
    ['null', /^CIC_AUTH_JWKS is not a JSON Web Key Set: /],
    ['"keys"', /^CIC_AUTH_JWKS is not a JSON Web Key Set: /],
    ['{"keys":[null]}', /^CIC_AUTH_JWKS is not a JSON Web Key Set: keys\.0: /],
    ['{"keys":"x"}', /^CIC_AUTH_JWKS is not a JSON Web Key Set: keys: /],
    ['{"keys":[]}', /^CIC_AUTH_JWKS is not a JSON Web Key Set: keys: .*at least one/],
    ['{"keys":[{}]}', /^CIC_AUTH_JWKS is not a JSON Web Key Set: keys\.0\.kty: /],
    ['{"keys":[{"kty":"RSA","kid":"k1"}]}', /^CIC_AUTH_JWKS key 0 \(kid k1\) is not a usable public key/],
    ['{"keys":[{"kty":"RSA","kid":"k1","n":"AQAB","e":"AQAB"}]}', /^CIC_AUTH_JWKS key 0 \(kid k1\) /],
    ['{"keys":[{"kty":"EC","kid":"e","crv":"P-256","x":"AA","y":"AA"}]}', /^CIC_AUTH_JWKS key 0 \(kid e\) is not a usable public key/],
  ])('JWKS %s stops the start with one line naming CIC_AUTH_JWKS', (jwks, reason) => {
    const line = refusal({ CIC_AUTH_JWKS: jwks, ...AUTH });
    expect(line).toMatch(reason);
    expect(line).not.toContain('\n');
  });

  it('a JWKS whose keys cannot verify RS256 tokens, or that holds a private key, stops the start', () => {
    const ec = { ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }), kid: 'ec' };
    expect(refusal({ CIC_AUTH_JWKS: JSON.stringify({ keys: [ec] }), ...AUTH })).toMatch(/^CIC_AUTH_JWKS holds no RSA signing key/);
    // …but an EC key beside an RSA one is fine (it is simply never used).
    expect(refusal({ CIC_AUTH_JWKS: JSON.stringify({ keys: [ec, publicJwk()] }), ...AUTH })).toBe('');
    expect(refusal({ CIC_AUTH_JWKS: JSON.stringify({ keys: [publicJwk(1024)] }), ...AUTH })).toMatch(/^CIC_AUTH_JWKS key 0 \(kid k1\) .*2048 bits/);
    const secret = { ...rsa().privateKey.export({ format: 'jwk' }), kid: 'k1' };
    expect(refusal({ CIC_AUTH_JWKS: JSON.stringify({ keys: [secret] }), ...AUTH })).toMatch(/^CIC_AUTH_JWKS key 0 \(kid k1\) is a private key/);
  });

  it.each([
    ['not a url', /^CIC_AUTH_JWKS_URL is not an https URL/],
    ['ftp://login.microsoftonline.com/keys', /^CIC_AUTH_JWKS_URL is not an https URL/],
    ['http://login.microsoftonline.com/t/discovery/v2.0/keys', /^CIC_AUTH_JWKS_URL is not an https URL/],
  ])('JWKS URL %j stops the start naming CIC_AUTH_JWKS_URL', (url, reason) => {
    expect(refusal({ CIC_AUTH_JWKS_URL: url, ...AUTH })).toMatch(reason);
  });

  it('both key settings, or a key set without its audience and issuer, stop the start', () => {
    const jwks = JSON.stringify({ keys: [publicJwk()] });
    expect(refusal({ CIC_AUTH_JWKS: jwks, CIC_AUTH_JWKS_URL: 'https://login.microsoftonline.com/t/discovery/v2.0/keys', ...AUTH })).toMatch(
      /^CIC_AUTH_JWKS and CIC_AUTH_JWKS_URL are both set/,
    );
    expect(refusal({ CIC_AUTH_JWKS: jwks, CIC_AUTH_ISSUER: AUTH.CIC_AUTH_ISSUER })).toMatch(/CIC_AUTH_AUDIENCE/);
    expect(refusal({ CIC_AUTH_JWKS_URL: 'https://login.microsoftonline.com/t/discovery/v2.0/keys', CIC_AUTH_AUDIENCE: 'api://x' })).toMatch(/CIC_AUTH_ISSUER/);
  });
});
