/**
 * Entra ID access tokens for writes, verified with `jose` (a maintained library, not our own crypto):
 * RS256 only, a key from the tenant's key set by `kid` (the set in CIC_AUTH_JWKS, or fetched from
 * CIC_AUTH_JWKS_URL and fetched again when a token names a key it has not seen, which is how Entra's key
 * rotation reaches us), issuer, audience, expiry and not-before with 5 minutes' skew, then the app role.
 * Every way a token can be wrong is a JwtError (401, or 403 for a good token without the role); only an
 * unreachable key set URL is a 503, since the caller's token may well be fine.
 */
import { createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { JwtConfig } from '../config';

export interface JwtClaims extends JWTPayload {
  roles?: unknown;
}

export class JwtError extends Error {
  /** 401: no or invalid token; 403: valid token without the role; 503: the key set URL could not be read. */
  constructor(
    readonly status: 401 | 403 | 503,
    message: string,
  ) {
    super(message);
  }
}

const SKEW_SECONDS = 300;
/** How long a fetch of the key set may take, and how soon a token naming an unknown kid may cause another. */
const REMOTE_TIMEOUT_MS = 5000;
const REMOTE_COOLDOWN_MS = 30_000;
/** Entra's keys change every few weeks; re-reading the set every 10 minutes costs one small GET. */
const REMOTE_MAX_AGE_MS = 10 * 60_000;

/** Raised by our key lookup when the remote set could not be read: a fault of ours or Entra's, not the token's. */
class KeySetUnavailable extends Error {}

/** The header's alg, only for saying which was refused (attacker-supplied text: short and printable). */
function headerAlg(token: string): string {
  try {
    const { alg } = decodeProtectedHeader(token);
    return typeof alg === 'string' && alg ? alg.slice(0, 20).replace(/[^\x21-\x7e]/g, '?') : 'missing';
  } catch {
    return 'missing';
  }
}

/** A jose refusal as the sentence the caller sees. */
function refusal(e: unknown, token: string): JwtError {
  if (e instanceof JwtError) return e;
  if (e instanceof KeySetUnavailable) return new JwtError(503, e.message);
  if (e instanceof errors.JOSEAlgNotAllowed) return new JwtError(401, `Token algorithm ${headerAlg(token)} is not accepted (RS256 only)`);
  if (e instanceof errors.JWKSNoMatchingKey || e instanceof errors.JOSENotSupported) return new JwtError(401, 'Token signed by an unknown key');
  if (e instanceof errors.JWSSignatureVerificationFailed) return new JwtError(401, 'Token signature is invalid');
  if (e instanceof errors.JWTExpired) return new JwtError(401, 'Token has expired');
  if (e instanceof errors.JWTClaimValidationFailed) {
    if (e.claim === 'nbf') return new JwtError(401, 'Token is not valid yet');
    if (e.claim === 'iss') return new JwtError(401, 'Token issuer is not trusted');
    if (e.claim === 'aud') return new JwtError(401, 'Token is for another audience');
    if (e.claim === 'exp') return new JwtError(401, 'Token has no valid expiry');
    return new JwtError(401, 'Token claims are invalid');
  }
  if (e instanceof errors.JWSInvalid && /alg/.test(e.message)) return new JwtError(401, `Token algorithm ${headerAlg(token)} is not accepted (RS256 only)`);
  if (e instanceof errors.JWSInvalid || e instanceof errors.JWTInvalid) return new JwtError(401, 'Bearer token is not a JWT');
  // Anything else a hostile token provokes: a 401, never a 500.
  return new JwtError(401, 'Bearer token could not be verified');
}

export class JwtVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(
    private readonly config: JwtConfig,
    remoteTiming: { timeoutMs?: number; cooldownMs?: number } = {},
  ) {
    if ('url' in config.keys) {
      const remote = createRemoteJWKSet(config.keys.url, {
        timeoutDuration: remoteTiming.timeoutMs ?? REMOTE_TIMEOUT_MS,
        cooldownDuration: remoteTiming.cooldownMs ?? REMOTE_COOLDOWN_MS,
        cacheMaxAge: REMOTE_MAX_AGE_MS,
      });
      const url = config.keys.url.href;
      this.keys = async (header, token) => {
        try {
          return await remote(header, token);
        } catch (e) {
          // A key the set lacks (or one unusable for RS256) is the token's fault; a set that cannot be read is not.
          if (e instanceof errors.JWKSNoMatchingKey || e instanceof errors.JWKSMultipleMatchingKeys || e instanceof errors.JOSENotSupported) throw e;
          throw new KeySetUnavailable(`The signing keys at ${url} (CIC_AUTH_JWKS_URL) could not be read: ${(e as Error).message}`);
        }
      };
    } else {
      this.keys = createLocalJWKSet(config.keys.jwks);
    }
  }

  async verify(token: string, nowSeconds?: number): Promise<JwtClaims> {
    let claims: JwtClaims;
    try {
      ({ payload: claims } = await jwtVerify<JwtClaims>(
        token,
        (header, t) => {
          // Entra names its key in every token; without a kid jose would try every key of the set.
          if (typeof header.kid !== 'string' || header.kid === '') throw new JwtError(401, 'Token names no signing key (kid)');
          return this.keys(header, t);
        },
        {
          algorithms: ['RS256'],
          requiredClaims: ['exp'],
          clockTolerance: SKEW_SECONDS,
          ...(this.config.issuer ? { issuer: this.config.issuer } : {}),
          ...(this.config.audience ? { audience: this.config.audience } : {}),
          ...(nowSeconds === undefined ? {} : { currentDate: new Date(nowSeconds * 1000) }),
        },
      ));
    } catch (e) {
      throw refusal(e, token);
    }
    if (!Array.isArray(claims.roles) || !claims.roles.includes(this.config.role)) throw new JwtError(403, `Token lacks the app role ${this.config.role}`);
    return claims;
  }
}
