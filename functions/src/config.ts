/**
 * Service settings, all from environment variables (app settings in Azure, local.settings.json under
 * `func start`, the shell for `npm start`), each with a documented default that suits local use.
 */
import { DEFAULT_RATE_CLIENT_BYTES } from './http/rate-limit';
import { AZURITE_CONNECTION } from './store/tables';

export interface JwtConfig {
  /** JSON Web Key Set (the tenant's signing keys), as published at …/discovery/v2.0/keys. */
  jwks: { keys: JsonWebKey[] };
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
  /** Lookup item answers remembered per release (immutable, so never stale); 0 = none. */
  lookupCacheItems: number;
  maxBodyBytes: number;
  maxUploadBytes: number;
  retryAfterSeconds: number;
  jwt: JwtConfig | null;
  /** True in Azure (WEBSITE_INSTANCE_ID set): writes then require the Entra ID role, never a key alone. */
  inAzure: boolean;
}

export const DEV_WRITE_KEY = 'cic-local-dev-key';

const int = (v: string | undefined, fallback: number): number => {
  const n = Number(v);
  return v !== undefined && v !== '' && Number.isFinite(n) && n >= 0 ? n : fallback;
};

function parseJwks(text: string): JwtConfig['jwks'] {
  try {
    return JSON.parse(text) as JwtConfig['jwks'];
  } catch (e) {
    throw new Error(`CIC_AUTH_JWKS is not JSON (${(e as Error).message})`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const perSecond = int(env.CIC_RATE_PER_SECOND, 100);
  const jwks = env.CIC_AUTH_JWKS;
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
    lookupCacheItems: int(env.CIC_LOOKUP_CACHE_ITEMS, 50_000),
    maxBodyBytes: int(env.CIC_MAX_BODY_BYTES, 2 * 1024 * 1024),
    maxUploadBytes: int(env.CIC_MAX_UPLOAD_BYTES, 95 * 1024 * 1024),
    retryAfterSeconds: int(env.CIC_RETRY_AFTER_SECONDS, 5),
    jwt: jwks
      ? {
          jwks: parseJwks(jwks),
          audience: env.CIC_AUTH_AUDIENCE || '',
          issuer: env.CIC_AUTH_ISSUER || '',
          role: env.CIC_AUTH_ROLE || 'Releases.Publish',
        }
      : null,
    inAzure: Boolean(env.WEBSITE_INSTANCE_ID),
  };
}
