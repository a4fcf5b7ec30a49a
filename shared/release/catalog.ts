/**
 * The small, slow-changing part of a release — indicators, LAs, neighbour groups, unit-cost types —
 * indexed for the lookups every cell makes: an indicator by key, alias or name; an LA by DfE number,
 * ONS code or name. The same class runs in the add-in (built from API responses) and on the server.
 */
import { naError, valueError } from '../excel/errors';
import type { Indicator, La, Release, ReleaseInfo, UnitCostType } from './schema';

export interface CatalogData {
  release: ReleaseInfo;
  indicators: readonly Indicator[];
  las: readonly La[];
  neighbours: Release['neighbours'];
  unitCosts: readonly UnitCostType[];
}

/** Default statistical-neighbour model: the 2025 refresh LAIT uses now. */
export const DEFAULT_SN_MODEL = '2025';

/** "Bristol, City of" and "bristol city of" are the same LA to a user. */
export const normaliseName = (s: string): string => s.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, '');

export class Catalog {
  readonly release: ReleaseInfo;
  readonly indicators: readonly Indicator[];
  readonly las: readonly La[];
  readonly unitCosts: readonly UnitCostType[];
  private readonly neighbourModels: Release['neighbours'];
  private readonly indicatorByName = new Map<string, Indicator>();
  private readonly laByName = new Map<string, La>();
  private readonly laByNumber = new Map<number, La>();

  constructor(data: CatalogData) {
    this.release = data.release;
    this.indicators = data.indicators;
    this.las = data.las;
    this.unitCosts = data.unitCosts;
    this.neighbourModels = data.neighbours;
    // Keys win over aliases, aliases over names: insert weakest first so stronger entries overwrite.
    for (const i of data.indicators) this.indicatorByName.set(normaliseName(i.name), i);
    for (const i of data.indicators) for (const a of i.aliases) this.indicatorByName.set(normaliseName(a), i);
    for (const i of data.indicators) this.indicatorByName.set(i.key.toLowerCase(), i);
    // A former code never shadows another LA's current one: former codes first, current codes overwrite.
    for (const la of data.las) for (const code of la.otherOns ?? []) this.laByName.set(code.toLowerCase(), la);
    for (const la of data.las) {
      this.laByNumber.set(la.number, la);
      this.laByName.set(normaliseName(la.name), la);
      if (la.ons) this.laByName.set(la.ons.toLowerCase(), la);
    }
  }

  indicator(query: unknown): Indicator {
    if (typeof query !== 'string' || query.trim() === '') throw valueError('Indicator must be text such as "LACStable_2016on"');
    const q = query.trim();
    const hit = this.indicatorByName.get(q.toLowerCase()) ?? this.indicatorByName.get(normaliseName(q));
    if (!hit) throw naError(`Unknown indicator "${q}" in release ${this.release.id}; try =CIC.INDICATORS("${q.slice(0, 20)}")`);
    return hit;
  }

  la(query: unknown): La {
    let hit: La | undefined;
    if (typeof query === 'number') {
      if (!Number.isInteger(query)) throw valueError(`LA number must be a whole number such as 855, not ${query}`);
      hit = this.laByNumber.get(query);
    } else if (typeof query === 'string' && query.trim() !== '') {
      const q = query.trim();
      hit = /^\d{3}$/.test(q) ? this.laByNumber.get(Number(q)) : (this.laByName.get(q.toLowerCase()) ?? this.laByName.get(normaliseName(q)));
    } else {
      throw valueError('LA must be a DfE number (855), an ONS code (E10000018) or a name (Leicestershire)');
    }
    if (!hit) throw naError(`Unknown local authority "${String(query)}" in release ${this.release.id}`);
    return hit;
  }

  laByNumberOrNull(n: number): La | null {
    return this.laByNumber.get(n) ?? null;
  }

  /** The LA's ordered neighbours under a model ("2025" default, "2021" for history). */
  neighboursOf(la: La, model: string = DEFAULT_SN_MODEL): readonly number[] {
    const table = this.neighbourModels[model];
    if (!table) throw valueError(`Unknown statistical-neighbour model "${model}"; available: ${Object.keys(this.neighbourModels).join(', ')}`);
    const group = table[String(la.number)];
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
  new Catalog({ release: info, indicators: r.indicators, las: r.las, neighbours: r.neighbours, unitCosts: r.unitCosts });
