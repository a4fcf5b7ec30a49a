/**
 * Rates per 10,000 children and what they are made of. LAIT publishes the rate (LAC, CPP_rate, …) and the
 * count (LACnum, CPP_Num, …) but not the population; the research data's EES file of ONS mid-year
 * estimates has it (children aged 0 to 17, mid-2012 to mid-2024, every LA, region and England). DfE
 * divides a year's count at 31 March by the previous mid-year's estimate, so the release carries the
 * population as one more measure, `ONS_Pop0to17`, labelled by the year whose rates it is the denominator
 * of ("2025" holds the mid-2024 estimate). A rate is then paired with its count and this population only
 * when count / population × 10,000, rounded as the rate is published, reproduces the rate for (almost)
 * every LA-year — the same proof as the percentages (counts.ts), with the same allowance for DfE's
 * rounding of counts to the nearest 5 or 10.
 */
import { z } from 'zod';
import type { Indicator, La } from '../release/schema';
import { column, readCsv, validateRow } from './csv';
import { MIN_AGREEMENT, MIN_CHECKED, type PairingReport } from './counts';
import { ImportError } from './errors';
import { parsePublishedValue } from './values';
import { eesGeography } from './ees';

export const POPULATION_FILE = 'csc_outcomes_enablers/ons_mid-year_population_estimates_2012_to_2024.csv';
export const POPULATION_KEY = 'ONS_Pop0to17';
const AGE_GROUP = 'Children aged 0 to 17 years';
const PER = 10_000;

const RowSchema = z.object({
  time_period: z
    .string()
    .regex(/^\d{4}$/, 'expected a mid-year such as 2024')
    .transform(Number),
  geographic_level: z.enum(['National', 'Regional', 'Local authority']),
  country_code: z.string(),
  region_code: z.string(),
  old_la_code: z.string(),
  age_group: z.string(),
  population_estimate: z.string(),
});
const COLUMNS = ['time_period', 'geographic_level', 'country_code', 'region_code', 'old_la_code', 'age_group', 'population_estimate'] as const;

/** Mid-year → LA number (LAs, England 970, regions by their ONS code) → children aged 0–17. */
export function parsePopulation(file: string, text: string, las: readonly La[]): Map<number, Map<number, number>> {
  const table = readCsv(file, text);
  const at = COLUMNS.map((c) => column(table, c));
  const byOns = new Map(las.filter((l) => l.kind !== 'la' && l.ons).map((l) => [l.ons as string, l.number]));
  const known = new Set(las.map((l) => l.number));
  const out = new Map<number, Map<number, number>>();
  table.rows.forEach((row, i) => {
    if (row[at[5]!] !== AGE_GROUP) return;
    const r = validateRow(table, i, RowSchema, Object.fromEntries(COLUMNS.map((c, k) => [c, row[at[k]!] ?? ''])), COLUMNS);
    const n = eesGeography(r, byOns);
    if (n === null || !known.has(n)) return; // combined or unknown geographies: nothing to pair with
    let value: number | null;
    try {
      value = parsePublishedValue(r.population_estimate);
    } catch {
      throw new ImportError(file, table.lineOf(i), `population_estimate is not a number: "${r.population_estimate}"`);
    }
    if (value === null) return;
    const year = out.get(r.time_period) ?? new Map<number, number>();
    out.set(r.time_period, year);
    year.set(n, value);
  });
  if (out.size === 0) throw new ImportError(file, 1, `no rows for "${AGE_GROUP}"`);
  return out;
}

/** The population as a release measure: reporting year label (mid-year + 1) → column aligned with `las`. */
export function populationMeasure(
  pop: ReadonlyMap<number, ReadonlyMap<number, number>>,
  las: readonly La[],
): { indicator: Indicator; values: Record<string, (number | null)[]> } {
  const mids = [...pop.keys()].sort((a, b) => a - b);
  const years = mids.map((m) => String(m + 1));
  const values = Object.fromEntries(mids.map((m) => [String(m + 1), las.map((l) => pop.get(m)?.get(l.number) ?? null)]));
  return {
    indicator: {
      key: POPULATION_KEY,
      name: "Children aged 0 to 17: ONS mid-year population estimate (the denominator of the year's rates per 10,000)",
      topic: 'Population',
      unit: 'Children aged 0 to 17',
      dps: 0,
      polarity: null,
      noQuartile: true,
      yearType: 'Annual',
      description: `ONS mid-year estimate of the population aged 0 to 17, as DfE divides by for rates per 10,000 children: the year labelled ${years.at(-1)} holds the mid-${mids.at(-1)} estimate (a count at 31 March over the previous mid-year).`,
      source: 'https://explore-education-statistics.service.gov.uk/find-statistics/children-looked-after-in-england-including-adoptions',
      aliases: [],
      years,
    },
    values,
  };
}

type Values = Readonly<Record<string, Readonly<Record<string, readonly (number | null)[]>>>>;

/** Published counts may be rounded to the nearest 10 (±5) or 5 (±2.5); the population is not rounded. */
const slackOf = (x: number): number => (x % 10 === 0 ? 5 : x % 5 === 0 ? 2.5 : 0);

const isWholeCountMeasure = (i: Indicator, values: Values): boolean =>
  i.polarity === null &&
  i.key !== POPULATION_KEY &&
  Object.values(values[i.key] ?? {}).every((col) => col.every((v) => v === null || (Number.isInteger(v) && v >= 0)));

/**
 * Every "Rate per 10,000" indicator's proven count among the release's whole-number measures, with the
 * population as denominator. LA rows only are checked (England and regions are sums of them).
 */
export function proveRatePairs(indicators: readonly Indicator[], values: Values, las: readonly La[]): PairingReport[] {
  const pop = values[POPULATION_KEY];
  if (!pop) return [];
  const rows = las.flatMap((l, i) => (l.kind === 'la' ? [i] : []));
  const counts = indicators.filter((i) => isWholeCountMeasure(i, values));
  const out: PairingReport[] = [];
  for (const rate of indicators.filter((i) => /^rate per 10,000$/i.test(i.unit.trim()))) {
    const published = values[rate.key] ?? {};
    // Rates without dps in the dictionary are published as whole numbers.
    const tol = 0.5 * 10 ** -(rate.dps ?? 0) + 1e-9;
    let best: PairingReport | null = null;
    for (const count of counts) {
      const num = values[count.key] ?? {};
      // Judged year by year: a year whose rate the counts do not reproduce (LAC before 2019 is not
      // LACnum over this population) is left out of the pair, so no interval is ever built from it.
      let checked = 0;
      let agree = 0;
      let exact = 0;
      const held: string[] = [];
      for (const [year, column] of Object.entries(published)) {
        const xs = num[year];
        const ns = pop[year];
        if (!xs || !ns) continue;
        let c = 0;
        let a = 0;
        let e = 0;
        for (const i of rows) {
          const v = column[i];
          const x = xs[i];
          const n = ns[i];
          if (v === null || v === undefined || x === null || x === undefined || n === null || n === undefined || !(n > 0)) continue;
          c++;
          const r = (x / n) * PER;
          if (Math.abs(r - v) <= tol) {
            a++;
            e++;
          } else {
            const s = slackOf(x);
            if (v >= (Math.max(0, x - s) / n) * PER - tol && v <= ((x + s) / n) * PER + tol) a++;
          }
        }
        if (c === 0 || a < c * MIN_AGREEMENT) continue;
        held.push(year);
        checked += c;
        agree += a;
        exact += e;
      }
      if (checked < MIN_CHECKED) continue;
      const share = agree / checked;
      if (!best || checked > best.checked || (checked === best.checked && share > best.agreement)) {
        const all = held.length === Object.keys(published).length;
        best = {
          indicator: rate.key,
          numerator: count.key,
          denominator: POPULATION_KEY,
          multiplier: PER,
          method: 'rate',
          agreement: share,
          exact: exact / checked,
          checked,
          ...(all ? {} : { years: held.sort() }),
        };
      }
    }
    if (best && best.agreement >= MIN_AGREEMENT) out.push(best);
  }
  return out;
}
