/**
 * LRU caches bounded in bytes (the installed lru-cache): whatever requests make the service remember
 * stays within its budget, and what is used least recently goes first, one entry at a time.
 */
import { LRUCache } from 'lru-cache';

/** What an entry costs beside its key and value: the cache's bookkeeping (measured about 135 bytes). */
const ENTRY_BYTES = 160;

/** Strings are counted at two bytes a character, the most V8 stores (it often stores one). */
export const entryBytes = (key: string, value: string | Buffer): number =>
  ENTRY_BYTES + 2 * key.length + (typeof value === 'string' ? 2 * value.length : value.byteLength);

/** A cache of at most `maxBytes` (0: it keeps nothing). */
export function byteCache<V extends string | Buffer>(maxBytes: number): LRUCache<string, V> {
  return new LRUCache<string, V>({ maxSize: Math.max(1, maxBytes), sizeCalculation: (value, key) => entryBytes(key, value) });
}
