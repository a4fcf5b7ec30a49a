/**
 * A release as Table Storage entities, one partition per release id:
 *   `catalog~NNN`     everything but the values (LAs, indicators, neighbours, unit costs, info), chunked;
 *   `v:<key>~NNN`     one indicator's values for every year, chunked.
 * Entities are capped at 1 MB and string properties at 64 KB (UTF-16), so a JSON text is cut into
 * 30,000-character chunks, 12 to an entity; almost every blob is a single entity, so a distribution
 * is one point read. Pure: no I/O, so the same code writes, reads and verifies.
 */
import type { Release } from '../../../shared/release/schema';

export const CHUNK_CHARS = 30_000;
export const CHUNKS_PER_ENTITY = 12;

export interface BlobEntity {
  partitionKey: string;
  rowKey: string;
  /** Entities the blob spans (set on every part, so any part tells the reader how many to fetch). */
  parts: number;
  [chunk: `c${number}`]: string;
}

/** RowKeys may not hold / \ # ? or control characters; encodeURIComponent removes all of those. */
export const blobName = {
  catalog: 'catalog',
  values: (indicatorKey: string): string => `v:${encodeURIComponent(indicatorKey)}`,
};

export const partRowKey = (name: string, part: number): string => `${name}~${String(part).padStart(3, '0')}`;

export function blobEntities(partitionKey: string, name: string, json: string): BlobEntity[] {
  const chunks: string[] = [];
  for (let i = 0; i < json.length;) {
    let end = Math.min(i + CHUNK_CHARS, json.length);
    // Never part a surrogate pair: each property must be valid Unicode on any hop that encodes it as UTF-8.
    const last = json.charCodeAt(end - 1);
    if (end < json.length && last >= 0xd800 && last <= 0xdbff) end--;
    chunks.push(json.slice(i, end));
    i = end;
  }
  if (chunks.length === 0) chunks.push('');
  const parts = Math.ceil(chunks.length / CHUNKS_PER_ENTITY);
  const out: BlobEntity[] = [];
  for (let p = 0; p < parts; p++) {
    const e: BlobEntity = { partitionKey, rowKey: partRowKey(name, p), parts };
    chunks.slice(p * CHUNKS_PER_ENTITY, (p + 1) * CHUNKS_PER_ENTITY).forEach((c, i) => (e[`c${i}`] = c));
    out.push(e);
  }
  return out;
}

/** Reassemble one blob from its parts (in any order); throws if a part is missing. */
export function joinBlob(parts: readonly Record<string, unknown>[]): string {
  const sorted = [...parts].sort((a, b) => String(a.rowKey).localeCompare(String(b.rowKey)));
  const expected = Number(sorted[0]?.parts);
  if (!Number.isInteger(expected) || sorted.length !== expected) throw new Error(`blob has ${sorted.length} of ${expected} parts`);
  let text = '';
  for (const e of sorted) for (let i = 0; i < CHUNKS_PER_ENTITY && typeof e[`c${i}`] === 'string'; i++) text += e[`c${i}`] as string;
  return text;
}

export type CatalogBlob = Omit<Release, 'values'>;

export function releaseEntities(release: Release): BlobEntity[] {
  const { values, ...catalog } = release;
  const out = blobEntities(release.id, blobName.catalog, JSON.stringify(catalog));
  for (const [key, byYear] of Object.entries(values)) out.push(...blobEntities(release.id, blobName.values(key), JSON.stringify(byYear)));
  return out;
}

/** Rebuild a release from all of its partition's entities (for verification after upload). */
export function releaseFromEntities(entities: readonly Record<string, unknown>[]): Release {
  const byBlob = new Map<string, Record<string, unknown>[]>();
  for (const e of entities) {
    const name = String(e.rowKey).replace(/~\d{3}$/, '');
    const list = byBlob.get(name) ?? [];
    list.push(e);
    byBlob.set(name, list);
  }
  const catalogParts = byBlob.get(blobName.catalog);
  if (!catalogParts) throw new Error('release has no catalog');
  const catalog = JSON.parse(joinBlob(catalogParts)) as CatalogBlob;
  const values: Release['values'] = {};
  for (const [name, parts] of byBlob) {
    if (!name.startsWith('v:')) continue;
    values[decodeURIComponent(name.slice(2))] = JSON.parse(joinBlob(parts)) as Release['values'][string];
  }
  return { ...catalog, values };
}
