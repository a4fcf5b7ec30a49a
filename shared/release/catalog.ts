/**
 * The small, slow-changing part of a release — indicators, LAs, neighbour groups, unit-cost types —
 * indexed for the lookups every cell makes: an indicator by key, alias or name; an LA by DfE number,
 * ONS code or name. The same class runs in the add-in (built from API responses) and on the server.
 */
import { naError, valueError } from '../excel/errors';
import { searchIndicators } from './indicator-search';
import { formerCouncil, LaNames, reorganisationNote } from './la-names';
import type { CountPair, Indicator, La, Release, ReleaseInfo, UnitCostType } from './schema';

export { placeName } from './la-names';

export interface CatalogData {
  release: ReleaseInfo;
  indicators: readonly Indicator[];
  las: readonly La[];
  neighbours: Release['neighbours'];
  unitCosts: readonly UnitCostType[];
  counts?: Release['counts'];
}

/** Default statistical-neighbour model: the 2025 refresh LAIT uses now. */
export const DEFAULT_SN_MODEL = '2025';

/** "Bristol, City of" and "bristol city of" are the same LA to a user. */
export const normaliseName = (s: string): string =>
  s
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '');

// Two rows reused by every editDistance call (hints compare a query with hundreds of keys).
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/**
 * Levenshtein distance, or `max + 1` once it is certainly past `max`: only the diagonal band |i − j| ≤ max
 * can hold a smaller distance, so only that band is filled, and a row whose best passes `max` stops it.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  const cap = Math.min(max, Math.max(n, m)); // a distance is never more than the longer length
  const far = cap + 1;
  if (rowA.length < m + 2) {
    rowA = new Int32Array(m + 2);
    rowB = new Int32Array(m + 2);
  }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= m; j++) prev[j] = j <= cap ? j : far;
  prev[m + 1] = far;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - cap);
    const hi = Math.min(m, i + cap);
    cur[0] = i <= cap ? i : far;
    cur[lo - 1] = lo === 1 ? cur[0]! : far;
    let best = lo === 1 ? cur[0]! : far;
    const ca = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1));
      cur[j] = v;
      if (v < best) best = v;
    }
    cur[hi + 1] = far; // outside the band: read by the next row as "too far"
    if (best > cap) return max + 1;
    const t = prev;
    prev = cur;
    cur = t;
  }
  const d = prev[m]!;
  return d > cap ? max + 1 : d;
}

/**
 * Where a catalog keeps the hints it has worked out, by query. The service passes a cache bounded in
 * bytes (queries are free text); elsewhere there is none and a hint is worked out each time.
 */
export interface HintCache {
  get(key: string): string | undefined;
  set(key: string, hint: string): unknown;
}

/** An allowance of hints: `take` says whether one more may be worked out (a lookup's share of its work). */
export interface HintMeter {
  take(): boolean;
}

/** A query longer than this is near no name or key, so it gets no "did you mean". */
const MAX_HINT_QUERY = 120;

export class Catalog {
  readonly release: ReleaseInfo;
  readonly indicators: readonly Indicator[];
  readonly las: readonly La[];
  readonly unitCosts: readonly UnitCostType[];
  /** indicator key → the counts it is made of, where the importer proved them. */
  readonly counts: Readonly<Record<string, CountPair>>;
  private readonly neighbourModels: Release['neighbours'];
  private readonly indicatorByName = new Map<string, Indicator>();
  private readonly indicatorByKey = new Map<string, Indicator>();
  private readonly laNames: LaNames;
  private readonly laByNumber = new Map<number, La>();
  /** Names exactly as the release writes them (where only one LA has it): what most cells type, read without normalising. */
  private readonly laByExact = new Map<string, La>();
  /** Per neighbour model, each LA's group by number (the release keys them by text). */
  private readonly groups = new Map<string, Map<number, readonly number[]>>();
  /** Worked out on first use and shared with every hint-metered view (see withHints). */
  private readonly derived: { hay?: readonly string[]; places?: readonly { name: string; place: string; norm: string }[] } = {};
  private hintCache: HintCache | null = null;
  private hintMeter: HintMeter | null = null;

  constructor(data: CatalogData) {
    this.release = data.release;
    this.indicators = data.indicators;
    this.las = data.las;
    this.unitCosts = data.unitCosts;
    this.counts = data.counts ?? {};
    this.neighbourModels = data.neighbours;
    // Keys win over aliases, aliases over names: insert weakest first so stronger entries overwrite.
    for (const i of data.indicators) this.indicatorByName.set(normaliseName(i.name), i);
    for (const i of data.indicators) for (const a of i.aliases) this.indicatorByName.set(normaliseName(a), i);
    for (const i of data.indicators) this.indicatorByName.set(i.key.toLowerCase(), i);
    for (const i of data.indicators) if (this.indicatorByName.get(i.key.toLowerCase()) === i) this.indicatorByKey.set(i.key, i);
    const named = new Map<string, number>();
    for (const la of data.las) named.set(la.name, (named.get(la.name) ?? 0) + 1);
    for (const la of data.las) {
      this.laByNumber.set(la.number, la);
      // A name two LAs share (a council and its former self) is left to LaNames, which knows which is meant.
      if (named.get(la.name) === 1) this.laByExact.set(la.name, la);
    }
    this.laNames = new LaNames(data.las);
  }

  indicator(query: unknown): Indicator {
    // Cells name indicators by their exact key almost always: one map read.
    const exact = typeof query === 'string' ? this.indicatorByKey.get(query) : undefined;
    if (exact) return exact;
    if (typeof query !== 'string' || query.trim() === '') throw valueError('Indicator must be text such as "LACStable_2016on"');
    const q = query.trim();
    const hit = this.indicatorByName.get(q.toLowerCase()) ?? this.indicatorByName.get(normaliseName(q));
    if (!hit) {
      const hint = this.hint(`i\u0000${q.toLowerCase().slice(0, 80)}`, () => this.indicatorHint(q));
      throw naError(`Unknown indicator "${q.slice(0, 80)}" in release ${this.release.id}${hint ? `; ${hint}` : ''}`);
    }
    return hit;
  }

  /** Keep hints worked out for this release in `cache` (the service's, bounded). */
  useHintCache(cache: HintCache): void {
    this.hintCache = cache;
  }

  /**
   * This catalog, every index shared, working out "did you mean" hints only as `meter` allows: a lookup
   * of thousands of unknown names pays for a few hints, then answers "unknown" alone. Cached hints are free.
   */
  withHints(meter: HintMeter): Catalog {
    const view = Object.create(this) as Catalog;
    view.hintMeter = meter;
    return view;
  }

  /** A hint from the cache, else worked out if the meter allows (and kept); '' when it does not. */
  private hint(key: string, work: () => string): string {
    const known = this.hintCache?.get(key);
    if (known !== undefined) return known;
    if (this.hintMeter && !this.hintMeter.take()) return '';
    const hint = work();
    this.hintCache?.set(key, hint);
    return hint;
  }

  /**
   * A hint that finds something: the nearest keys by edit distance, else a word of the query that
   * CIC.INDICATORS does find, else the whole list.
   */
  indicatorHint(query: string): string {
    const q = query.trim().toLowerCase().slice(0, 80);
    const max = Math.max(1, Math.min(4, Math.floor(q.length / 5)));
    const scored: [number, string][] = [];
    for (const i of this.indicators) {
      const d = editDistance(q, i.key.toLowerCase(), max);
      if (d <= max) scored.push([d, i.key]);
    }
    if (scored.length) {
      scored.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
      return `did you mean ${scored
        .slice(0, 3)
        .map(([, k]) => k)
        .join(' or ')}?`;
    }
    // Plain English ("children in care") that the ranked search understands: its first few.
    const ranked = searchIndicators(this.indicators, query).slice(0, 3);
    if (ranked.length) return `did you mean ${ranked.map((i) => i.key).join(' or ')}?`;
    const words = [...new Set(q.split(/[^a-z0-9]+/).filter((w) => w.length >= 3))].sort((a, b) => b.length - a.length);
    const hay = this.hay();
    for (const w of words) {
      let found = 0;
      for (const h of hay) if (h.includes(w)) found++;
      if (found > 0) return `try =CIC.INDICATORS("${w}") (${found} found)`;
    }
    return `=CIC.INDICATORS() lists all ${this.indicators.length}`;
  }

  la(query: unknown): La {
    let hit: La | undefined;
    if (typeof query === 'number') {
      if (!Number.isInteger(query)) throw valueError(`LA number must be a whole number such as 855, not ${query}`);
      hit = this.laByNumber.get(query);
    } else if (typeof query === 'string' && (hit = this.laByExact.get(query))) {
      return hit;
    } else if (typeof query === 'string' && query.trim() !== '') {
      const q = query.trim();
      hit = /^\d{3}$/.test(q) ? this.laByNumber.get(Number(q)) : this.laNames.find(q);
      if (!hit) {
        // A council gone before the release's data begins says what replaced it; else a unique part of a name.
        const gone = formerCouncil(this.las, q);
        if (gone) throw naError(gone);
        const within = this.laNames.containing(q);
        if (within.length === 1) hit = within[0];
      }
    } else {
      throw valueError('LA must be a DfE number (855), an ONS code (E10000018) or a name (Leicestershire)');
    }
    if (!hit) {
      const q = String(query).trim();
      const hint = typeof query === 'string' && q.length <= MAX_HINT_QUERY ? this.hint(`l\u0000${q.toLowerCase()}`, () => this.laHint(q)) : '';
      throw naError(`Unknown local authority "${q.slice(0, MAX_HINT_QUERY)}" in release ${this.release.id}${hint ? `; ${hint}` : ''}`);
    }
    return hit;
  }

  private laHint(query: string): string {
    const near = this.nearestLas(query);
    return near.length ? `did you mean ${near.join(' or ')}?` : '';
  }

  /** Current LAs a name probably meant, closest first (at most 3): names holding its words or starting with it, else a few edits away. */
  nearestLas(query: string): string[] {
    return this.laNames.suggest(query, editDistance);
  }

  /** Why an LA has no value in a year that ends in `yearEnds` because councils were reorganised, or null. */
  reorganisationNote(laNumber: number, yearEnds: number | null): string | null {
    return reorganisationNote(this.las, laNumber, yearEnds);
  }

  laByNumberOrNull(n: number): La | null {
    return this.laByNumber.get(n) ?? null;
  }

  /** The LA's ordered neighbours under a model ("2025" default, "2021" for history). */
  neighboursOf(la: La, model: string = DEFAULT_SN_MODEL): readonly number[] {
    const known = this.groups.get(model)?.get(la.number);
    if (known) return known;
    const group = this.neighboursOfUncached(la, model);
    let byLa = this.groups.get(model);
    if (!byLa) this.groups.set(model, (byLa = new Map()));
    byLa.set(la.number, group);
    return group;
  }

  private neighboursOfUncached(la: La, model: string): readonly number[] {
    // Own entries only: "toString" is an unknown model, not one of Object.prototype's functions.
    const table = Object.hasOwn(this.neighbourModels, model) ? this.neighbourModels[model] : undefined;
    if (!table) throw valueError(`Unknown statistical-neighbour model "${model}"; available: ${Object.keys(this.neighbourModels).join(', ')}`);
    const number = String(la.number);
    const group = Object.hasOwn(table, number) ? table[number] : undefined;
    if (!group) {
      const gone = reorganisationNote(this.las, la.number, null);
      throw naError(`${la.name} (${la.number}) has no statistical neighbours in the ${model} model${gone && !la.current ? `: ${gone}` : ''}`);
    }
    return group;
  }

  neighbourModelNames(): string[] {
    return Object.keys(this.neighbourModels);
  }

  /**
   * Indicators whose key, name, alias, topic or unit holds every word of `text` (or a word of the same
   * meaning: "children in care" finds "looked after"), best first; all, in release order, when text is empty.
   */
  searchIndicators(text?: string | null, topic?: string | null): Indicator[] {
    return searchIndicators(this.indicators, text, topic);
  }

  /** Each indicator's searchable text (key, name, topic, aliases), lower-cased once. */
  private hay(): readonly string[] {
    return (this.derived.hay ??= this.indicators.map((i) => `${i.key} ${i.name} ${i.topic} ${i.aliases.join(' ')}`.toLowerCase()));
  }

  unitCostType(query: unknown): UnitCostType {
    if (typeof query !== 'string' || query.trim() === '') throw valueError('Placement type must be text such as "Residential"');
    const q = normaliseName(query);
    const hit = this.unitCosts.find((u) => normaliseName(u.type) === q || normaliseName(u.measure) === q || u.aliases.some((a) => normaliseName(a) === q));
    if (!hit) throw naError(`Unknown placement type "${query.trim()}"; known: ${this.unitCosts.map((u) => u.type).join(', ')}`);
    return hit;
  }
}

export const catalogOfRelease = (r: Release, info: ReleaseInfo): Catalog =>
  new Catalog({ release: info, indicators: r.indicators, las: r.las, neighbours: r.neighbours, unitCosts: r.unitCosts, counts: r.counts });
