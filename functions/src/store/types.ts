/**
 * The one storage interface the service speaks. Releases are immutable and addressed by id; the only
 * mutable thing is the "current" pointer, changed by `publish` with an optimistic-concurrency check.
 */
import type { Release, ReleaseInfo } from '../../../shared/release/schema';
import type { CatalogBlob } from './codec';

export type ReleaseStatus = 'uploading' | 'complete';

export interface StoredReleaseInfo extends ReleaseInfo {
  status: ReleaseStatus;
  /** Entities the release occupies; checked after upload. */
  entities: number;
  uploadedAt: string;
}

export interface CurrentPointer {
  releaseId: string;
  /** Opaque version of the pointer, for conditional publish. */
  etag: string;
  publishedAt: string;
}

export interface PutOutcome {
  info: StoredReleaseInfo;
  /** False when the same release (same id and hash) was already stored: an idempotent repeat. */
  created: boolean;
}

export interface UploadOptions {
  /** Test hook: throw after this many batches have been written, as a crash midway would. */
  failAfterBatches?: number;
}

export interface BenchmarkStore {
  /** Create tables if missing; cheap to call again. */
  init(): Promise<void>;
  listReleases(): Promise<StoredReleaseInfo[]>;
  releaseInfo(id: string): Promise<StoredReleaseInfo | null>;
  /** The release's catalog (everything but values); one or a few point reads. */
  catalog(id: string): Promise<CatalogBlob>;
  /** One indicator's values for every year; null if the release has no values for it. */
  indicatorValues(id: string, indicatorKey: string): Promise<Release['values'][string] | null>;
  /** Write in full, verify by reading back (count + content hash), then mark complete. */
  putRelease(release: Release, options?: UploadOptions): Promise<PutOutcome>;
  current(): Promise<CurrentPointer | null>;
  /** Point current at a complete release. `ifMatch`: the pointer etag the caller saw (null = no pointer yet). */
  publish(id: string, ifMatch?: string | null): Promise<CurrentPointer>;
}

/** Storage cannot be reached: the API answers 503 with Retry-After. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

/** A write conflicts with what is stored (different content under an immutable id, a lost publish race). */
export class StoreConflictError extends Error {
  override name = 'StoreConflictError';
  constructor(
    message: string,
    readonly status: 409 | 412 = 409,
  ) {
    super(message);
  }
}

/** A release the store cannot hold as sent (a key or field beyond Table Storage's limits): 422, nothing written. */
export class StoreInvalidError extends Error {
  override name = 'StoreInvalidError';
}

export class StoreNotFoundError extends Error {
  override name = 'StoreNotFoundError';
}
