/**
 * Content hash of a release: sha256 over canonical JSON (keys sorted) of everything but the hash itself.
 * Pure JS sha256 would be slower than node:crypto, but shared/ must run in the browser too, so the
 * digest function is passed in by the caller (node:crypto on the server and in the CLI).
 */
import type { Release } from './schema';

export type Sha256Hex = (text: string) => string;

export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      return Object.fromEntries(
        Object.keys(o)
          .sort()
          .map((k) => [k, o[k]]),
      );
    }
    return v;
  });
}

export function contentHashOf(release: Omit<Release, 'contentHash'> & { contentHash?: string }, sha256: Sha256Hex): string {
  const { contentHash: _ignored, ...rest } = release;
  return sha256(canonicalJson(rest));
}
