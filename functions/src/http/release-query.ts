/**
 * The `release` query parameter most reads accept: pinned (release-qualified → cacheable forever) or
 * omitted (the current release → revalidate, since "current" moves).
 */
import { z } from 'zod';
import { ReleaseIdSchema } from '../../../shared/release/schema';
import type { StoredRelease } from '../release-cache';
import type { Services } from '../services';
import type { Caching } from './respond';

export const releaseParam = { release: z.optional(ReleaseIdSchema) };

/** The release and how to cache its answer: at once when the release is in memory, else a promise. */
export function releaseFor(s: Services, release: string | undefined): Released | Promise<Released> {
  const caching: Caching = release ? 'immutable' : 'revalidate';
  const now = s.releases.resolveNow(release);
  return now ? { rel: now, caching } : s.releases.resolve(release).then((rel) => ({ rel, caching }));
}

interface Released {
  rel: StoredRelease;
  caching: Caching;
}

/**
 * The same body for the same immutable content, serialised and encoded once per instance: a response
 * then costs no JSON, no UTF-8 encoding and no length count.
 */
export function memoBody(rel: StoredRelease, key: string, build: () => unknown): () => Buffer {
  return () => {
    let body = rel.encoded.get(key);
    if (body === undefined) rel.encoded.set(key, (body = Buffer.from(JSON.stringify(build()), 'utf8')));
    return body;
  };
}

export const optionalText = (max: number) => z.string().trim().max(max).optional();
