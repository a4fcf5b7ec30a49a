/**
 * The add-in's BenchmarkSource: the same interface `cic` and the server compute with, fed over HTTP.
 *
 * - Release data is immutable, so everything addressed by release id is cached forever in memory, and
 *   the catalog plus recently used distributions are kept in a persistent store for offline use.
 * - Identical concurrent requests share one in-flight promise, so 10,000 cells over 50 indicators
 *   cost one catalog request and 50 distribution requests.
 * - Every request has a deadline; a failure settles every waiting cell with a clear #N/A, or falls back
 *   to the cached copy of the release and says so (status note, and the release title RELEASE shows).
 * - The workbook is pinned to the release it was first computed with until the user re-pins.
 */
import * as z from 'zod/mini';
// Named import: reaching it through z.core would pull all of zod core (locales included) into the bundle.
import { $ZodError } from 'zod/v4/core';
import { CatalogDtoSchema, RevisionsDtoSchema, type CatalogDto } from '../../shared/api/schemas';
import { CellError, naError } from '../../shared/excel/errors';
import { Catalog } from '../../shared/release/catalog';
import { DistributionDtoSchema, makeDistribution, type Distribution, type DistributionDto } from '../../shared/release/distribution';
import { ReleaseInfoSchema, type ReleaseInfo } from '../../shared/release/schema';
import type { BenchmarkSource, ReleaseHistory, Revision } from '../../shared/source';
import { DEFAULT_TIMEOUT_MS, getJson, UnreachableError, type FetchLike } from './fetch-json';
import { MemoryPin, type PinStore } from './pin';
import { MemoryStore, PersistentCache, type KeyValueStore } from './storage';

export interface HttpSourceOptions {
  /** The API root, ending in `/api/`. */
  baseUrl: string;
  fetch?: FetchLike;
  timeoutMs?: number;
  store?: KeyValueStore;
  pin?: PinStore;
}

export interface SourceStatus {
  /** null until the service has been asked. */
  reachable: boolean | null;
  /** The release cells compute with. */
  releaseId: string | null;
  pinned: string | null;
  /** The service's current release, when known. */
  current: string | null;
  /** True while cells compute from the cached copy because the service is unreachable. */
  offline: boolean;
  note: string | null;
}

const ReleaseListSchema = z.object({ current: z.nullable(z.string()), releases: z.array(ReleaseInfoSchema) });
export type ReleaseList = z.infer<typeof ReleaseListSchema>;

const LAST_RELEASE = 'last-release';
/** How long one value's revisions are kept: a release published meanwhile shows after this at most. */
const REVISIONS_TTL_MS = 60_000;

export class HttpSource implements BenchmarkSource {
  private readonly base: string;
  private readonly fetchFn: FetchLike;
  private readonly timeoutMs: number;
  private readonly cache: PersistentCache;
  private readonly pin: PinStore;
  private readonly requests = new Map<string, Promise<unknown>>();
  private readonly catalogs = new Map<string, Promise<Catalog>>();
  private readonly distributions = new Map<string, Promise<Distribution>>();
  private readonly revisionAnswers = new Map<string, { at: number; p: Promise<readonly Revision[]> }>();
  private release: Promise<string> | null = null;
  private readonly listeners = new Set<(s: SourceStatus) => void>();
  readonly status: SourceStatus;
  /** Network requests actually sent, for tests and the bench. */
  requestCount = 0;

  constructor(opts: HttpSourceOptions) {
    this.base = opts.baseUrl.endsWith('/') ? opts.baseUrl : `${opts.baseUrl}/`;
    this.fetchFn = opts.fetch ?? ((url, init) => fetch(url, init));
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.cache = new PersistentCache(opts.store ?? new MemoryStore());
    this.pin = opts.pin ?? new MemoryPin();
    this.status = { reachable: null, releaseId: null, pinned: this.pin.get(), current: null, offline: false, note: null };
  }

  onStatus(listener: (s: SourceStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // The hot path of every cell: with the release known (pinned), answer with the stored promise itself —
  // no async wrapper and no extra await — so a cached cell costs about what an in-memory release does.
  catalog(): Promise<Catalog> {
    const id = this.pinnedId();
    return id !== null ? this.catalogOf(id) : this.releaseId().then((rid) => this.catalogOf(rid));
  }

  distribution(indicatorKey: string, year: string): Promise<Distribution> {
    const id = this.pinnedId();
    return id !== null ? this.distributionOf(id, indicatorKey, year) : this.releaseId().then((rid) => this.distributionOf(rid, indicatorKey, year));
  }

  private distributionOf(id: string, indicatorKey: string, year: string): Promise<Distribution> {
    const key = `${id}|${indicatorKey}|${year}`;
    let p = this.distributions.get(key);
    if (!p) {
      // A key with "/" (NEW_KS2_RWM_Sen_W/Osta) goes as a query parameter: hosts may not keep %2F in a path.
      const q = `year=${encodeURIComponent(year)}&release=${encodeURIComponent(id)}`;
      const path = indicatorKey.includes('/')
        ? `distributions?indicator=${encodeURIComponent(indicatorKey)}&${q}`
        : `distributions/${encodeURIComponent(indicatorKey)}?${q}`;
      p = this.load(
        path,
        `dist:${key}`,
        true,
        (raw) => makeDistribution(DistributionDtoSchema.parse(raw) as DistributionDto),
        (dto: DistributionDto) => makeDistribution(dto),
      );
      this.remember(this.distributions, key, p);
    }
    return p;
  }

  /** Ask the service which release is current (never cached: it is the one thing that changes). */
  async refreshStatus(): Promise<SourceStatus> {
    try {
      const info = ReleaseInfoSchema.parse(await this.get('releases/current'));
      // Back online after computing from the cached copy: forget the fallbacks so cells fetch afresh.
      if (this.status.offline) this.forgetFallbacks();
      this.update({ reachable: true, current: info.id, offline: false, note: null });
    } catch (e) {
      this.update({ reachable: false, note: messageOf(e) });
    }
    return this.status;
  }

  async releases(): Promise<ReleaseList> {
    const list = ReleaseListSchema.parse(await this.get('releases'));
    this.update({ reachable: true, current: list.current });
    return list;
  }

  /** Every release the service holds, oldest as-of first, and the one cells compute with. */
  async history(): Promise<ReleaseHistory> {
    const list = await this.releases();
    return { releases: [...list.releases].reverse(), current: this.pinnedId() ?? list.current };
  }

  /**
   * One value in every release the service holds (GET revisions), resolved against the workbook's release.
   * Kept a minute: unlike release data it grows when a release is published. Persisted like the rest,
   * so an unreachable service answers from the copy cached on this computer, saying so.
   */
  revisions(indicatorKey: string, la: number, year: string): Promise<readonly Revision[]> {
    const key = `${indicatorKey}|${la}|${year}`;
    const kept = this.revisionAnswers.get(key);
    if (kept && Date.now() - kept.at < REVISIONS_TTL_MS) return kept.p;
    const p = this.releaseId().then((id) => {
      const q = `la=${la}&year=${encodeURIComponent(year)}&release=${encodeURIComponent(id)}`;
      const path = indicatorKey.includes('/')
        ? `revisions?indicator=${encodeURIComponent(indicatorKey)}&${q}`
        : `revisions/${encodeURIComponent(indicatorKey)}?${q}`;
      const parse = (raw: unknown): readonly Revision[] => RevisionsDtoSchema.parse(raw).revisions;
      return this.load(path, `revisions:${id}|${key}`, true, parse, parse);
    });
    this.revisionAnswers.set(key, { at: Date.now(), p });
    p.catch(() => this.revisionAnswers.delete(key));
    return p;
  }

  /** Pin the workbook to a release (null: follow the current release, pinned again on next use). */
  async repin(releaseId: string | null): Promise<void> {
    await this.pin.set(releaseId);
    this.release = null;
    this.update({ pinned: releaseId, releaseId, offline: false, note: null });
  }

  private forgetFallbacks(): void {
    this.catalogs.clear();
    this.distributions.clear();
    this.release = null;
  }

  /** The pinned release, if any (the workbook may have been re-pinned elsewhere: the status follows it). */
  private pinnedId(): string | null {
    const pinned = this.pin.get();
    if (pinned && this.status.releaseId !== pinned) this.update({ releaseId: pinned, pinned });
    return pinned || null;
  }

  private releaseId(): Promise<string> {
    const pinned = this.pinnedId();
    if (pinned) return Promise.resolve(pinned);
    if (!this.release) {
      this.release = this.currentForPinning();
      this.release.catch(() => (this.release = null));
    }
    return this.release;
  }

  private async currentForPinning(): Promise<string> {
    let id: string;
    try {
      id = ReleaseInfoSchema.parse(await this.get('releases/current')).id;
      this.update({ reachable: true, current: id });
    } catch (e) {
      const last = this.cache.read<string>(LAST_RELEASE);
      if (!(e instanceof UnreachableError || e instanceof $ZodError) || !last) throw asCellError(e, 'and no benchmark release is cached on this computer');
      this.update({ reachable: false, offline: true, releaseId: last, note: offlineNote(e, last) });
      return last;
    }
    // The first release a workbook computes with becomes its pin, so next year's recalculation is identical.
    await this.pin.set(id).catch(() => undefined);
    this.update({ releaseId: id, pinned: this.pin.get() });
    return id;
  }

  private catalogOf(id: string): Promise<Catalog> {
    let p = this.catalogs.get(id);
    if (!p) {
      p = this.load(
        `releases/${encodeURIComponent(id)}/catalog`,
        `catalog:${id}`,
        false,
        (raw) => {
          const dto = CatalogDtoSchema.parse(raw);
          this.cache.write(LAST_RELEASE, dto.release.id, false);
          return new Catalog(dto);
        },
        (dto: CatalogDto) => new Catalog({ ...dto, release: offlineInfo(dto.release) }),
      );
      this.remember(this.catalogs, id, p);
    }
    return p;
  }

  /**
   * Fetch, validate and persist; on an unreachable service use the persisted copy (saying so), else
   * settle with an explained #N/A.
   */
  private async load<T, D>(path: string, cacheKey: string, evictable: boolean, fromWire: (raw: unknown) => T, fromCache: (dto: D) => T): Promise<T> {
    try {
      const raw = await this.get(path);
      let value: T;
      try {
        value = fromWire(raw);
      } catch (e) {
        throw new UnreachableError(`Benchmark service unreachable: its answer for ${path.split('?')[0]} was not valid (${messageOf(e).slice(0, 120)})`);
      }
      this.cache.write(cacheKey, raw, evictable);
      if (this.status.offline || this.status.reachable !== true) this.update({ reachable: true, offline: false, note: null });
      return value;
    } catch (e) {
      const saved = e instanceof UnreachableError ? this.cache.read<D>(cacheKey) : null;
      if (saved === null) throw asCellError(e, 'and this data is not cached on this computer');
      this.update({ reachable: false, offline: true, note: offlineNote(e, cacheKey.split(/[:|]/)[1] ?? '') });
      return fromCache(saved);
    }
  }

  /** One request per URL at a time; the answer is not kept here (callers cache what is immutable). */
  private get(path: string): Promise<unknown> {
    const url = this.base + path;
    let p = this.requests.get(url);
    if (!p) {
      this.requestCount++;
      p = getJson(this.fetchFn, url, this.timeoutMs).finally(() => this.requests.delete(url));
      this.requests.set(url, p);
    }
    return p;
  }

  /** Keep a success forever; forget a failure so the next recalculation tries again. */
  private remember<T>(map: Map<string, Promise<T>>, key: string, p: Promise<T>): void {
    map.set(key, p);
    p.catch(() => map.delete(key));
  }

  private update(patch: Partial<SourceStatus>): void {
    Object.assign(this.status, patch);
    for (const l of this.listeners) l(this.status);
  }
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function asCellError(e: unknown, suffix: string): CellError {
  if (e instanceof CellError) return e;
  return naError(e instanceof UnreachableError ? `${e.message}, ${suffix}` : messageOf(e));
}

const offlineNote = (e: unknown, releaseId: string): string => `${messageOf(e)}; using the copy of release ${releaseId} cached on this computer`;

const offlineInfo = (info: ReleaseInfo): ReleaseInfo => ({ ...info, title: `${info.title} (cached copy: benchmark service unreachable)` });
