/** A lookup item checked without zod for the common case; the schema still decides anything unusual. */
import type { LookupItem } from '../../../shared/api/schemas';

const isScalar = (x: unknown): boolean => typeof x === 'number' || typeof x === 'boolean' || x === null || (typeof x === 'string' && x.length <= 1000);

/**
 * Exactly what LookupItemSchema accepts, for the common case, without building zod's result: an object
 * with `fn` (1–40 characters) and optional `args` (at most 20 scalars or ranges up to 1000 × 1000) only.
 */
export function isPlainItem(x: unknown): x is LookupItem {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const o = x as Record<string, unknown>;
  for (const k in o) if (k !== 'fn' && k !== 'args') return false;
  if (typeof o.fn !== 'string' || o.fn.length < 1 || o.fn.length > 40) return false;
  if (!Array.isArray(o.args) || o.args.length > 20) return false;
  for (const a of o.args) {
    if (isScalar(a)) continue;
    if (!Array.isArray(a) || a.length > 1000) return false;
    for (const row of a) if (!Array.isArray(row) || row.length > 1000 || !row.every(isScalar)) return false;
  }
  return true;
}
