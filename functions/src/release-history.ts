/**
 * Every complete release in the store as a history, for GET /api/revisions (CIC.REVISIONS) and the pane's
 * refresh. The list of releases is re-read at most once per TTL (publishing history adds to it); each
 * release is read through the instance's ReleaseCache (catalog once, an indicator's values on first use).
 * Answers are kept per release set: releases are immutable, so an answer changes only when the set does.
 * Bounded: the newest MAX_RELEASES releases, and at most MAX_ANSWERS answers kept.
 */
import { LRUCache } from 'lru-cache';
import { byAsOf } from '../../shared/release/release-set';
import type { ReleaseInfo } from '../../shared/release/schema';
import type { BenchmarkSource, ReleaseHistory, Revision } from '../../shared/source';
import type { ReleaseCache } from './release-cache';
import type { BenchmarkStore, StoredReleaseInfo } from './store/types';

/** More releases than a few years of weekly DfE updates; beyond it the oldest are left out. */
export const MAX_RELEASES = 200;
const MAX_ANSWERS = 20_000;

interface ReleaseSetView {
  /** Oldest as-of first. */
  releases: StoredReleaseInfo[];
  /** Identifies the set's content (ids and content hashes): the seed of answer keys and ETags. */
  seed: string;
}

export class StoreHistory {
  private view: { value: ReleaseSetView; at: number } | null = null;
  private viewLoad: Promise<ReleaseSetView> | null = null;
  private readonly answers = new LRUCache<string, Promise<Revision[]>>({ max: MAX_ANSWERS });

  constructor(
    private readonly store: BenchmarkStore,
    private readonly cache: ReleaseCache,
    private readonly ttlMs: number,
  ) {}

  /** The complete releases, oldest as-of first (the newest MAX_RELEASES), re-listed at most once per TTL. */
  set(): Promise<ReleaseSetView> {
    if (this.view && Date.now() - this.view.at < this.ttlMs) return Promise.resolve(this.view.value);
    this.viewLoad ??= this.store.listReleases().then(
      (all) => {
        const releases = all
          .filter((r) => r.status === 'complete')
          .sort(byAsOf)
          .slice(-MAX_RELEASES);
        const value = { releases, seed: releases.map((r) => `${r.id}:${r.contentHash}`).join(',') };
        this.view = { value, at: Date.now() };
        this.viewLoad = null;
        return value;
      },
      (e: unknown) => {
        this.viewLoad = null;
        throw e;
      },
    );
    return this.viewLoad;
  }

  async history(current: string | null): Promise<ReleaseHistory> {
    const { releases } = await this.set();
    return { releases: releases.map(({ status: _s, entities: _e, uploadedAt: _u, ...info }): ReleaseInfo => info), current };
  }

  /** One LA's value of an indicator key and year label in every release of the set, oldest first. */
  async revisions(indicatorKey: string, la: number, year: string): Promise<{ seed: string; revisions: Revision[] }> {
    const set = await this.set();
    const key = `${set.seed}\u0000${indicatorKey}\u0000${la}\u0000${year}`;
    let p = this.answers.get(key);
    if (!p) {
      p = Promise.all(set.releases.map((info) => this.valueIn(info, indicatorKey, la, year)));
      p.catch(() => this.answers.delete(key));
      this.answers.set(key, p);
    }
    return { seed: set.seed, revisions: await p };
  }

  private async valueIn(info: StoredReleaseInfo, indicatorKey: string, la: number, year: string): Promise<Revision> {
    const rel = await this.cache.get(info.id);
    const none: Revision = { release: info.id, asOf: info.asOf, value: null };
    const indicator = rel.cat.indicators.find((i) => i.key === indicatorKey);
    if (!indicator?.years.includes(year)) return none;
    const i = rel.cat.las.findIndex((l) => l.number === la);
    if (i < 0) return none;
    await rel.load(indicatorKey);
    return { ...none, value: rel.index.release.values[indicatorKey]?.[year]?.[i] ?? null };
  }
}

/** One history per store and release cache (the Functions instance's, or a test's). */
const histories = new WeakMap<ReleaseCache, StoreHistory>();
export function storeHistory(store: BenchmarkStore, cache: ReleaseCache, ttlMs: number): StoreHistory {
  let h = histories.get(cache);
  if (!h) histories.set(cache, (h = new StoreHistory(store, cache, ttlMs)));
  return h;
}

/** A release's source (a stored release, or its hinting view) that also reads the store's history: CIC.REVISIONS over POST /api/lookup. */
export function withHistory(src: BenchmarkSource, current: string, history: StoreHistory): BenchmarkSource {
  return {
    catalog: () => src.catalog(),
    distribution: (k, y) => src.distribution(k, y),
    history: () => history.history(current),
    revisions: async (k, la, y) => (await history.revisions(k, la, y)).revisions,
  };
}
