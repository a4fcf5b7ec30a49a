/**
 * Counts behind LAIT indicators whose numerator or denominator LAIT does not publish but DfE's EES files
 * do: ReReferral is re-referrals / referrals, and only c1 publishes the re-referrals. Each candidate below
 * names the EES rows and columns believed to make a LAIT indicator; like LAIT's own pairs (counts.ts) and
 * the rates (population.ts), it is believed only where numerator / denominator × multiplier, rounded as
 * LAIT publishes the indicator, reproduces LAIT's value for at least 95% of the LAs in a year, and only in
 * those years (`years`). The counts are carried as measures of their own (EES_…, by LA, region and
 * England) for the years LAIT publishes the indicator, and only those a proven pair uses.
 */
import { z } from 'zod';
import type { Indicator, La, Release } from '../release/schema';
import { sortYears } from '../release/years';
import { decimalsOf, MIN_AGREEMENT, MIN_CHECKED, type PairingReport } from './counts';
import { column, locate, readCsv, validateRow } from './csv';
import { ImportError } from './errors';
import { parsePublishedValue } from './values';
import { eesGeography } from './ees';

const DIR = 'csc_outcomes_enablers/';
export const C1 = `${DIR}c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv`;
export const B1 = `${DIR}b1_children_in_need_2013_to_2025.csv`;
export const D5 = `${DIR}d5_cpps_at31march_by_duration_2013_to_2025.csv`;
export const STABILITY = `${DIR}la_cla_placement_stability.csv`;
export const NEW_PLACEMENTS = `${DIR}la_cla_during_year_new_placements.csv`;
export const SCHOOL_MOVES = `${DIR}la_cla_school_moves.csv`;
export const SOCIAL_WORKERS = `${DIR}la_cla_swcount.csv`;
export const CSWW = `${DIR}csww_indicators_2017_to_2025.csv`;

export interface EesMeasureDef {
  /** The release's key for it: EES_<file>_<what>. */
  key: string;
  /** Path under the research-data folder. */
  file: string;
  /** Columns summed into the measure (posts = vacancies + social workers in post). */
  columns: readonly string[];
  /** The breakdown rows it is read from: column → value. */
  where?: Readonly<Record<string, string>>;
  name: string;
  unit: string;
  /** Full-time equivalents published to one decimal (each column may be off by 0.05); otherwise a count. */
  fte?: true;
}

const LONG_TERM = 'Children looked after continuously for at least 2.5 years on 31 March aged under 16 years';
const MID_YEAR = { cla_group: 'CLA on 31 March', move_measure: 'Mid-year moves' };
const NEW_LOCATION = 'Location of new placements during the year';

export const EES_MEASURES: readonly EesMeasureDef[] = [
  { key: 'EES_c1_referrals', file: C1, columns: ['referral_count'], name: "Referrals to children's social care in the year", unit: 'Number of referrals' },
  {
    key: 'EES_c1_rereferrals',
    file: C1,
    columns: ['rereferral_count'],
    name: 'Referrals within 12 months of a previous referral (re-referrals)',
    unit: 'Number of referrals',
  },
  { key: 'EES_c1_nfa', file: C1, columns: ['no_further_action_count'], name: 'Referrals closed with no further action', unit: 'Number of referrals' },
  {
    key: 'EES_c1_not_in_need',
    file: C1,
    columns: ['not_in_need_count'],
    name: 'Referrals where the child was assessed and found not to be in need',
    unit: 'Number of referrals',
  },
  { key: 'EES_b1_cin_at31', file: B1, columns: ['At31_episodes'], name: 'Children in need at 31 March', unit: 'Number of children' },
  { key: 'EES_d5_cpp_at31', file: D5, columns: ['CPP_At31'], name: 'Children on a child protection plan at 31 March', unit: 'Number of children' },
  {
    key: 'EES_d5_cpp_2yrs',
    file: D5,
    columns: ['2_years_or_more'],
    name: 'Children on a child protection plan at 31 March that had lasted 2 years or more',
    unit: 'Number of children',
  },
  {
    key: 'EES_stability_long_term_cla',
    file: STABILITY,
    columns: ['children_count'],
    where: { cla_group: LONG_TERM, placement_stability: 'Total children' },
    name: 'Children under 16 looked after for at least 2.5 years at 31 March',
    unit: 'Number of children',
  },
  {
    key: 'EES_stability_same_carer_2yrs',
    file: STABILITY,
    columns: ['children_count'],
    where: { cla_group: LONG_TERM, placement_stability: 'Living with the same carer for at least 2 years' },
    name: 'Children under 16 looked after for at least 2.5 years, with the same carer for at least 2 years',
    unit: 'Number of children',
  },
  {
    key: 'EES_new_placements_total',
    file: NEW_PLACEMENTS,
    columns: ['children_count'],
    where: { characteristic: NEW_LOCATION, breakdown: 'Total new placements' },
    name: 'New placements of children looked after during the year',
    unit: 'Number of placements',
  },
  {
    key: 'EES_new_placements_out_20mi',
    file: NEW_PLACEMENTS,
    columns: ['children_count'],
    where: { characteristic: NEW_LOCATION, breakdown: 'Placed outside LA boundary more than 20 miles from home' },
    name: 'New placements outside the LA boundary and more than 20 miles from home',
    unit: 'Number of placements',
  },
  {
    key: 'EES_school_moves_cla',
    file: SCHOOL_MOVES,
    columns: ['number'],
    where: { ...MID_YEAR, school_stability: 'Total children' },
    name: 'Children looked after at 31 March counted for mid-year school moves',
    unit: 'Number of children',
  },
  {
    key: 'EES_school_moves_mid_year',
    file: SCHOOL_MOVES,
    columns: ['number'],
    where: { ...MID_YEAR, school_stability: 'With one or more mid-year moves during the year' },
    name: 'Children looked after at 31 March with one or more mid-year school moves during the year',
    unit: 'Number of children',
  },
  {
    key: 'EES_social_workers_cla',
    file: SOCIAL_WORKERS,
    columns: ['number'],
    where: { cla_group: 'CLA on 31 March', sw_stability: 'Total children' },
    name: 'Children looked after at 31 March counted for changes of social worker',
    unit: 'Number of children',
  },
  {
    key: 'EES_social_workers_3plus',
    file: SOCIAL_WORKERS,
    columns: ['number'],
    where: { cla_group: 'CLA on 31 March', sw_stability: '3 or more social workers during the year' },
    name: 'Children looked after at 31 March who had 3 or more social workers during the year',
    unit: 'Number of children',
  },
  { key: 'EES_csww_inpost_fte', file: CSWW, columns: ['inpost_fte'], name: 'Children and family social workers in post (FTE)', unit: 'FTE', fte: true },
  {
    key: 'EES_csww_leavers_fte',
    file: CSWW,
    columns: ['leavers_fte'],
    name: 'Children and family social workers who left in the year (FTE)',
    unit: 'FTE',
    fte: true,
  },
  { key: 'EES_csww_vacancy_fte', file: CSWW, columns: ['vacancy_fte'], name: 'Children and family social worker vacancies (FTE)', unit: 'FTE', fte: true },
  {
    key: 'EES_csww_posts_fte',
    file: CSWW,
    columns: ['vacancy_fte', 'inpost_fte'],
    name: 'Children and family social worker posts: vacancies plus social workers in post (FTE)',
    unit: 'FTE',
    fte: true,
  },
  { key: 'EES_csww_agency_fte', file: CSWW, columns: ['agency_fte'], name: 'Agency children and family social workers (FTE)', unit: 'FTE', fte: true },
  {
    key: 'EES_csww_with_agency_fte',
    file: CSWW,
    columns: ['agency_fte', 'inpost_fte'],
    name: 'Children and family social workers in post plus agency social workers (FTE)',
    unit: 'FTE',
    fte: true,
  },
  {
    key: 'EES_csww_agency_cover_fte',
    file: CSWW,
    columns: ['agency_cover_fte'],
    name: 'Agency social workers covering vacancies (FTE)',
    unit: 'FTE',
    fte: true,
  },
  {
    key: 'EES_csww_caseholders_fte',
    file: CSWW,
    columns: ['case_holders_fte'],
    name: 'Children and family social workers holding cases (FTE)',
    unit: 'FTE',
    fte: true,
  },
];

export interface EesPairDef {
  /** The LAIT indicator the counts are believed to make. */
  indicator: string;
  numerator: string;
  /** An EES measure, or a measure of the release (the ONS child population). */
  denominator: string;
  multiplier: number;
  method: 'proportion' | 'rate';
}

const pct = (indicator: string, numerator: string, denominator: string): EesPairDef => ({
  indicator,
  numerator,
  denominator,
  multiplier: 100,
  method: 'proportion',
});

/** Every candidate, held or not (those that are not stay here so the import reports them, and docs/method.md says why). */
export const EES_PAIRS: readonly EesPairDef[] = [
  pct('ReReferral', 'EES_c1_rereferrals', 'EES_c1_referrals'),
  pct('CIN_Refferals_NFA', 'EES_c1_nfa', 'EES_c1_referrals'),
  pct('Referrals_AssessedNotNeed', 'EES_c1_not_in_need', 'EES_c1_referrals'),
  { indicator: 'CIN', numerator: 'EES_b1_cin_at31', denominator: 'ONS_Pop0to17', multiplier: 10_000, method: 'rate' },
  pct('CPPlans2yrsActive', 'EES_d5_cpp_2yrs', 'EES_d5_cpp_at31'),
  pct('LAC_LongStable%', 'EES_stability_same_carer_2yrs', 'EES_stability_long_term_cla'),
  pct('LACDistance', 'EES_new_placements_out_20mi', 'EES_new_placements_total'),
  pct('Stability_School', 'EES_school_moves_mid_year', 'EES_school_moves_cla'),
  pct('Stability_SocialWorker', 'EES_social_workers_3plus', 'EES_social_workers_cla'),
  pct('Work_Force_TO_Rate', 'EES_csww_leavers_fte', 'EES_csww_inpost_fte'),
  pct('Work_Force_Vac_Rate', 'EES_csww_vacancy_fte', 'EES_csww_posts_fte'),
  pct('Work_Force_Agecy_Rate', 'EES_csww_agency_fte', 'EES_csww_with_agency_fte'),
  pct('Work_Force_AgencyCover', 'EES_csww_agency_cover_fte', 'EES_csww_agency_fte'),
  pct('Vacancies_cover', 'EES_csww_agency_cover_fte', 'EES_csww_vacancy_fte'),
  pct('Social_Work_Caseholders_%', 'EES_csww_caseholders_fte', 'EES_csww_inpost_fte'),
];

const DEFS = new Map(EES_MEASURES.map((d) => [d.key, d]));

/** Measure key → year label → LA number (LAs, England 970, regions) → value. */
export type EesCounts = ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<number, number>>>;

export interface EesFile {
  file: string;
  text: string;
}

const ID_COLUMNS = ['time_period', 'geographic_level', 'country_code', 'region_code', 'old_la_code'] as const;
const RowSchema = z.object({
  // "2025" (a reporting year) is LAIT's label "2025"; "202425" (an academic or financial year) is "2024-25".
  time_period: z
    .string()
    .regex(/^\d{4}(\d{2})?$/, 'expected a year such as 2025 or 202425')
    .transform((t) => (t.length === 4 ? t : `${t.slice(0, 4)}-${t.slice(4)}`)),
  geographic_level: z.string(),
  country_code: z.string(),
  region_code: z.string(),
  old_la_code: z.string(),
});

/**
 * The measures named in `keys` from the EES files given (a measure whose file is absent gets no values).
 * An LA row is its DfE number; a region or England row is found by its ONS code among `las`; combined
 * ("940 / 941") and unknown geographies are skipped. A suppressed cell is missing, never 0.
 */
export function parseEesCounts(files: readonly EesFile[], las: readonly La[], keys: ReadonlySet<string>): EesCounts {
  const byOns = new Map(las.filter((l) => l.kind !== 'la' && l.ons).map((l) => [l.ons as string, l.number]));
  const known = new Set(las.map((l) => l.number));
  const out = new Map<string, Map<string, Map<number, number>>>();
  for (const { file, text } of files) {
    const defs = EES_MEASURES.filter((d) => d.file === file && keys.has(d.key));
    if (defs.length === 0) continue;
    const table = readCsv(file, text);
    const ids = ID_COLUMNS.map((c) => column(table, c));
    const at = new Map([...new Set(defs.flatMap((d) => [...d.columns, ...Object.keys(d.where ?? {})]))].map((c) => [c, column(table, c)]));
    table.rows.forEach((row, i) => {
      const r = validateRow(table, i, RowSchema, Object.fromEntries(ID_COLUMNS.map((c, k) => [c, row[ids[k]!] ?? ''])), ID_COLUMNS);
      const n = eesGeography(r, byOns);
      if (n === null || !known.has(n)) return;
      for (const d of defs) {
        if (Object.entries(d.where ?? {}).some(([c, want]) => row[at.get(c)!] !== want)) continue;
        let value: number | null = 0;
        for (const c of d.columns) {
          const v = locate(table, i, c, () => parsePublishedValue(row[at.get(c)!] ?? ''));
          value = v === null || value === null ? null : value + v;
        }
        if (value === null) continue;
        // A sum of values published to one decimal is one too (29.7 + 123.6 is 153.29999999999998 in binary).
        if (d.fte) value = Math.round(value * 10) / 10;
        const byYear = out.get(d.key) ?? new Map<string, Map<number, number>>();
        out.set(d.key, byYear);
        const column = byYear.get(r.time_period) ?? new Map<number, number>();
        byYear.set(r.time_period, column);
        const seen = column.get(n);
        if (seen !== undefined && seen !== value)
          throw new ImportError(file, table.lineOf(i), `${d.key} ${r.time_period} for ${n} is ${value} here but ${seen} on an earlier line`);
        column.set(n, value);
      }
    });
  }
  return out;
}

/** The EES measures a release already carries (a LAIT vintage takes them from the committed default). */
export function eesCountsOf(release: Pick<Release, 'las' | 'values'>): EesCounts {
  const out = new Map<string, Map<string, Map<number, number>>>();
  for (const { key } of EES_MEASURES) {
    const byYear = release.values[key];
    if (!byYear) continue;
    out.set(
      key,
      new Map(
        Object.entries(byYear).map(([year, col]) => [
          year,
          new Map(col.flatMap((v, i) => (v === null || !release.las[i] ? [] : [[release.las[i].number, v] as const]))),
        ]),
      ),
    );
  }
  return out;
}

type Values = Readonly<Record<string, Readonly<Record<string, readonly (number | null)[]>>>>;

/**
 * How far a published figure may be from the one DfE divided: counts may be rounded to the nearest 10 (±5)
 * or 5 (±2.5), as in counts.ts; FTE is published to one decimal (±0.05 per column summed); the population is exact.
 */
function slackOf(key: string, x: number): number {
  const def = DEFS.get(key);
  if (!def) return 0;
  if (def.fte) return 0.05 * def.columns.length;
  return x % 10 === 0 ? 5 : x % 5 === 0 ? 2.5 : 0;
}

export interface EesTrial extends PairingReport {
  /** Years in which the pair reproduces LAIT's value (at least 95% of the LAs checked that year). */
  held: string[];
  /** Every year checked, with LAs agreeing / checked. */
  byYear: Record<string, { agree: number; checked: number }>;
}

/**
 * Each candidate whose indicator the release has and has no proven counts for yet (`skip`), judged year by
 * year on LA rows (England and regions are sums of them). agreement, exact and checked are over the years
 * that hold; a candidate with none reports the whole trial.
 */
export function tryEesPairs(indicators: readonly Indicator[], values: Values, las: readonly La[], counts: EesCounts, skip: ReadonlySet<string>): EesTrial[] {
  const rows = las.flatMap((l, i) => (l.kind === 'la' ? [i] : []));
  const byKey = new Map(indicators.map((i) => [i.key, i]));
  const valueOf = (key: string, year: string, i: number): number | null =>
    DEFS.has(key) ? (counts.get(key)?.get(year)?.get(las[i]!.number) ?? null) : (values[key]?.[year]?.[i] ?? null);
  const out: EesTrial[] = [];
  for (const pair of EES_PAIRS) {
    const ind = byKey.get(pair.indicator);
    if (!ind || skip.has(ind.key)) continue;
    const published = values[ind.key] ?? {};
    const tol = 0.5 * 10 ** -decimalsOf(ind, values) + 1e-9;
    const byYear: EesTrial['byYear'] = {};
    const held: string[] = [];
    const total = { checked: 0, agree: 0, exact: 0 };
    const kept = { checked: 0, agree: 0, exact: 0 };
    for (const year of ind.years) {
      let c = 0;
      let a = 0;
      let e = 0;
      for (const i of rows) {
        const v = published[year]?.[i];
        const x = valueOf(pair.numerator, year, i);
        const n = valueOf(pair.denominator, year, i);
        if (v === null || v === undefined || x === null || n === null || !(n > 0) || (pair.method === 'proportion' && x > n)) continue;
        c++;
        const m = pair.multiplier;
        if (Math.abs((x / n) * m - v) <= tol) {
          a++;
          e++;
          continue;
        }
        const sx = slackOf(pair.numerator, x);
        const sn = slackOf(pair.denominator, n);
        const lo = (Math.max(0, x - sx) / (n + sn)) * m - tol;
        const hi = n - sn > 0 ? Math.min(pair.method === 'proportion' ? 1 : Infinity, (x + sx) / (n - sn)) * m + tol : Infinity;
        if (v >= lo && v <= hi) a++;
      }
      if (c === 0) continue;
      byYear[year] = { agree: a, checked: c };
      total.checked += c;
      total.agree += a;
      total.exact += e;
      if (a < c * MIN_AGREEMENT) continue;
      held.push(year);
      kept.checked += c;
      kept.agree += a;
      kept.exact += e;
    }
    const s = held.length > 0 ? kept : total;
    out.push({
      ...pair,
      agreement: s.checked ? s.agree / s.checked : 0,
      exact: s.checked ? s.exact / s.checked : 0,
      checked: s.checked,
      // Absent only when the pair holds in every year LAIT publishes the indicator.
      ...(held.length === ind.years.length ? {} : { years: held }),
      held,
      byYear,
    });
  }
  return out;
}

/** A trial is a proven pair when it holds in some years over at least MIN_CHECKED LA-years. */
export const holds = (t: EesTrial): boolean => t.held.length > 0 && t.checked >= MIN_CHECKED && t.agreement >= MIN_AGREEMENT;

export interface EesCountMeasures {
  /** The proven pairs, as counts.ts reports them. */
  pairs: PairingReport[];
  /** Every candidate tried, held or not. */
  trials: EesTrial[];
  /** The EES measures the proven pairs use, for the years LAIT publishes their indicators. */
  indicators: Indicator[];
  values: Record<string, Record<string, (number | null)[]>>;
}

/**
 * The release's EES counts: every candidate tried, the proven pairs, and their EES measures as release
 * measures (columns aligned with `las`). A measure takes its year type, topic and source from the first
 * indicator it proves, so a year label means the same on both.
 */
export function eesCountMeasures(
  indicators: readonly Indicator[],
  values: Values,
  las: readonly La[],
  counts: EesCounts,
  skip: ReadonlySet<string>,
): EesCountMeasures {
  const trials = tryEesPairs(indicators, values, las, counts, skip);
  const proven = trials.filter(holds);
  const byKey = new Map(indicators.map((i) => [i.key, i]));
  const uses = new Map<string, Indicator[]>();
  for (const t of proven) {
    for (const side of [t.numerator, t.denominator]) if (DEFS.has(side)) uses.set(side, [...(uses.get(side) ?? []), byKey.get(t.indicator)!]);
  }
  const outIndicators: Indicator[] = [];
  const outValues: EesCountMeasures['values'] = {};
  for (const def of EES_MEASURES) {
    const targets = uses.get(def.key);
    const first = targets?.[0];
    if (!targets || !first) continue;
    const byYear = counts.get(def.key);
    const years = sortYears([...new Set(targets.flatMap((t) => t.years))].filter((y) => (byYear?.get(y)?.size ?? 0) > 0));
    if (years.length === 0) continue;
    const roles = proven.flatMap((t) =>
      t.numerator === def.key ? [`the numerator of ${t.indicator}`] : t.denominator === def.key ? [`the denominator of ${t.indicator}`] : [],
    );
    outIndicators.push({
      key: def.key,
      name: `${def.name} (EES count)`,
      topic: first.topic,
      unit: def.unit,
      dps: def.fte ? 1 : 0,
      polarity: null,
      noQuartile: true,
      yearType: first.yearType,
      description: `${def.columns.join(' + ')} from the EES file ${def.file.replace(/^.*\//, '')}${
        def.where ? ` (${Object.values(def.where).join('; ')})` : ''
      }: ${roles.join(' and ')}, for the years LAIT publishes ${targets.length > 1 ? 'them' : 'it'}.`,
      source: first.source,
      aliases: [],
      years,
    });
    outValues[def.key] = Object.fromEntries(years.map((y) => [y, las.map((l) => byYear?.get(y)?.get(l.number) ?? null)]));
  }
  return {
    pairs: proven.map(({ held: _held, byYear: _byYear, ...report }) => report),
    trials,
    indicators: outIndicators,
    values: outValues,
  };
}

/** The files the candidates read (for the importer's inputs). */
export const EES_COUNT_FILES: readonly string[] = [...new Set(EES_MEASURES.map((d) => d.file))];
