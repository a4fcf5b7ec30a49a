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

/** Levenshtein distance, stopping early once it passes `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length] as number;
}

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
    if (!hit) throw naError(`Unknown indicator "${q.slice(0, 80)}" in release ${this.release.id}; ${this.indicatorHint(q)}`);
    return hit;
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
    const words = q
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length >= 3)
      .sort((a, b) => b.length - a.length);
    for (const w of words) {
      const found = this.searchIndicators(w).length;
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
      const near = typeof query === 'string' ? this.nearestLas(query) : [];
      const hint = near.length ? `; did you mean ${near.join(' or ')}?` : '';
      throw naError(`Unknown local authority "${String(query).trim()}" in release ${this.release.id}${hint}`);
    }
    return hit;
  }

  /** Current LAs whose name is a few edits from what was typed, closest first (at most 3). */
  nearestLas(query: string): string[] {
    const q = placeName(query);
    if (q.length < 3) return [];
    const max = Math.max(1, Math.min(3, Math.floor(q.length / 4)));
    const scored: [number, string][] = [];
    for (const la of this.las) {
      if (la.kind !== 'la' || !la.current) continue;
      const d = Math.min(editDistance(q, placeName(la.name), max), editDistance(q, normaliseName(la.name), max));
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
    return this.indicators.filter((i) => {
      if (t && i.topic.toLowerCase() !== t) return false;
      const hay = `${i.key} ${i.name} ${i.topic} ${i.aliases.join(' ')}`.toLowerCase();
      return words.every((w) => hay.includes(w));
    });
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
