/**
 * Releases in this instance's memory. A release is immutable, so once loaded (catalog first, each
 * indicator's values on first use) it is kept for good; only the "current" pointer is re-read, at most
 * once per TTL. Failed loads are forgotten at once, so a storage outage never poisons the cache.
 */
import type { Catalog } from '../../shared/release/catalog';
import type { Distribution, DistributionDto } from '../../shared/release/distribution';
import { ReleaseIndex } from '../../shared/release/release-index';
import { etagOf } from './http/respond';
import { Pending, type BenchmarkSource } from '../../shared/source';
import { monotonic, type Clock } from './clock';
import { StoreNotFoundError, type BenchmarkStore, type CurrentPointer, type StoredReleaseInfo } from './store/types';

const MAX_ETAGS = 10_000;

/** A stored release as a BenchmarkSource: the shared ReleaseIndex, its values filled in on demand. */
export class StoredRelease implements BenchmarkSource {
  readonly index: ReleaseIndex;
  /** Serialised answers by cache key: immutable data, so computed once. */
  readonly bodies = new Map<string, string>();
  /** Response bodies, encoded, by cache key (memoBody). */
  readonly encoded = new Map<string, Buffer>();
  private readonly etags = new Map<string, string>();
  private readonly loads = new Map<string, Promise<void>>();
  /** Indicator keys whose values are in memory: their cells answer synchronously. */
  private readonly loaded = new Set<string>();

  constructor(
    readonly info: StoredReleaseInfo,
    private readonly store: BenchmarkStore,
    index: ReleaseIndex,
  ) {
    this.index = index;
  }

  catalog(): Catalog {
    return this.index.catalog();
  }

  get cat(): Catalog {
    return this.index.catalog();
  }

  /**
   * The strong ETag of this release's answer under `key` (content hash + key), kept beside its body;
   * at most MAX_ETAGS are kept, since keys may hold free text (a search, an unknown model).
   */
  etagOf(key: string): string {
    let tag = this.etags.get(key);
    if (tag === undefined) {
      tag = etagOf(`${this.info.contentHash}:${key}`);
      if (this.etags.size < MAX_ETAGS) this.etags.set(key, tag);
    }
    return tag;
  }

  /**
   * Make sure the indicator's values are in memory (one point read, shared by concurrent callers);
   * undefined when they already are, so a caller need not wait.
   */
  load(indicatorKey: string): Promise<void> | undefined {
    const key = this.cat.indicator(indicatorKey).key;
    if (this.loaded.has(key)) return undefined;
    let p = this.loads.get(key);
    if (!p) {
      p = this.store.indicatorValues(this.info.id, key).then((v) => {
        this.index.release.values[key] = v ?? {};
        this.loaded.add(key);
      });
      p.catch(() => this.loads.delete(key));
      this.loads.set(key, p);
    }
    return p;
  }

  /** The distribution, once the indicator's values are in memory; until then Pending on their read. */
  distribution(indicatorKey: string, year: string): Distribution {
    const loading = this.load(indicatorKey);
    if (loading) throw new Pending(loading);
    return this.index.distribution(indicatorKey, year);
  }

  async distributionDto(indicatorKey: string, year: string): Promise<DistributionDto> {
    await this.load(indicatorKey);
    return this.index.distributionDto(indicatorKey, year);
  }
}

export class ReleaseCache {
  private readonly releases = new Map<string, Promise<StoredRelease>>();
  /** Releases whose load has finished: a request for one then waits for nothing. */
  private readonly settled = new Map<string, StoredRelease>();
  private pointer: { value: CurrentPointer | null; at: number } | null = null;
  private pointerLoad: Promise<CurrentPointer | null> | null = null;

  constructor(
    private readonly store: BenchmarkStore,
    private readonly ttlMs: number,
    private readonly clock: Clock = monotonic,
  ) {}

  /** Whether the pointer read at `at` is still trusted; a clock that stepped back means read it again. */
  private fresh(at: number): boolean {
    const age = this.clock() - at;
    return age >= 0 && age < this.ttlMs;
  }

  get(id: string): Promise<StoredRelease> {
    let p = this.releases.get(id);
    if (!p) {
      p = this.loadRelease(id);
      p.then(
        (rel) => this.settled.set(id, rel),
        () => this.releases.delete(id),
      );
      this.releases.set(id, p);
    }
    return p;
  }

  private async loadRelease(id: string): Promise<StoredRelease> {
    const info = await this.store.releaseInfo(id);
    if (!info || info.status !== 'complete') throw new StoreNotFoundError(`No published release "${id}"`);
    const catalog = await this.store.catalog(id);
    return new StoredRelease(info, this.store, new ReleaseIndex({ ...catalog, values: {} }));
  }

  /** The current pointer, re-read from storage at most once per TTL (concurrent callers share one read). */
  async currentPointer(): Promise<CurrentPointer | null> {
    if (this.pointer && this.fresh(this.pointer.at)) return this.pointer.value;
    this.pointerLoad ??= this.store.current().then(
      (value) => {
        this.pointer = { value, at: this.clock() };
        this.pointerLoad = null;
        return value;
      },
      (e: unknown) => {
        this.pointerLoad = null;
        throw e;
      },
    );
    return this.pointerLoad;
  }

  /** After this instance publishes, it should not serve the old pointer for a TTL. */
  forgetPointer(): void {
    this.pointer = null;
  }

  /**
   * The release a request asked for, or the current one, without waiting when both the pointer (within
   * its TTL) and the release are already in memory; else undefined, and `resolve` does the reads.
   */
  resolveNow(releaseId?: string | null): StoredRelease | undefined {
    if (releaseId) return this.settled.get(releaseId);
    if (!this.pointer?.value || !this.fresh(this.pointer.at)) return undefined;
    return this.settled.get(this.pointer.value.releaseId);
  }

  /** The release a request asked for, or the current one. */
  async resolve(releaseId?: string | null): Promise<StoredRelease> {
    if (releaseId) return this.get(releaseId);
    const pointer = await this.currentPointer();
    if (!pointer) throw new StoreNotFoundError('No release has been published yet');
    return this.get(pointer.releaseId);
  }
}
