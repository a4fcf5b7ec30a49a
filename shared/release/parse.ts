/**
 * A release from its JSON text: schema-validated and its content hash checked. Pure: the digest is
 * passed in (node:crypto on the server and in the CLI), so the browser could use it too.
 */
import { contentHashOf, type Sha256Hex } from './hash';
import { assertConsistent } from './consistency';
import { ReleaseSchema, type Release } from './schema';

export function parseRelease(json: string, origin: string, sha256: Sha256Hex): Release {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    throw new Error(`${origin}: not JSON (${(e as Error).message})`);
  }
  const parsed = ReleaseSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`${origin}: not a valid release at ${first?.path.join('.') || '(root)'}: ${first?.message}`);
  }
  const release = parsed.data;
  assertConsistent(release, origin);
  const hash = contentHashOf(release, sha256);
  if (hash !== release.contentHash)
    throw new Error(`${origin}: content hash mismatch (file says ${release.contentHash.slice(0, 12)}…, content is ${hash.slice(0, 12)}…)`);
  return release;
}
