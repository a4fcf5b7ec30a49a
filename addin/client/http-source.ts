/**
 * The add-in's BenchmarkSource: the same interface `cic` and the server compute with, fed over HTTP.
 *
 * - Release data is immutable, so everything addressed by release id is cached forever in memory, and
 *   the catalog plus recently used distributions are kept in a persistent store for offline use.
 * - Cells read synchronously: data in memory answers at once; missing data throws Pending. The columns
 *   every cell of a recalculation asks for are sent for together on the next turn (one request per 200),
 *   and the cells waiting on one column are one group, run together when it arrives.
 * - Every request has a deadline; a failure settles every waiting cell with a clear #N/A, or falls back
 *   to the cached copy of the release and says so (status note, and the release title RELEASE shows).
 * - The workbook is pinned to the release it was first computed with until the user re-pins.
 */
import * as z from 'zod/mini';
// Named import: reaching it through z.core would pull all of zod core (locales included) into the bundle.
import { $ZodError } from 'zod/v4/core';
import { catalogOfDto, CatalogDtoSchema, ColumnsDtoSchema, RevisionsDtoSchema, type CatalogDto, type ColumnsDto } from '../../shared/api/schemas';
import { CellError, naError } from '../../shared/excel/errors';
import { type Catalog } from '../../shared/release/catalog';
import { makeDistribution, type Distribution } from '../../shared/release/distribution';
import { ReleaseInfoSchema, type ReleaseInfo } from '../../shared/release/schema';
import { Pending, type BenchmarkSource, type ReleaseHistory, type Revision } from '../../shared/source';
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

type Column = ColumnsDto['columns'][number];

/** Columns asked for in one request at most (the service's cap). */
const COLUMNS_PER_REQUEST = 200;

/** indicator key → year → what a cell reads. */
type Shelf<T> = Map<string, Map<string, T>>;

/** One release's data in this page: the catalog, the distributions that arrived, and those on their way. */
interface Held {
  id: string;
  catalog: Catalog | null;
  ready: Shelf<Distribution>;
  /** One Pending per column on its way: the cells waiting on it are one group. */
  waiting: Shelf<Pending>;
}

export class HttpSource implements BenchmarkSource {
  private readonly base: string;
  private readonly fetchFn: FetchLike;
  private readonly timeoutMs: number;
  private readonly cache: PersistentCache;
  private readonly pin: PinStore;
  private readonly requests = new Map<string, Promise<unknown>>();
  private readonly held = new Map<string, Held>();
  private readonly catalogLoads = new Map<string, Promise<Catalog>>();
  private readonly catalogWaits = new Map<string, Pending>();
  private releaseWait: Pending | null = null;
  /** Columns asked for since the last request went out, by release: sent together on the next turn. */
  private queue: { release: string; indicator: string; year: string; settle: (e?: unknown) => void }[] = [];
  private flushing = false;
  private readonly revisionAnswers = new Map<string, { at: number; p: Promise<readonly Revision[]>; value?: readonly Revision[] }>();
  private historyAnswer: { value: ReleaseHistory } | null = null;
  private release: Promise<string> | null = null;
  /** The current release this page computes with when the workbook holds no pin (its settings could not be saved). */
  private currentId: string | null = null;
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

  catalog(): Catalog {
    const held = this.heldNow();
    return held.catalog ?? this.catalogPending(held);
  }

  /** A cell's distribution: from memory when it is here, else Pending on its arrival. */
  distribution(indicatorKey: string, year: string): Distribution {
    const held = this.heldNow();
    const d = held.ready.get(indicatorKey)?.get(year);
    if (d !== undefined) return d;
    if (!held.catalog) this.catalogPending(held);
    throw held.waiting.get(indicatorKey)?.get(year) ?? this.ask(held, indicatorKey, year);
  }

  /** The release cells compute with, held in memory; Pending while the current release is looked up. */
  private heldNow(): Held {
    const id = this.pinnedId() ?? this.currentId;
    if (id === null) {
      const p = this.releaseId();
      if (this.releaseWait?.ready !== p) this.releaseWait = new Pending(p);
      throw this.releaseWait;
    }
    return this.heldOf(id);
  }

  private heldOf(id: string): Held {
    let h = this.held.get(id);
    if (!h) this.held.set(id, (h = { id, catalog: null, ready: new Map(), waiting: new Map() }));
    return h;
  }

  private catalogPending(held: Held): never {
    const p = this.catalogOf(held);
    let wait = this.catalogWaits.get(held.id);
    if (wait?.ready !== p) this.catalogWaits.set(held.id, (wait = new Pending(p)));
    throw wait;
  }

  /** The catalog's one load per release (a failure is forgotten, so the next recalculation asks again). */
  private catalogOf(held: Held): Promise<Catalog> {
    if (held.catalog) return Promise.resolve(held.catalog);
    let p = this.catalogLoads.get(held.id);
    if (!p) {
      p = this.fetchCatalog(held.id).then((c) => (held.catalog = c));
      this.catalogLoads.set(held.id, p);
      p.catch(() => this.catalogLoads.delete(held.id));
    }
    return p;
  }

  /** Queue a column for the next request; every cell waiting on it waits on the one promise. */
  private ask(held: Held, indicatorKey: string, year: string): Pending {
    const p = new Promise<void>((resolve, reject) => {
      this.queue.push({ release: held.id, indicator: indicatorKey, year, settle: (e) => (e === undefined ? resolve() : reject(e as Error)) });
    });
    let byYear = held.waiting.get(indicatorKey);
    if (!byYear) held.waiting.set(indicatorKey, (byYear = new Map()));
    const wait = new Pending(p);
    byYear.set(year, wait);
    // Forget the wait once settled (a failure then asks again on the next recalculation).
    p.then(
      () => byYear.delete(year),
      () => byYear.delete(year),
    );
    if (!this.flushing) {
      this.flushing = true;
      // A macrotask, so every cell of the recalculation batch has asked before the request goes out.
      setTimeout(() => this.flush(), 0);
    }
    return wait;
  }

  private flush(): void {
    this.flushing = false;
    const queue = this.queue;
    this.queue = [];
    const byRelease = new Map<string, typeof queue>();
    for (const q of queue) {
      let list = byRelease.get(q.release);
      if (!list) byRelease.set(q.release, (list = []));
      list.push(q);
    }
    for (const [release, list] of byRelease) {
      for (let i = 0; i < list.length; i += COLUMNS_PER_REQUEST) void this.fetchColumns(release, list.slice(i, i + COLUMNS_PER_REQUEST));
    }
  }

  private async fetchColumns(release: string, list: typeof this.queue): Promise<void> {
    const held = this.heldOf(release);
    try {
      const catalog = await this.catalogOf(held);
      const query = list.map((q) => `c=${encodeURIComponent(`${q.year}:${q.indicator}`)}`).join('&');
      const columns = await this.load(
        `releases/${encodeURIComponent(release)}/columns?${query}`,
        list.map((q) => `col:${release}|${q.indicator}|${q.year}`),
        (raw) => ColumnsDtoSchema.parse(raw).columns,
      );
      for (const col of columns) this.shelve(held, catalog, release, col);
      for (const q of list) q.settle(held.ready.get(q.indicator)?.has(q.year) ? undefined : naError(`${q.indicator} ${q.year}: not in release ${release}`));
    } catch (e) {
      for (const q of list) q.settle(e);
    }
  }

  private shelve(held: Held, catalog: Catalog, release: string, col: Column): void {
    const indicator = catalog.indicator(col.indicator);
    const values: [number, number | null][] = catalog.las.map((la, i) => [la.number, col.values[i] ?? null]);
    let byYear = held.ready.get(indicator.key);
    if (!byYear) held.ready.set(indicator.key, (byYear = new Map()));
    byYear.set(col.year, makeDistribution({ release, indicator, year: col.year, values }));
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

  /** Every release the service holds, oldest as-of first, and the one cells compute with (for the pane). */
  async historyOfService(): Promise<ReleaseHistory> {
    const list = await this.releases();
    const history = { releases: [...list.releases].reverse(), current: this.pinnedId() ?? list.current };
    this.historyAnswer = { value: history };
    return history;
  }

  history(): ReleaseHistory {
    if (this.historyAnswer) return this.historyAnswer.value;
    throw new Pending(this.historyOfService());
  }

  /**
   * One value in every release the service holds (GET revisions), resolved against the workbook's release.
   * Kept a minute: unlike release data it grows when a release is published. Persisted like the rest,
   * so an unreachable service answers from the copy cached on this computer, saying so.
   */
  revisions(indicatorKey: string, la: number, year: string): readonly Revision[] {
    const key = `${indicatorKey}|${la}|${year}`;
    const kept = this.revisionAnswers.get(key);
    if (kept && performance.now() - kept.at < REVISIONS_TTL_MS) {
      if (kept.value) return kept.value;
      throw new Pending(kept.p);
    }
    const entry: { at: number; p: Promise<readonly Revision[]>; value?: readonly Revision[] } = {
      at: performance.now(),
      p: this.releaseId().then((id) => {
        const q = `la=${la}&year=${encodeURIComponent(year)}&release=${encodeURIComponent(id)}`;
        const path = indicatorKey.includes('/')
          ? `revisions?indicator=${encodeURIComponent(indicatorKey)}&${q}`
          : `revisions/${encodeURIComponent(indicatorKey)}?${q}`;
        return this.load(
          path,
          [`revisions:${id}|${key}`],
          (raw): readonly Revision[] => RevisionsDtoSchema.parse(raw).revisions,
          (saved) => saved[0]!,
        );
      }),
    };
    entry.p.then(
      (v) => (entry.value = v),
      () => this.revisionAnswers.delete(key),
    );
    this.revisionAnswers.set(key, entry);
    throw new Pending(entry.p);
  }

  /** Pin the workbook to a release (null: follow the current release, pinned again on next use). */
  async repin(releaseId: string | null): Promise<void> {
    await this.pin.set(releaseId);
    this.release = null;
    this.currentId = null;
    this.update({ pinned: releaseId, releaseId, offline: false, note: null });
  }

  /** Data read from the offline copy is dropped, so cells fetch afresh. */
  private forgetFallbacks(): void {
    this.held.clear();
    this.catalogLoads.clear();
    this.release = null;
    this.currentId = null;
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
      this.release = this.currentForPinning().then((id) => (this.currentId = id));
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

  private fetchCatalog(id: string): Promise<Catalog> {
    return this.load(
      `releases/${encodeURIComponent(id)}/catalog`,
      [`catalog:${id}`],
      (raw) => {
        const dto = CatalogDtoSchema.parse(raw);
        this.cache.write(LAST_RELEASE, dto.release.id, false);
        return catalogOfDto(dto);
      },
      (saved: CatalogDto[]) => catalogOfDto({ ...saved[0]!, release: offlineInfo(saved[0]!.release) }),
      false,
    );
  }

  /**
   * Fetch, validate and persist (one cache entry per item of a list answer); on an unreachable service
   * use the persisted copies when every one is there (saying so), else settle with an explained #N/A.
   */
  private async load<T>(
    path: string,
    cacheKeys: string[],
    fromWire: (raw: unknown) => T,
    fromCache: (saved: never[]) => T = (saved) => saved as T,
    evictable = true,
  ): Promise<T> {
    try {
      const raw = await this.get(path);
      let value: T;
      try {
        value = fromWire(raw);
      } catch (e) {
        throw new UnreachableError(`Benchmark service unreachable: its answer for ${path.split('?')[0]} was not valid (${messageOf(e).slice(0, 120)})`);
      }
      const parts = Array.isArray(value) ? value : [raw];
      // The offline copy is written after the cells waiting on this answer have it, not before.
      setTimeout(() => cacheKeys.forEach((k, i) => this.cache.write(k, parts[i], evictable)), 0);
      if (this.status.offline || this.status.reachable !== true) this.update({ reachable: true, offline: false, note: null });
      return value;
    } catch (e) {
      const saved = e instanceof UnreachableError ? cacheKeys.map((k) => this.cache.read<never>(k)) : [];
      if (saved.length === 0 || saved.some((x) => x === null)) throw asCellError(e, 'and this data is not cached on this computer');
      this.update({ reachable: false, offline: true, note: offlineNote(e, cacheKeys[0]!.split(/[:|]/)[1] ?? '') });
      return fromCache(saved as never[]);
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
