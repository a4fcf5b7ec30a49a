/**
 * BenchmarkStore on Azure Table Storage (Azurite locally). Layout:
 *   <prefix>releases     PK 'release', RK id        → ReleaseInfo + status + entity count
 *   <prefix>pointers     PK 'pointer', RK 'current' → releaseId (ETag-conditional updates = atomic publish)
 *   <prefix>releasedata  PK id, RK blob part        → catalog and per-indicator values (see codec.ts)
 * A distribution is one point read; the catalog one or two.
 */
import { odata, type TableEntityResult } from '@azure/data-tables';
import type { Release } from '../../../shared/release/schema';
import { blobName, joinBlob, partRowKey, type CatalogBlob } from './codec';
import { guard, openTables, orNull, RELEASE_PK, statusOf, type Tables } from './tables';
import {
  StoreConflictError,
  StoreNotFoundError,
  type BenchmarkStore,
  type CurrentPointer,
  type PutOutcome,
  type StoredReleaseInfo,
  type UploadOptions,
} from './types';
import { infoFromEntity } from './entity';
import { uploadRelease } from './upload';

const POINTER_PK = 'pointer';
const CURRENT_RK = 'current';

export { infoFromEntity } from './entity';

export class TableStore implements BenchmarkStore {
  readonly tables: Tables;

  constructor(connectionString: string, prefix = 'cic') {
    this.tables = openTables(connectionString, prefix);
  }

  async init(): Promise<void> {
    for (const t of Object.values(this.tables)) await guard('create table', () => t.createTable());
  }

  async listReleases(): Promise<StoredReleaseInfo[]> {
    return guard('list releases', async () => {
      const out: StoredReleaseInfo[] = [];
      for await (const e of this.tables.releases.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${RELEASE_PK}` } })) out.push(infoFromEntity(e));
      return out;
    });
  }

  releaseInfo(id: string): Promise<StoredReleaseInfo | null> {
    return guard('read release', async () => {
      const e = await orNull(() => this.tables.releases.getEntity(RELEASE_PK, id));
      return e ? infoFromEntity(e) : null;
    });
  }

  /** Point-read a blob: its first part says how many parts there are; the rest come in parallel. */
  private async readBlob(id: string, name: string): Promise<string | null> {
    return guard('read release data', async () => {
      const first = await orNull(() => this.tables.data.getEntity(id, partRowKey(name, 0)));
      if (!first) return null;
      const parts: TableEntityResult<Record<string, unknown>>[] = [first];
      const count = Number(first.parts);
      const rest = await Promise.all(Array.from({ length: count - 1 }, (_, i) => this.tables.data.getEntity(id, partRowKey(name, i + 1))));
      return joinBlob(parts.concat(rest));
    });
  }

  async catalog(id: string): Promise<CatalogBlob> {
    const text = await this.readBlob(id, blobName.catalog);
    if (text === null) throw new StoreNotFoundError(`Release ${id} has no catalog`);
    return JSON.parse(text) as CatalogBlob;
  }

  async indicatorValues(id: string, indicatorKey: string): Promise<Release['values'][string] | null> {
    const text = await this.readBlob(id, blobName.values(indicatorKey));
    return text === null ? null : (JSON.parse(text) as Release['values'][string]);
  }

  async putRelease(release: Release, options: UploadOptions = {}): Promise<PutOutcome> {
    return uploadRelease(this.tables, release, options);
  }

  current(): Promise<CurrentPointer | null> {
    return guard('read current pointer', async () => {
      const e = await orNull(() => this.tables.pointers.getEntity(POINTER_PK, CURRENT_RK));
      return e ? { releaseId: String(e.releaseId), etag: e.etag, publishedAt: String(e.publishedAt) } : null;
    });
  }

  /**
   * Flip current to a complete release. Conditional on the pointer's etag (the caller's, or the one read
   * here), so of two concurrent publishes exactly one wins and the other gets a 412 conflict.
   */
  async publish(id: string, ifMatch?: string | null): Promise<CurrentPointer> {
    const info = await this.releaseInfo(id);
    if (!info) throw new StoreNotFoundError(`No release ${id}`);
    if (info.status !== 'complete') throw new StoreConflictError(`Release ${id} is not completely uploaded and verified`);
    const seen = ifMatch === undefined ? ((await this.current())?.etag ?? null) : ifMatch;
    const entity = { partitionKey: POINTER_PK, rowKey: CURRENT_RK, releaseId: id, publishedAt: new Date().toISOString() };
    return guard('publish', async () => {
      try {
        const r = seen === null ? await this.tables.pointers.createEntity(entity) : await this.tables.pointers.updateEntity(entity, 'Replace', { etag: seen });
        return { releaseId: id, etag: r.etag ?? '', publishedAt: entity.publishedAt };
      } catch (e) {
        const s = statusOf(e);
        if (s === 409 || s === 412 || s === 404) throw new StoreConflictError('The current release changed while publishing; read it again and retry', 412);
        throw e;
      }
    });
  }
}
