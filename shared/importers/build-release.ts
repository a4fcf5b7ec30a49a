/**
 * DfE files → one validated release. Joins LAIT's long data (values, LAs), its dictionary (indicator
 * metadata), EES CSVs (ONS codes, the child population and counts LAIT does not publish) and the
 * statistical-neighbour groups; throws rather than return a
 * release that is partly built or fails the schema.
 */
import { assertConsistent } from '../release/consistency';
import { countsOf, proveCountPairs } from './counts';
import { EES_PAIRS, eesCountMeasures, parseEesCounts, type EesCounts } from './ees-counts';
import { parsePopulation, populationMeasure, POPULATION_FILE, proveRatePairs } from './population';
import { contentHashOf } from '../release/hash';
import { ReleaseSchema, SCHEMA_VERSION, type Indicator, type La, type Release } from '../release/schema';
import { normaliseName } from '../release/catalog';
import { sortYears } from '../release/years';
import { INDICATOR_ALIASES } from './aliases';
import { parseDictionary, type DictionaryEntry } from './dictionary';
import { parseEesCodes, type EesCodes } from './ees';
import { ImportError } from './errors';
import { parseLait, type LaitTable } from './lait';
import { parseSn2021, parseSn2025 } from './sn-groups';
import { UNIT_COST_TYPES } from './unit-costs';

export const LAIT_DATA = 'lait/bds_long.csv';
export const LAIT_DICTIONARY = 'lait/lait_data_dictionary.csv';
export const SN_2025 = 'csc_outcomes_enablers/sn_model_2025_wide.csv';
export const SN_2021 = 'csc_outcomes_enablers/New_Statistical_Neighbour_Groupings_April_2021.csv';
/** EES tidy CSVs read for ONS codes (together they cover every LA number, old and new) and counts (ees-counts.ts). */
export const EES_FILES = [
  'b1_children_in_need_2013_to_2025.csv',
  'c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv',
  'cla_number_and_rate_per_10k_children.csv',
  'csww_indicators_2017_to_2025.csv',
  'd3_cpps_subsequent_plan_2013_to_2025.csv',
  'd5_cpps_at31march_by_duration_2013_to_2025.csv',
  'la_cla_during_year_new_placements.csv',
  'la_cla_placement_stability.csv',
  'la_cla_school_moves.csv',
  'la_cla_swcount.csv',
  'ons_mid-year_population_estimates_2012_to_2024.csv',
].map((f) => `csc_outcomes_enablers/${f}`);
export const RELEASE_INPUTS = [LAIT_DATA, LAIT_DICTIONARY, SN_2025, SN_2021, ...EES_FILES];

/** The research-data snapshot (see its README): top folder → source repository and commit. */
export const SNAPSHOTS: Readonly<Record<string, { repo: string; commit: string }>> = {
  lait: { repo: 'dfe-analytical-services/local-authority-interactive-tool', commit: '2e30e3959a6ab8b2d22941b84764da41a40ac91b' },
  csc_outcomes_enablers: { repo: 'dfe-analytical-services/CSC_outcomes_and_enablers', commit: '2f5d11a431050523dab58810083259d3313029ae' },
};

export const ATTRIBUTION =
  'Contains public sector information licensed under the Open Government Licence v3.0. Source: Department for Education (and ONS/MHCLG where noted).';

export interface InputFile {
  text: string;
  repo: string;
  commit: string;
  sha256: string;
}
/** Each input's text and provenance by its path relative to the research-data dir. */
export type ReleaseInputFiles = Readonly<Record<string, InputFile>>;

export interface BuildOptions {
  id?: string;
  title?: string;
  asOf?: string;
  sha256: (s: string) => string;
  /** Dictionary topics to include (case-insensitive); all when omitted. */
  topics?: string[];
}

function need(files: ReleaseInputFiles, path: string): InputFile {
  const f = files[path];
  if (!f) throw new Error(`missing input file ${path}`);
  return f;
}

function selectIndicators(dictionary: Map<string, DictionaryEntry>, topics?: string[]): DictionaryEntry[] {
  const all = [...dictionary.values()];
  if (!topics?.length) return all;
  const known = new Set(all.flatMap((e) => e.topics));
  const wanted = new Set(topics.map((t) => t.trim().toLowerCase()));
  for (const t of topics) {
    if (![...known].some((k) => k.toLowerCase() === t.trim().toLowerCase())) throw new Error(`unknown topic "${t}"; topics: ${[...known].join('; ')}`);
  }
  return all.filter((e) => e.topics.some((t) => wanted.has(t.toLowerCase())));
}

const hasYear = (label: string): boolean => /\d{4}/.test(label);

const kindOf = (n: number): La['kind'] | null => (n < 970 ? 'la' : n === 970 ? 'england' : n >= 980 && n <= 990 ? 'region' : null);

/** LAIT writes "London (Inner)" and "Yorkshire and the Humber" where EES has "Inner London" and "… The Humber". */
const regionKey = (name: string): string => normaliseName(name.replace(/^London \((Inner|Outer)\)$/, '$1 London'));

/** A geography's ONS code(s), from whichever source the release names for them. */
export type OnsCodesOf = (n: number, kind: La['kind'], name: string) => { ons: string | null; otherOns?: string[] };

/** ONS codes from EES files (they carry both identifiers). */
export function eesCodesOf(ees: EesCodes): OnsCodesOf {
  const regionCodes = new Map([...ees.regions].map(([name, code]) => [regionKey(name), code]));
  return (n, kind, name) => {
    const ons = kind === 'la' ? ees.las.get(n) : kind === 'england' ? ees.england : regionCodes.get(regionKey(name));
    const otherOns = kind === 'la' ? ees.otherLas.get(n) : undefined;
    return { ons: ons ?? null, ...(otherOns ? { otherOns } : {}) };
  };
}

function buildLas(lait: LaitTable, laitFile: string, codesOf: OnsCodesOf): La[] {
  const byNumber = new Map<number, La>();
  lait.records.forEach((r, i) => {
    const seen = byNumber.get(r.laNumber);
    if (seen) {
      if (seen.name !== r.laName) throw new ImportError(laitFile, lait.lineOf(i), `LA ${r.laNumber} is "${r.laName}" here but "${seen.name}" earlier`);
      return;
    }
    const kind = kindOf(r.laNumber);
    if (!kind) throw new ImportError(laitFile, lait.lineOf(i), `LA Number ${r.laNumber} is neither an LA (<970), England (970) nor a region (980-990)`);
    const { ons, otherOns } = codesOf(r.laNumber, kind, r.laName);
    byNumber.set(r.laNumber, {
      number: r.laNumber,
      ons,
      ...(otherOns ? { otherOns } : {}),
      name: r.laName,
      region: kind === 'la' ? r.region : null,
      kind,
      current: true,
    });
  });
  return [...byNumber.values()].sort((a, b) => a.number - b.number);
}

/** Lower-case aliases, checked unique and never another indicator's key or name. */
function applyAliases(indicators: Indicator[]): void {
  const owner = new Map<string, string>();
  for (const i of indicators) {
    owner.set(normaliseName(i.key), i.key);
    if (owner.get(normaliseName(i.name)) === undefined) owner.set(normaliseName(i.name), i.key);
  }
  for (const i of indicators) {
    for (const alias of INDICATOR_ALIASES[i.key] ?? []) {
      const taken = owner.get(normaliseName(alias));
      if (taken !== undefined && taken !== i.key) throw new Error(`alias "${alias}" of ${i.key} clashes with ${taken}`);
      owner.set(normaliseName(alias), i.key);
      i.aliases.push(alias.toLowerCase());
    }
  }
}

/**
 * What a release is made of once each input is parsed: the research folder's CSVs (buildRelease) and a
 * LAIT vintage folder (vintage.ts) both come to this, so both are joined and checked by the same code.
 */
export interface ReleaseParts {
  lait: LaitTable;
  /** The path errors in the long data are reported against. */
  laitFile: string;
  dictionary: Map<string, DictionaryEntry>;
  dictionaryFile: string;
  onsCodes: OnsCodesOf;
  /** ONS children 0–17 by mid-year → LA number (given the release's geographies); null: none to carry. */
  population: ((las: readonly La[]) => Map<number, Map<number, number>>) | null;
  /** The EES count measures named (ees-counts.ts), given the release's geographies; null: none. */
  eesCounts: ((las: readonly La[], keys: ReadonlySet<string>) => EesCounts) | null;
  /** SN model → groups, each LA and neighbour checked against the release's LA numbers. */
  neighbours: (known: ReadonlySet<number>) => Release['neighbours'];
  sources: Release['sources'];
  /** Defaults of the id, title and as-of date when the options give none. */
  id: string;
  title: string;
  asOf: string;
}

export function buildRelease(files: ReleaseInputFiles, opts: BuildOptions): Release {
  const eesPaths = Object.keys(files)
    .filter((p) => ![LAIT_DATA, LAIT_DICTIONARY, SN_2025, SN_2021].includes(p))
    .sort();
  const populationFile = files[POPULATION_FILE];
  return assembleRelease(
    {
      dictionary: parseDictionary(LAIT_DICTIONARY, need(files, LAIT_DICTIONARY).text),
      dictionaryFile: LAIT_DICTIONARY,
      lait: parseLait(LAIT_DATA, need(files, LAIT_DATA).text),
      laitFile: LAIT_DATA,
      onsCodes: eesCodesOf(parseEesCodes(eesPaths.map((file) => ({ file, text: need(files, file).text })))),
      population: populationFile ? (las) => parsePopulation(POPULATION_FILE, populationFile.text, las) : null,
      eesCounts: (las, keys) =>
        parseEesCounts(
          eesPaths.map((file) => ({ file, text: need(files, file).text })),
          las,
          keys,
        ),
      neighbours: (known) => ({
        '2025': parseSn2025(SN_2025, need(files, SN_2025).text, known),
        '2021': parseSn2021(SN_2021, need(files, SN_2021).text, known),
      }),
      sources: [LAIT_DATA, LAIT_DICTIONARY, SN_2025, SN_2021, ...eesPaths].sort().map((path) => {
        const { repo, commit, sha256 } = need(files, path);
        return { path, repo, commit, sha256 };
      }),
      // A release is immutable: this import holds values as published to the last digit and EES counts, so
      // it is a new release of the same snapshot, not the one first published as dfe-lait-2026-04.
      id: 'dfe-lait-2026-04-r2',
      title: "DfE LAIT children's services benchmarks, April 2026 snapshot",
      asOf: '2026-04-27',
    },
    opts,
  );
}

const isRatePer10k = (i: Indicator): boolean => /^rate per 10,000$/i.test(i.unit.trim());

/** The latest year (its first four digits) in which a rate per 10,000 has a published LA value; null when none. */
function latestRateYear(indicators: readonly Indicator[], values: Release['values'], las: readonly La[]): number | null {
  let latest: number | null = null;
  for (const i of indicators.filter(isRatePer10k)) {
    for (const [label, column] of Object.entries(values[i.key] ?? {})) {
      const year = Number(/\d{4}/.exec(label)?.[0]);
      if ((latest === null || year > latest) && column.some((v, k) => v !== null && las[k]?.kind === 'la')) latest = year;
    }
  }
  return latest;
}

export function assembleRelease(parts: ReleaseParts, opts: BuildOptions): Release {
  const { dictionary, lait, laitFile } = parts;
  const las = buildLas(lait, laitFile, parts.onsCodes);
  const laIndex = new Map(las.map((la, i) => [la.number, i]));

  // Every measure needs its dictionary row; records of unselected topics are then dropped.
  const selected = new Set(selectIndicators(dictionary, opts.topics).map((e) => e.key));
  const yearValues = new Map<string, Map<string, (number | null)[]>>();
  lait.records.forEach((r, i) => {
    if (!dictionary.has(r.key)) throw new ImportError(laitFile, lait.lineOf(i), `measure "${r.key}" has no row in ${parts.dictionaryFile}`);
    if (!selected.has(r.key)) return;
    const byYear = yearValues.get(r.key) ?? new Map<string, (number | null)[]>();
    yearValues.set(r.key, byYear);
    const column = byYear.get(r.year) ?? Array<number | null>(las.length).fill(null);
    byYear.set(r.year, column);
    column[laIndex.get(r.laNumber) as number] = r.value;
  });

  const indicators: Indicator[] = [];
  const values: Release['values'] = {};
  for (const e of dictionary.values()) {
    const byYear = yearValues.get(e.key);
    if (!byYear) continue;
    // A label with no four-digit year is dropped when it is all missing (CINPermExclusion's "0"), else refused.
    for (const [label, column] of byYear) {
      if (hasYear(label) || column.every((v) => v === null)) continue;
      const line = lait.lineOf(lait.records.findIndex((r) => r.key === e.key && r.year === label));
      throw new ImportError(laitFile, line, `year label "${label}" of ${e.key} has no year in it`);
    }
    const years = sortYears([...byYear.keys()].filter(hasYear));
    indicators.push({
      key: e.key,
      name: e.name,
      topic: e.topic,
      unit: e.unit,
      dps: e.dps,
      polarity: e.polarity,
      noQuartile: e.noQuartile,
      yearType: e.yearType,
      description: e.description,
      source: e.source,
      aliases: [],
      years,
    });
    values[e.key] = Object.fromEntries(years.map((y) => [y, byYear.get(y) ?? []]));
  }
  applyAliases(indicators);

  // Current = a value in the latest year of at least a quarter of the indicators. Pre-reorganisation LAs
  // keep a few (youth justice still runs on the old Dorset and Northamptonshire footprints: 4-32 of 434);
  // current LAs have 179 or more, even the City of London and the Isles of Scilly.
  const latest = indicators.map((ind) => values[ind.key]?.[ind.years[ind.years.length - 1] ?? ''] ?? []);
  for (const [i, la] of las.entries()) la.current = latest.filter((column) => column[i] != null).length >= indicators.length / 4;

  // Rates per 10,000 need the ONS child population, which LAIT does not publish: carried as one more
  // measure, for no year after the latest rate the data publishes (an earlier vintage gets no later estimate).
  const rateYear = latestRateYear(indicators, values, las);
  if (parts.population && rateYear !== null) {
    const pop = new Map([...parts.population(las)].filter(([mid]) => mid + 1 <= rateYear));
    if (pop.size > 0) {
      const measure = populationMeasure(pop, las);
      indicators.push(measure.indicator);
      values[measure.indicator.key] = measure.values;
    }
  }

  // Counts LAIT publishes beside its own percentages and rates come first; for an indicator still without
  // counts, those an EES file publishes (ees-counts.ts), carried as measures of their own.
  const pairs = [...proveCountPairs(indicators, values, las), ...proveRatePairs(indicators, values, las)];
  if (parts.eesCounts) {
    const proven = new Set(pairs.map((p) => p.indicator));
    const wanted = new Set(EES_PAIRS.filter((p) => !proven.has(p.indicator) && values[p.indicator]).flatMap((p) => [p.numerator, p.denominator]));
    const ees = eesCountMeasures(indicators, values, las, parts.eesCounts(las, wanted), proven);
    indicators.push(...ees.indicators);
    Object.assign(values, ees.values);
    pairs.push(...ees.pairs);
  }

  const keys = new Set(indicators.map((i) => i.key));
  const topicNote = opts.topics?.length ? ` (topics: ${opts.topics.join(', ')})` : '';
  const release = {
    schemaVersion: SCHEMA_VERSION,
    id: opts.id ?? parts.id,
    title: opts.title ?? `${parts.title}${topicNote}`,
    asOf: opts.asOf ?? parts.asOf,
    attribution: ATTRIBUTION,
    sources: parts.sources,
    las,
    indicators,
    values,
    neighbours: parts.neighbours(new Set(laIndex.keys())),
    unitCosts: UNIT_COST_TYPES.filter((u) => keys.has(u.measure)).map((u) => ({ ...u, aliases: [...u.aliases] })),
    counts: countsOf(pairs),
  };
  assertConsistent(release, 'import'); // a release that contradicts itself is never written
  return ReleaseSchema.parse({ ...release, contentHash: contentHashOf(release, opts.sha256) });
}
