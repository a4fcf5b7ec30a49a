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

export async function releaseFor(s: Services, release: string | undefined): Promise<{ rel: StoredRelease; caching: Caching }> {
  return { rel: await s.releases.resolve(release), caching: release ? 'immutable' : 'revalidate' };
}

/** The same serialised body for the same immutable content, computed once per instance. */
export function memoBody(rel: StoredRelease, key: string, build: () => unknown): () => string {
  return () => {
    let body = rel.bodies.get(key);
    if (body === undefined) rel.bodies.set(key, (body = JSON.stringify(build())));
    return body;
  };
}

export const optionalText = (max: number) => z.string().trim().max(max).optional();
