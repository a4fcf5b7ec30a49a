/**
 * Authorisation of writes, in code, on top of the host's function key (authLevel 'function'): when an
 * Entra ID JWKS is configured, a bearer token with the publishing app role is required; in Azure it is
 * always required (no JWKS configured there = writes refused, never open).
 */
import type { Request } from '../azf';
import type { JwtConfig, ServiceConfig } from '../config';
import { JwtError, JwtVerifier } from './jwt';
import { HttpError } from './problem';

/** One verifier per key setting: a remote key set keeps its fetched keys between requests. */
const verifiers = new WeakMap<JwtConfig, JwtVerifier>();

/** Rejects with HttpError 401/403 (503 when the key set URL is unreachable) unless the request may write. Resolves to the caller's subject for logs. */
export async function authorizeWrite(req: Request, config: ServiceConfig): Promise<string> {
  if (!config.jwt) {
    if (config.inAzure)
      throw new HttpError(403, 'Forbidden', 'Writes need Entra ID configuration (CIC_AUTH_JWKS_URL or CIC_AUTH_JWKS, CIC_AUTH_AUDIENCE, CIC_AUTH_ISSUER)');
    return 'function-key';
  }
  // Entra signs every app's tokens in a tenant (and every tenant's) with the same keys: without both
  // checks a token for another app or tenant that happens to carry the role name would be accepted.
  if (!config.jwt.audience || !config.jwt.issuer)
    throw new HttpError(403, 'Forbidden', 'Writes need CIC_AUTH_AUDIENCE and CIC_AUTH_ISSUER as well as the signing keys');
  let verifier = verifiers.get(config.jwt);
  if (!verifier) verifiers.set(config.jwt, (verifier = new JwtVerifier(config.jwt)));
  const header = req.headers.get('authorization') ?? '';
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m?.[1])
    throw new HttpError(401, 'Unauthorized', `Writes need an Entra ID bearer token with the ${config.jwt.role} app role`, { 'www-authenticate': 'Bearer' });
  try {
    const { sub } = await verifier.verify(m[1]);
    return typeof sub === 'string' ? sub : 'unknown';
  } catch (e) {
    if (!(e instanceof JwtError)) throw e;
    if (e.status === 503) throw new HttpError(503, 'Service unavailable', e.message, { 'retry-after': String(config.retryAfterSeconds) });
    throw new HttpError(
      e.status,
      e.status === 401 ? 'Unauthorized' : 'Forbidden',
      e.message,
      e.status === 401 ? { 'www-authenticate': 'Bearer error="invalid_token"' } : {},
    );
  }
}
