/**
 * The small, slow-changing part of a release — indicators, LAs, neighbour groups, unit-cost types —
 * indexed for the lookups every cell makes: an indicator by key, alias or name; an LA by DfE number,
 * ONS code or name. The same class runs in the add-in (built from API responses) and on the server.
 */
import { naError, valueError } from '../excel/errors';
import type { CountPair, Indicator, La, Release, ReleaseInfo, UnitCostType } from './schema';

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

// The words people put around an LA's name: "Bristol City Council", "County Durham", "City of York",
// "Royal Borough of Greenwich", "Bristol, City of" (DfE's form). Stripped, leaving the place.
const NAME_PREFIX =
  /^(?:the|council of the city of|city and county of|city of|county of|london borough of|royal borough of|metropolitan borough of|borough of|county)\s+/;
const NAME_SUFFIX =
  /\s+(?:metropolitan borough council|metropolitan district council|borough council|county borough council|district council|county council|city council|council|city of|county of|city|county|mbc|cc)$/;

/** What is left of an LA name once the council words are gone, normalised: "County Durham" → "durham". */
export function placeName(s: string): string {
  let t = s
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\bsaint\b/g, 'st')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  for (let prev = ''; prev !== t;) {
    prev = t;
    t = t.replace(NAME_PREFIX, '').replace(NAME_SUFFIX, '').trim();
  }
  return normaliseName(t);
}

/** Short forms people use that no rule derives. */
const LA_ALIASES: Readonly<Record<string, string>> = { hull: 'kingstonuponhull' };

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
  private readonly laByName = new Map<string, La>();
  private readonly laByNumber = new Map<number, La>();
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
    // A former code never shadows another LA's current one: former codes first, current codes overwrite.
    for (const la of data.las) for (const code of la.otherOns ?? []) this.laByName.set(code.toLowerCase(), la);
    // Full names and codes first; a current LA's name beats a former one's (Dorset 838 over 835).
    const ordered = [...data.las].sort((a, b) => Number(a.current) - Number(b.current));
    for (const la of ordered) {
      this.laByNumber.set(la.number, la);
      this.laByName.set(normaliseName(la.name), la);
      if (la.ons) this.laByName.set(la.ons.toLowerCase(), la);
    }
    // Then the place alone ("bristol" for "Bristol, City of"), the part before -on-/upon ("southend"
    // for Southend-on-Sea) or a comma, where no full name has it and only one LA gives it.
    const short = new Map<string, La | null>();
    const offer = (k: string, la: La): void => {
      if (!k || this.laByName.has(k)) return;
      const had = short.get(k);
      if (had === undefined || had?.number === la.number) return void short.set(k, la);
      if (had === null || had.current === la.current) return void short.set(k, null); // two LAs: ambiguous, offer neither
      if (la.current) short.set(k, la); // a current LA beats a former one
    };
    for (const la of ordered) {
      if (la.kind !== 'la') continue;
      const place = placeName(la.name);
      offer(place, la);
      const before = /^(.+?)[-\s]+(?:on|upon|under)[-\s]/i.exec(la.name)?.[1];
      if (before) offer(normaliseName(before), la);
      offer(normaliseName(la.name.split(',')[0] ?? ''), la); // "Bournemouth" for "Bournemouth, Christchurch and Poole"
    }
    for (const [k, la] of short) if (la) this.laByName.set(k, la);
    for (const [alias, target] of Object.entries(LA_ALIASES)) {
      const la = this.laByName.get(target);
      if (la && !this.laByName.has(alias)) this.laByName.set(alias, la);
    }
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
    } else if (typeof query === 'string' && query.trim() !== '') {
      const q = query.trim();
      hit = /^\d{3}$/.test(q)
        ? this.laByNumber.get(Number(q))
        : (this.laByName.get(q.toLowerCase()) ?? this.laByName.get(normaliseName(q)) ?? this.laByName.get(placeName(q)));
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

  /** Current LAs whose name is a few edits from what was typed, closest first (at most 3). */
  nearestLas(query: string): string[] {
    const q = placeName(query);
    if (q.length < 3) return [];
    const max = Math.max(1, Math.min(3, Math.floor(q.length / 4)));
    const scored: [number, string][] = [];
    this.derived.places ??= this.las
      .filter((la) => la.kind === 'la' && la.current)
      .map((la) => ({ name: la.name, place: placeName(la.name), norm: normaliseName(la.name) }));
    for (const la of this.derived.places) {
      const d = Math.min(editDistance(q, la.place, max), editDistance(q, la.norm, max));
      if (d <= max) scored.push([d, la.name]);
    }
    scored.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
    const best = scored[0]?.[0];
    return scored
      .filter(([d]) => d === best)
      .slice(0, 3)
      .map(([, name]) => name);
  }

  laByNumberOrNull(n: number): La | null {
    return this.laByNumber.get(n) ?? null;
  }

  /** The LA's ordered neighbours under a model ("2025" default, "2021" for history). */
  neighboursOf(la: La, model: string = DEFAULT_SN_MODEL): readonly number[] {
    // Own entries only: "toString" is an unknown model, not one of Object.prototype's functions.
    const table = Object.hasOwn(this.neighbourModels, model) ? this.neighbourModels[model] : undefined;
    if (!table) throw valueError(`Unknown statistical-neighbour model "${model}"; available: ${Object.keys(this.neighbourModels).join(', ')}`);
    const number = String(la.number);
    const group = Object.hasOwn(table, number) ? table[number] : undefined;
    if (!group) throw naError(`${la.name} (${la.number}) has no statistical neighbours in the ${model} model`);
    return group;
  }

  neighbourModelNames(): string[] {
    return Object.keys(this.neighbourModels);
  }

  /** Indicators whose key, name, topic or alias contains every word of `text`; all when text is empty. */
  searchIndicators(text?: string | null, topic?: string | null): Indicator[] {
    const words = (text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const t = topic?.trim().toLowerCase();
    const hay = this.hay();
    return this.indicators.filter((i, k) => {
      if (t && i.topic.toLowerCase() !== t) return false;
      const h = hay[k] as string;
      return words.every((w) => h.includes(w));
    });
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
