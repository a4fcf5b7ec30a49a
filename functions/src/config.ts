/**
 * Service settings, all from environment variables (app settings in Azure, local.settings.json under
 * `func start`, the shell for `npm start`), each with a documented default that suits local use.
 */
import { createPublicKey } from 'node:crypto';
import type { JSONWebKeySet } from 'jose';
import { z } from 'zod';
import { DEFAULT_RATE_CLIENT_BYTES } from './http/rate-limit';
import { DEFAULT_CACHE_BYTES } from './release-cache';
import { AZURITE_CONNECTION } from './store/tables';

export interface JwtConfig {
  /**
   * The tenant's signing keys: fetched from a URL (…/discovery/v2.0/keys; fetched again as Entra rotates
   * them), or a key set pasted into the setting (which must then be refreshed by hand when Entra rotates).
   */
  keys: { url: URL } | { jwks: JSONWebKeySet };
  audience: string;
  issuer: string;
  /** App role a caller needs to upload or publish. */
  role: string;
}

export interface ServiceConfig {
  storageConnection: string;
  tablePrefix: string;
  /** Origins allowed by CORS (the add-in's). */
  allowedOrigins: string[];
  /** Function key for writes, checked by the local host (Azure's host checks its own keys). */
  writeKey: string;
  /** Per-client token bucket for reads; null = off. `clientBytes` bounds the buckets' memory. */
  rateLimit: { burst: number; perSecond: number; clientBytes: number } | null;
  /** How long an instance trusts its copy of the "current" pointer. */
  currentTtlMs: number;
  maxLookupItems: number;
  /** Work one lookup may ask for: each item costs 1, a whole-catalog spill (INDICATORS) more. */
  maxLookupWork: number;
  /** Bytes one lookup response may reach; beyond it the lookup is refused with 413 rather than built. */
  maxLookupResponseBytes: number;
  /** "Did you mean" hints one lookup may work out (each also costs work); beyond them, "unknown" alone. */
  maxLookupHints: number;
  /** Bytes of costly lookup answers remembered per release (immutable, so never stale); 0 = none. */
  lookupCacheBytes: number;
  /** Bytes of encoded GET bodies remembered per release. */
  bodyCacheBytes: number;
  maxBodyBytes: number;
  maxUploadBytes: number;
  retryAfterSeconds: number;
  jwt: JwtConfig | null;
  /** True in Azure (WEBSITE_INSTANCE_ID set): writes then require the Entra ID role, never a key alone. */
  inAzure: boolean;
}

export const DEV_WRITE_KEY = 'cic-local-dev-key';

/** Settings that are numbers ≥ 0 (empty = unset = the default); anything else stops the start, naming it. */
const NUMBER_SETTINGS = [
  'CIC_RATE_PER_SECOND',
  'CIC_RATE_BURST',
  'CIC_RATE_CLIENT_BYTES',
  'CIC_CURRENT_TTL_MS',
  'CIC_MAX_LOOKUP_ITEMS',
  'CIC_MAX_LOOKUP_WORK',
  'CIC_MAX_LOOKUP_RESPONSE_BYTES',
  'CIC_MAX_LOOKUP_HINTS',
  'CIC_LOOKUP_CACHE_BYTES',
  'CIC_BODY_CACHE_BYTES',
  'CIC_MAX_BODY_BYTES',
  'CIC_MAX_UPLOAD_BYTES',
  'CIC_RETRY_AFTER_SECONDS',
] as const;
const NumberSetting = z.string().refine((v) => v === '' || (v.trim() !== '' && Number.isFinite(Number(v)) && Number(v) >= 0));
const NumberSettings = z.object(Object.fromEntries(NUMBER_SETTINGS.map((name) => [name, NumberSetting.optional()])));

function checkNumbers(env: NodeJS.ProcessEnv): void {
  const parsed = NumberSettings.safeParse(env);
  if (parsed.success) return;
  const name = String(parsed.error.issues[0]?.path[0]);
  throw new Error(`${name} is not a number ≥ 0: "${String(env[name]).slice(0, 100)}"`);
}

const int = (v: string | undefined, fallback: number): number => {
  const n = Number(v);
  return v !== undefined && v !== '' && Number.isFinite(n) && n >= 0 ? n : fallback;
};

/** The first issue of a zod failure on one line: where and what. */
const firstIssue = (e: z.ZodError): string => {
  const i = e.issues[0];
  return i ? `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}` : 'invalid';
};

/** A JWK as far as its shape goes; the key material is checked by importing it (usableKey). */
const JwkSchema = z.looseObject({ kty: z.string().min(1), kid: z.string().optional(), use: z.string().optional(), alg: z.string().optional() });
const JwksSchema = z.looseObject({ keys: z.array(JwkSchema).min(1, 'a key set needs at least one key') });

/** Why a key of the set is unusable, or null. Every key is checked, not only RSA: a broken set is a broken setting. */
function unusableKey(jwk: z.infer<typeof JwkSchema>): string | null {
  if ('d' in jwk) return 'is a private key (a key set holds public keys only)';
  try {
    const key = createPublicKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' });
    const bits = key.asymmetricKeyDetails?.modulusLength;
    if (key.asymmetricKeyType === 'rsa' && (bits ?? 0) < 2048) return `is a ${bits}-bit RSA key; RS256 needs 2048 bits or more`;
    return null;
  } catch (e) {
    return `is not a usable public key (${(e as Error).message.split('\n')[0]})`;
  }
}

/** An RSA key jose will use for RS256: RSA, for signatures (or unsaid), RS256 (or unsaid). */
const signsRs256 = (jwk: z.infer<typeof JwkSchema>): boolean =>
  jwk.kty === 'RSA' && (jwk.use === undefined || jwk.use === 'sig') && (jwk.alg === undefined || jwk.alg === 'RS256');

function parseJwks(text: string): JSONWebKeySet {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`CIC_AUTH_JWKS is not JSON (${(e as Error).message})`);
  }
  const parsed = JwksSchema.safeParse(json);
  if (!parsed.success) throw new Error(`CIC_AUTH_JWKS is not a JSON Web Key Set: ${firstIssue(parsed.error)}`);
  parsed.data.keys.forEach((jwk, i) => {
    const why = unusableKey(jwk);
    if (why) throw new Error(`CIC_AUTH_JWKS key ${i}${jwk.kid === undefined ? '' : ` (kid ${jwk.kid.slice(0, 80)})`} ${why}`);
  });
  if (!parsed.data.keys.some(signsRs256)) throw new Error('CIC_AUTH_JWKS holds no RSA signing key, so no Entra ID token could ever be verified');
  return parsed.data as JSONWebKeySet;
}

const HttpUrlSchema = z.url({ protocol: /^https?$/ });
const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

function parseJwksUrl(text: string): URL {
  const url = HttpUrlSchema.safeParse(text).success ? new URL(text) : null;
  // Plain HTTP only to this machine (a development key server); anywhere else the keys must come over TLS.
  if (!url || (url.protocol !== 'https:' && !LOOPBACK.includes(url.hostname)))
    throw new Error(
      `CIC_AUTH_JWKS_URL is not an https URL: "${text.slice(0, 200)}" (Entra's is https://login.microsoftonline.com/<tenant>/discovery/v2.0/keys)`,
    );
  return url;
}

function loadJwt(env: NodeJS.ProcessEnv): JwtConfig | null {
  const { CIC_AUTH_JWKS: jwks, CIC_AUTH_JWKS_URL: url } = env;
  if (!jwks && !url) return null;
  if (jwks && url) throw new Error("CIC_AUTH_JWKS and CIC_AUTH_JWKS_URL are both set: give one (the URL follows Entra's key rotation)");
  const keys = url ? { url: parseJwksUrl(url) } : { jwks: parseJwks(jwks!) };
  const setting = url ? 'CIC_AUTH_JWKS_URL' : 'CIC_AUTH_JWKS';
  // Entra signs every app's tokens in a tenant (and every tenant's) with the same keys: without both
  // checks a token for another app or tenant that happens to carry the role name would be accepted.
  const missing = [env.CIC_AUTH_AUDIENCE ? '' : 'CIC_AUTH_AUDIENCE', env.CIC_AUTH_ISSUER ? '' : 'CIC_AUTH_ISSUER'].filter(Boolean);
  if (missing.length)
    throw new Error(
      `${setting} is set but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not: tokens for another app or tenant would be accepted`,
    );
  return { keys, audience: env.CIC_AUTH_AUDIENCE!, issuer: env.CIC_AUTH_ISSUER!, role: env.CIC_AUTH_ROLE || 'Releases.Publish' };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  checkNumbers(env);
  const perSecond = int(env.CIC_RATE_PER_SECOND, 100);
  return {
    storageConnection: env.CIC_STORAGE_CONNECTION || AZURITE_CONNECTION,
    tablePrefix: env.CIC_TABLE_PREFIX || 'cic',
    allowedOrigins: (env.CIC_ALLOWED_ORIGINS || 'https://localhost:3000')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    writeKey: env.CIC_WRITE_KEY || DEV_WRITE_KEY,
    rateLimit:
      perSecond > 0 ? { burst: int(env.CIC_RATE_BURST, 600), perSecond, clientBytes: int(env.CIC_RATE_CLIENT_BYTES, DEFAULT_RATE_CLIENT_BYTES) } : null,
    currentTtlMs: int(env.CIC_CURRENT_TTL_MS, 5000),
    maxLookupItems: int(env.CIC_MAX_LOOKUP_ITEMS, 5000),
    maxLookupWork: int(env.CIC_MAX_LOOKUP_WORK, 10_000),
    maxLookupResponseBytes: int(env.CIC_MAX_LOOKUP_RESPONSE_BYTES, 4 * 1024 * 1024),
    maxLookupHints: int(env.CIC_MAX_LOOKUP_HINTS, 20),
    lookupCacheBytes: int(env.CIC_LOOKUP_CACHE_BYTES, DEFAULT_CACHE_BYTES.answers),
    bodyCacheBytes: int(env.CIC_BODY_CACHE_BYTES, DEFAULT_CACHE_BYTES.bodies),
    maxBodyBytes: int(env.CIC_MAX_BODY_BYTES, 2 * 1024 * 1024),
    maxUploadBytes: int(env.CIC_MAX_UPLOAD_BYTES, 95 * 1024 * 1024),
    retryAfterSeconds: int(env.CIC_RETRY_AFTER_SECONDS, 5),
    jwt: loadJwt(env),
    inAzure: Boolean(env.WEBSITE_INSTANCE_ID),
  };
}
