/**
 * Uploading a release so that nothing is ever half-visible and no upload overruns another: the id is
 * claimed atomically (see `claim`), the release row says 'uploading' while its data is written in
 * entity-group transactions, then the whole partition is read back, counted
 * and content-hashed, and only then is the row flipped to 'complete' (conditional on its etag, so a
 * concurrent upload of the same id cannot both complete). Publish refuses anything not complete.
 */
import { randomUUID } from 'node:crypto';
import { odata, type TransactionAction } from '@azure/data-tables';
import { sha256Hex } from '../../../node/release-file';
import { contentHashOf } from '../../../shared/release/hash';
import type { Release } from '../../../shared/release/schema';
import { releaseEntities, releaseFromEntities, type BlobEntity } from './codec';
import { guard, orNull, pool, RELEASE_PK, statusOf, type Tables } from './tables';
import { infoFromEntity } from './entity';
import { StoreConflictError, StoreInvalidError, type PutOutcome, type StoredReleaseInfo, type UploadOptions } from './types';

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

/**
 * How long an 'uploading' row belongs to the upload that wrote it. An upload that fails in this process
 * hands its claim back at once; one whose process died is taken over only after this long, so a live
 * upload is never overrun by a second one.
 */
export const UPLOAD_LEASE_MS = 15 * 60 * 1000;

/**
 * This process, as the owner its claims name, and the ids it is uploading right now. A claim this process
 * wrote for an upload that has ended is stale at once: a storage outage can keep the claim from being
 * handed back (or hide that it was made), and the client that got 503 then retries here straight away.
 */
const OWNER = randomUUID();
const uploading = new Set<string>();

/** Table Storage refuses keys over 1 KiB and string properties over 64 KiB (UTF-16): refuse them first. */
const MAX_KEY_CHARS = 512;
const MAX_PROPERTY_CHARS = 30_000;

type Row = Record<string, unknown> & { partitionKey: string; rowKey: string };

function checkLimits(row: Row, entities: readonly BlobEntity[]): void {
  for (const [k, v] of Object.entries(row)) {
    if (typeof v === 'string' && v.length > MAX_PROPERTY_CHARS)
      throw new StoreInvalidError(`The release's ${k} is ${v.length} characters; at most ${MAX_PROPERTY_CHARS} are stored`);
  }
  for (const e of entities) {
    if (e.rowKey.length > MAX_KEY_CHARS) {
      const key = decodeURIComponent(e.rowKey.replace(/^v:/, '').replace(/~\d{3}$/, ''));
      throw new StoreInvalidError(
        `Indicator key "${key.slice(0, 40)}…" is too long (${key.length} characters; keys are stored in at most ${MAX_KEY_CHARS} URL-encoded characters)`,
      );
    }
  }
}

/**
 * Claim the id for this upload, atomically: a new id by createEntity (of two creates one gets 409), a
 * stale 'uploading' row only by an update conditional on the etag just read. Returns the claim's etag,
 * or the stored info when the same content is already complete.
 */
async function claim(releases: Tables['releases'], row: Row, release: Release): Promise<{ etag: string } | { done: StoredReleaseInfo }> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const seen = await guard('read release', () => orNull(() => releases.getEntity(RELEASE_PK, release.id)));
    if (!seen) {
      try {
        return { etag: (await guard('claim release id', () => releases.createEntity(row))).etag ?? '' };
      } catch (e) {
        if (statusOf(e) === 409) continue; // someone else claimed it first: look at what they wrote
        throw e;
      }
    }
    const info = infoFromEntity(seen);
    if (info.status === 'complete') {
      if (info.contentHash === release.contentHash) return { done: info };
      throw new StoreConflictError(
        `Release ${release.id} already exists with different content (hash ${info.contentHash.slice(0, 12)}…); releases are immutable, use a new id`,
      );
    }
    const leaseUntil = Number(seen.leaseUntil ?? 0);
    // Ours (this process, no upload of the id running here but this one) means no live upload holds it.
    if (seen.owner !== OWNER && Date.now() < leaseUntil)
      throw new StoreConflictError(`Release ${release.id} is being uploaded by another request right now; retry once it has finished`);
    try {
      return { etag: (await guard('take over stale upload', () => releases.updateEntity(row, 'Replace', { etag: seen.etag }))).etag ?? '' };
    } catch (e) {
      if (statusOf(e) === 412 || statusOf(e) === 404) continue;
      throw e;
    }
  }
  throw new StoreConflictError(`Release ${release.id} is being uploaded by another request right now; retry once it has finished`);
}

/** One upload of an id at a time in this process; a second meets the same 409 as one from elsewhere. */
export async function uploadRelease(tables: Tables, release: Release, options: UploadOptions): Promise<PutOutcome> {
  if (uploading.has(release.id))
    throw new StoreConflictError(`Release ${release.id} is being uploaded by another request right now; retry once it has finished`);
  uploading.add(release.id);
  try {
    return await upload(tables, release, options);
  } finally {
    uploading.delete(release.id);
  }
}

async function upload(tables: Tables, release: Release, options: UploadOptions): Promise<PutOutcome> {
  const { releases } = tables;
  const entities = releaseEntities(release);
  const info: StoredReleaseInfo = {
    id: release.id,
    title: release.title,
    asOf: release.asOf,
    attribution: release.attribution,
    contentHash: release.contentHash,
    sources: release.sources,
    indicators: release.indicators.length,
    las: release.las.length,
    status: 'uploading',
    entities: entities.length,
    uploadedAt: new Date().toISOString(),
  };
  const row: Row = {
    partitionKey: RELEASE_PK,
    rowKey: info.id,
    ...info,
    sources: JSON.stringify(info.sources),
    leaseUntil: Date.now() + UPLOAD_LEASE_MS,
    owner: OWNER,
  };
  checkLimits(row, entities);
  const claimed = await claim(releases, row, release);
  if ('done' in claimed) return { info: claimed.done, created: false };
  let { etag } = claimed;
  try {
    await writeAndVerify(tables, release, entities, options);
  } catch (e) {
    // Hand the claim back (the row stays 'uploading', so unpublishable) so a retry need not wait out the lease.
    await releases.updateEntity({ ...row, leaseUntil: 0 }, 'Replace', { etag }).catch(() => undefined);
    if (statusOf(e) === 400 || statusOf(e) === 413)
      throw new StoreInvalidError(`Table storage refused the release data: ${(e as Error).message.split('\n')[0]?.slice(0, 200)}`);
    throw e;
  }
  const complete: Row = { ...row, status: 'complete' };
  delete complete.leaseUntil;
  delete complete.owner;
  try {
    etag = (await guard('mark complete', () => releases.updateEntity(complete, 'Replace', { etag }))).etag ?? '';
  } catch (e) {
    if (statusOf(e) === 412) throw new StoreConflictError(`Release ${release.id} was re-uploaded concurrently; retry`);
    throw e;
  }
  return { info: { ...info, status: 'complete' }, created: true };
}

async function writeAndVerify(tables: Tables, release: Release, entities: readonly BlobEntity[], options: UploadOptions): Promise<void> {
  const { data } = tables;
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
  if (readBack.length !== entities.length)
    throw new StoreConflictError(`Verification failed: ${readBack.length} entities stored, ${entities.length} expected (concurrent upload?)`);
  const hash = contentHashOf(releaseFromEntities(readBack), sha256Hex);
  if (hash !== release.contentHash) throw new StoreConflictError('Verification failed: stored content hash differs (concurrent upload of the same id?)');
}
