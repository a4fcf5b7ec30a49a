/**
 * Explore-education-statistics (EES) tidy CSVs carry both LA identifiers: the DfE 3-digit number
 * (`old_la_code`) and the ONS code (`new_la_code`), plus region (E12…, E13… for Inner/Outer London) and
 * England (E92000001) codes. LAIT has only the numbers, so these files supply the ONS codes.
 */
import { z } from 'zod';
import { column, readCsv, validateRow } from './csv';

export interface EesFile {
  file: string;
  text: string;
}

export interface EesCodes {
  /** DfE LA number → ONS code (the one in use in the latest period it appears). */
  las: Map<number, string>;
  /** DfE LA number → the other ONS codes it has been published under (re-coded LAs), sorted. */
  otherLas: Map<number, string[]>;
  /** Region name as EES writes it ("Yorkshire and The Humber", "Inner London") → ONS code. */
  regions: Map<string, string>;
  england: string | null;
}

const COLUMNS = ['time_period', 'geographic_level', 'country_code', 'region_code', 'region_name', 'old_la_code', 'new_la_code'] as const;
const ons = z.string().regex(/^E\d{8}$/, 'expected an ONS code such as E10000018');
const optionalOns = z.union([z.literal(''), ons]);

const RowSchema = z.object({
  time_period: z
    .string()
    .regex(/^\d{4}/, 'expected a period starting with a year, e.g. 2025 or 202425')
    .transform((t) => Number(t.slice(0, 4))),
  geographic_level: z.string(),
  country_code: optionalOns,
  region_code: optionalOns,
  region_name: z.string(),
  // Combined reporting ("940 / 941") is not one LA: kept as text and skipped below.
  old_la_code: z.union([z.literal(''), z.string().regex(/^\d{3}$/, 'expected a 3-digit DfE LA number'), z.string().includes(' / ')]),
  new_la_code: z.union([optionalOns, z.string().includes(' / ')]),
});

interface Seen {
  year: number;
  rows: number;
}

export function parseEesCodes(files: readonly EesFile[]): EesCodes {
  const laCodes = new Map<number, Map<string, Seen>>();
  const regions = new Map<string, string>();
  let england: string | null = null;
  for (const { file, text } of files) {
    const table = readCsv(file, text);
    const at = COLUMNS.map((c) => column(table, c));
    table.rows.forEach((row, i) => {
      const r = validateRow(table, i, RowSchema, Object.fromEntries(COLUMNS.map((c, k) => [c, row[at[k] ?? -1]])));
      if (r.country_code) england = r.country_code;
      if (r.region_code && r.region_name) regions.set(r.region_name, r.region_code);
      if (r.geographic_level !== 'Local authority' || !/^\d{3}$/.test(r.old_la_code) || !/^E\d{8}$/.test(r.new_la_code)) return;
      const codes = laCodes.get(Number(r.old_la_code)) ?? new Map<string, Seen>();
      laCodes.set(Number(r.old_la_code), codes);
      const seen = codes.get(r.new_la_code);
      if (!seen || r.time_period > seen.year) codes.set(r.new_la_code, { year: r.time_period, rows: 1 });
      else if (r.time_period === seen.year) seen.rows++;
    });
  }
  // An LA re-coded by ONS (North Yorkshire E10000023 → E06000065) appears under both codes: the code of
  // its latest period wins; within that period the code most rows use (DfE's own usage), then the higher.
  const las = new Map<number, string>();
  const otherLas = new Map<number, string[]>();
  for (const [n, codes] of laCodes) {
    const [best, ...others] = [...codes].sort(([a, x], [b, y]) => y.year - x.year || y.rows - x.rows || b.localeCompare(a));
    if (best) las.set(n, best[0]);
    // Kept so a user typing either code finds the LA (Barnsley is E08000016 in most 2025 files, E08000038 in some).
    if (others.length) otherLas.set(n, others.map(([code]) => code).sort());
  }
  return { las, otherLas, regions, england };
}

/**
 * The LA number an EES row is about: an LA by its three-digit code, England and regions by their ONS
 * codes (`byOns`); null for any other geography (combined authorities, local skills areas…).
 */
export function eesGeography(
  r: { geographic_level: string; old_la_code: string; country_code: string; region_code: string },
  byOns: ReadonlyMap<string, number>,
): number | null {
  if (r.geographic_level === 'Local authority') return /^\d{3}$/.test(r.old_la_code) ? Number(r.old_la_code) : null;
  if (r.geographic_level === 'National') return byOns.get(r.country_code) ?? null;
  if (r.geographic_level === 'Regional') return byOns.get(r.region_code) ?? null;
  return null;
}
