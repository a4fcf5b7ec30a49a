/**
 * Uploading a release so that nothing is ever half-visible: the release row says 'uploading' while
 * its data is written in entity-group transactions, then the whole partition is read back, counted
 * and content-hashed, and only then is the row flipped to 'complete' (conditional on its etag, so a
 * concurrent upload of the same id cannot both complete). Publish refuses anything not complete.
 */
import { odata, type TransactionAction } from '@azure/data-tables';
import { sha256Hex } from '../../../node/release-file';
import { contentHashOf } from '../../../shared/release/hash';
import type { Release } from '../../../shared/release/schema';
import { releaseEntities, releaseFromEntities, type BlobEntity } from './codec';
import { guard, pool, RELEASE_PK, statusOf, type Tables } from './tables';
import { StoreConflictError, type PutOutcome, type StoredReleaseInfo, type UploadOptions } from './types';

/** A transaction holds at most 100 entities and 4 MB; stay well under the byte limit (UTF-16 strings). */
const MAX_BATCH_ENTITIES = 100;
const MAX_BATCH_CHARS = 1_500_000;
const PARALLEL_BATCHES = 8;

function batches(entities: readonly BlobEntity[]): BlobEntity[][] {
  const out: BlobEntity[][] = [];
  let batch: BlobEntity[] = [];
  let chars = 0;
  for (const e of entities) {
    const size = JSON.stringify(e).length;
    if (batch.length > 0 && (batch.length >= MAX_BATCH_ENTITIES || chars + size > MAX_BATCH_CHARS)) {
      out.push(batch);
      batch = [];
      chars = 0;
    }
    batch.push(e);
    chars += size;
  }
  if (batch.length > 0) out.push(batch);
  return out;
}

/** `existing` is the release's row as the store read it just now (null when the id is new). */
export async function uploadRelease(tables: Tables, existing: StoredReleaseInfo | null, release: Release, options: UploadOptions): Promise<PutOutcome> {
  const { releases, data } = tables;
  if (existing?.status === 'complete') {
    if (existing.contentHash === release.contentHash) return { info: existing, created: false };
    throw new StoreConflictError(`Release ${release.id} already exists with different content (hash ${existing.contentHash.slice(0, 12)}…); releases are immutable, use a new id`);
  }
  const entities = releaseEntities(release);
  const info: StoredReleaseInfo = {
    id: release.id, title: release.title, asOf: release.asOf, attribution: release.attribution, contentHash: release.contentHash,
    sources: release.sources, indicators: release.indicators.length, las: release.las.length,
    status: 'uploading', entities: entities.length, uploadedAt: new Date().toISOString(),
  };
  const row = { partitionKey: RELEASE_PK, rowKey: info.id, ...info, sources: JSON.stringify(info.sources) };
  const { etag } = await guard('mark uploading', () => releases.upsertEntity(row, 'Replace'));

  const partition = { queryOptions: { filter: odata`PartitionKey eq ${release.id}` } };
  // Leftovers of an earlier crashed attempt that the new content does not overwrite would spoil the count.
  const wanted = new Set(entities.map((e) => e.rowKey));
  const stale: string[] = [];
  await guard('list old data', async () => {
    for await (const e of data.listEntities<object>({ ...partition, queryOptions: { ...partition.queryOptions, select: ['RowKey'] } })) {
      if (!wanted.has(String(e.rowKey))) stale.push(String(e.rowKey));
    }
  });
  await pool(stale, PARALLEL_BATCHES, (rk) => guard('delete old data', () => data.deleteEntity(release.id, rk)).then(() => undefined));

  await pool(batches(entities), PARALLEL_BATCHES, async (batch, i) => {
    if (options.failAfterBatches !== undefined && i >= options.failAfterBatches) throw new Error(`simulated crash after ${options.failAfterBatches} batches`);
    const actions = batch.map((e): TransactionAction => ['upsert', { ...e }, 'Replace']);
    await guard('write release data', () => data.submitTransaction(actions));
  });

  const readBack: Record<string, unknown>[] = [];
  await guard('verify release data', async () => {
    for await (const e of data.listEntities(partition)) readBack.push(e);
  });
  if (readBack.length !== entities.length) throw new StoreConflictError(`Verification failed: ${readBack.length} entities stored, ${entities.length} expected (concurrent upload?)`);
  const hash = contentHashOf(releaseFromEntities(readBack), sha256Hex);
  if (hash !== release.contentHash) throw new StoreConflictError('Verification failed: stored content hash differs (concurrent upload of the same id?)');

  const complete = { ...row, status: 'complete' as const };
  try {
    await guard('mark complete', () => releases.updateEntity(complete, 'Replace', { etag }));
  } catch (e) {
    if (statusOf(e) === 412) throw new StoreConflictError(`Release ${release.id} was re-uploaded concurrently; retry`);
    throw e;
  }
  return { info: { ...info, status: 'complete' }, created: true };
}
