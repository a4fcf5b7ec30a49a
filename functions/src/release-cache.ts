/**
 * Releases in this instance's memory. A release is immutable, so once loaded (catalog first, each
 * indicator's values on first use) it is kept for good; only the "current" pointer is re-read, at most
 * once per TTL. Failed loads are forgotten at once, so a storage outage never poisons the cache.
 * What requests add beside the data (answers, bodies, ETags, hints) is kept in caches bounded in bytes.
 */
import type { LRUCache } from 'lru-cache';
import type { Catalog, HintMeter } from '../../shared/release/catalog';
import type { Distribution, DistributionDto } from '../../shared/release/distribution';
import { ReleaseIndex } from '../../shared/release/release-index';
import { strongEtag } from './http/respond';
import { Pending, type BenchmarkSource } from '../../shared/source';
import { byteCache } from './byte-cache';
import { monotonic, type Clock } from './clock';
import { StoreNotFoundError, type BenchmarkStore, type CurrentPointer, type StoredReleaseInfo } from './store/types';

/** Bytes each release may hold in each cache that requests fill. */
export interface CacheBytes {
  /** Answers of costly lookup items, by a hash of the item (0: none kept). */
  answers: number;
  /** Encoded GET bodies (memoBody): bounded by the catalog, about 12 MiB for the default release. */
  bodies: number;
}

export const DEFAULT_CACHE_BYTES: CacheBytes = { answers: 32 * 1024 * 1024, bodies: 32 * 1024 * 1024 };
/** ETags (keys may hold a search or a model name) and "did you mean" hints: small entries. */
const ETAG_BYTES = 2 * 1024 * 1024;
const HINT_BYTES = 2 * 1024 * 1024;

/** A stored release as a BenchmarkSource: the shared ReleaseIndex, its values filled in on demand. */
export class StoredRelease implements BenchmarkSource {
  readonly index: ReleaseIndex;
  /** Serialised lookup answers by item hash: immutable data, so computed once while kept. */
  readonly answers: LRUCache<string, string>;
  /** Response bodies, encoded, by cache key (memoBody). */
  readonly encoded: LRUCache<string, Buffer>;
  private readonly etags = byteCache<string>(ETAG_BYTES);
  private readonly loads = new Map<string, Promise<void>>();
  /** Indicator keys whose values are in memory: their cells answer synchronously. */
  private readonly loaded = new Set<string>();

  constructor(
    readonly info: StoredReleaseInfo,
    private readonly store: BenchmarkStore,
    index: ReleaseIndex,
    bytes: CacheBytes = DEFAULT_CACHE_BYTES,
  ) {
    this.index = index;
    this.answers = byteCache(bytes.answers);
    this.encoded = byteCache(bytes.bodies);
    index.catalog().useHintCache(byteCache<string>(HINT_BYTES));
  }

  /**
   * This release as a source whose "did you mean" hints draw on `meter` (one lookup's allowance): the
   * same object underneath (data, loads, caches), only its catalog is seen through the meter.
   */
  withHints(meter: HintMeter): BenchmarkSource {
    const cat = this.cat.withHints(meter);
    const src = Object.create(this) as StoredRelease;
    src.catalog = () => cat;
    return src;
  }

  catalog(): Catalog {
    return this.index.catalog();
  }

  get cat(): Catalog {
    return this.index.catalog();
  }

  /** The strong ETag of this release's answer under `key` (content hash + key), kept beside its body. */
  etagOf(key: string): string {
    let tag = this.etags.get(key);
    if (tag === undefined) this.etags.set(key, (tag = strongEtag(`${this.info.contentHash}:${key}`)));
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

  /** The distribution, once the indicator's values are in memory; until then Pending on their read (one per read). */
  distribution(indicatorKey: string, year: string): Distribution {
    const loading = this.load(indicatorKey);
    if (loading) {
      let wait = this.waits.get(loading);
      if (!wait) this.waits.set(loading, (wait = new Pending(loading)));
      throw wait;
    }
    return this.index.distribution(indicatorKey, year);
  }

  private readonly waits = new WeakMap<Promise<void>, Pending>();

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

  private readonly ttlMs: number;
  private readonly clock: Clock;
  private readonly bytes: CacheBytes;

  constructor(
    private readonly store: BenchmarkStore,
    options: { ttlMs: number; clock?: Clock; bytes?: CacheBytes },
  ) {
    this.ttlMs = options.ttlMs;
    this.clock = options.clock ?? monotonic;
    this.bytes = options.bytes ?? DEFAULT_CACHE_BYTES;
  }

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
    return new StoredRelease(info, this.store, new ReleaseIndex({ ...catalog, values: {} }), this.bytes);
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
