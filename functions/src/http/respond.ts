/**
 * JSON responses with validators: a strong ETag derived from what the body is made of (release content
 * hash + request), checked against If-None-Match before the body is even built; release-qualified
 * responses are cacheable forever, everything else revalidates.
 */
import { createHash } from 'node:crypto';
import type { HttpResponseInit, Request } from '../azf';
import { byteCache } from '../byte-cache';

export type Caching = 'immutable' | 'revalidate' | 'none';

const CACHE_CONTROL: Record<Caching, string> = {
  immutable: 'public, max-age=31536000, immutable',
  revalidate: 'public, max-age=0, must-revalidate',
  none: 'no-store',
};

/** Strong ETag for a content seed. */
export const strongEtag = (seed: string): string => `"${createHash('sha256').update(seed).digest('base64url').slice(0, 32)}"`;

/** Seeds hold request text (a year, a search), so the memo is bounded in bytes. */
const etags = byteCache<string>(4 * 1024 * 1024);

/** strongEtag memoised, since seeds repeat for every request of the same data. */
export function etagOf(seed: string): string {
  let tag = etags.get(seed);
  if (tag === undefined) etags.set(seed, (tag = strongEtag(seed)));
  return tag;
}

/** If-None-Match may list several tags or "*"; weak tags match too (RFC 9110 weak comparison). */
export function matches(req: Request, etag: string): boolean {
  const header = req.headers.get('if-none-match');
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}

/**
 * Answer with JSON. `etag` identifies the content (etagOf a seed such as contentHash + indicator + year;
 * null for no validator); `body` is only called when the client does not already hold it.
 */
export function json(req: Request, etag: string | null, caching: Caching, body: () => string | Buffer, status = 200): HttpResponseInit {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'cache-control': CACHE_CONTROL[caching] };
  if (etag === null) return { status, headers, body: body() };
  headers.etag = etag;
  if (matches(req, etag)) return { status: 304, headers };
  return { status, headers, body: body() };
}
