/**
 * Just enough JWT validation for Entra ID access tokens, with node:crypto only: RS256 signature against
 * a configured JWKS (by `kid`), issuer, audience, expiry/not-before with 5 minutes' skew, and the app
 * role in the `roles` claim. No network: the JWKS comes from configuration.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { JwtConfig } from '../config';

export interface JwtClaims {
  iss?: string;
  aud?: string | string[];
  exp?: number;
  nbf?: number;
  roles?: string[];
  sub?: string;
  [claim: string]: unknown;
}

export class JwtError extends Error {
  /** 401: no or invalid token; 403: valid token without the role. */
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message);
  }
}

const SKEW_SECONDS = 300;

const decode = (part: string): Record<string, unknown> => {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw new JwtError(401, 'Bearer token is not a JWT');
  }
  // `null`, a number or an array is JSON but no JOSE header or claims set: a 401, never a TypeError (500).
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new JwtError(401, 'Bearer token is not a JWT');
  return v as Record<string, unknown>;
};

export class JwtVerifier {
  private readonly keys = new Map<string, KeyObject>();

  constructor(private readonly config: JwtConfig) {
    for (const jwk of config.jwks.keys) {
      const kid = (jwk as { kid?: string }).kid;
      if (kid && jwk.kty === 'RSA') this.keys.set(kid, createPublicKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' }));
    }
  }

  verify(token: string, nowSeconds = Date.now() / 1000): JwtClaims {
    const parts = token.split('.');
    if (parts.length !== 3) throw new JwtError(401, 'Bearer token is not a JWT');
    const [h, p, s] = parts as [string, string, string];
    const header = decode(h);
    if (header.alg !== 'RS256') throw new JwtError(401, `Token algorithm ${String(header.alg)} is not accepted`);
    const key = this.keys.get(String(header.kid));
    if (!key) throw new JwtError(401, 'Token signed by an unknown key');
    if (!verify('RSA-SHA256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url'))) throw new JwtError(401, 'Token signature is invalid');
    const claims = decode(p) as JwtClaims;
    if (typeof claims.exp !== 'number' || claims.exp + SKEW_SECONDS < nowSeconds) throw new JwtError(401, 'Token has expired');
    if (typeof claims.nbf === 'number' && claims.nbf - SKEW_SECONDS > nowSeconds) throw new JwtError(401, 'Token is not valid yet');
    if (this.config.issuer && claims.iss !== this.config.issuer) throw new JwtError(401, 'Token issuer is not trusted');
    const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (this.config.audience && !aud.includes(this.config.audience)) throw new JwtError(401, 'Token is for another audience');
    if (!Array.isArray(claims.roles) || !claims.roles.includes(this.config.role)) throw new JwtError(403, `Token lacks the app role ${this.config.role}`);
    return claims;
  }
}
