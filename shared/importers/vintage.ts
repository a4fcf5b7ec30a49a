/**
 * A release from one LAIT vintage: LAIT's data files exactly as DfE committed them on one day
 * (`YYYY-MM-DD_<commit>/`: bds_long_0.parquet, lait_data_dictionary.csv, sn_april_2021.xlsx, and
 * sn_may_2025.xlsx from May 2025). The release is as of that day. What the vintage does not hold — ONS
 * codes and the ONS child population behind the rates — comes from a reference release (the committed
 * default), whose sources for them are recorded; no population is carried for a year after the latest
 * rate the vintage publishes, so an earlier vintage never gains a later year's values.
 */
import { type Release } from '../release/schema';
import { assembleRelease, EES_FILES, type BuildOptions } from './build-release';
import { parseDictionary } from './dictionary';
import { ImportError } from './errors';
import type { LaitTable } from './lait';
import { eesCountsOf } from './ees-counts';
import { POPULATION_KEY } from './population';
import { parseSnWorkbook } from './sn-groups';

export const LAIT_REPO = 'dfe-analytical-services/local-authority-interactive-tool';
/** Where the files live in LAIT's repository. */
export const LAIT_PROD = '01_data/02_prod';
export const VINTAGE_DATA = 'bds_long_0.parquet';
export const VINTAGE_DICTIONARY = 'lait_data_dictionary.csv';
/** SN model → LAIT's workbook of it (the 2025 one exists from 2025-05-28 on). */
export const VINTAGE_SN: Readonly<Record<string, string>> = { '2025': 'sn_may_2025.xlsx', '2021': 'sn_april_2021.xlsx' };

export interface Vintage {
  /** The day DfE committed it (ISO date). */
  date: string;
  /** The commit, full (from vintages.csv) or as short as the folder name has it. */
  commit: string;
  /** Its place among the vintages of the same day, 1 first (vintages.csv lists them in commit order). */
  sequence?: number;
}

/** "2025-11-25_eefad99" → its date and commit; null for any other name. */
export function vintageOfFolder(name: string): Vintage | null {
  const m = /^(\d{4}-\d{2}-\d{2})_([0-9a-f]{7,40})$/.exec(name);
  if (!m) return null;
  const [, date = '', commit = ''] = m;
  const d = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date ? null : { date, commit };
}

/**
 * A release id for a vintage: "lait-2025-11-25-eefad99". A second vintage of the same day is
 * "lait-2025-07-14.2-00c38ec", so ids sort as DfE committed them where the as-of date ties.
 */
export const vintageReleaseId = (v: Vintage): string => `lait-${v.date}${v.sequence && v.sequence > 1 ? `.${v.sequence}` : ''}-${v.commit.slice(0, 7)}`;

export interface VintageFile {
  sha256: string;
}

export interface VintageInputs {
  vintage: Vintage;
  /** The long data, already read (lait-parquet.ts, or lait.ts for a CSV). */
  lait: LaitTable & VintageFile & { name: string };
  dictionary: VintageFile & { text: string };
  /** SN model → the rows of its workbook's "LA SN Groups" sheet (the models the vintage has). */
  sn: Readonly<Record<string, VintageFile & { rows: readonly (readonly string[])[] }>>;
  /** The release ONS codes and the population come from, and how the sources name it. */
  reference: Release;
}

const laitPath = (name: string): string => `${LAIT_PROD}/${name}`;

/** The reference release's ONS child population: mid-year → LA number → children aged 0–17. */
function populationOf(reference: Release): Map<number, Map<number, number>> {
  const out = new Map<number, Map<number, number>>();
  for (const [label, column] of Object.entries(reference.values[POPULATION_KEY] ?? {})) {
    const byLa = new Map<number, number>();
    column.forEach((v, i) => {
      const la = reference.las[i];
      if (v !== null && la) byLa.set(la.number, v);
    });
    out.set(Number(label) - 1, byLa);
  }
  return out;
}

export function buildVintageRelease(v: VintageInputs, opts: BuildOptions): Release {
  const { vintage, reference } = v;
  const source = (name: string, sha256: string) => ({ path: laitPath(name), repo: LAIT_REPO, commit: vintage.commit, sha256 });
  const models = Object.keys(v.sn).filter((m) => VINTAGE_SN[m]);
  if (!models.includes('2021')) throw new ImportError(VINTAGE_SN['2021'] ?? '', 1, 'the vintage has no 2021 statistical-neighbour workbook');
  const byNumber = new Map(reference.las.map((l) => [l.number, l]));
  // Only the reference's EES files: its LAIT files and SN CSVs give this release nothing.
  const referenceSources = reference.sources.filter((s) => EES_FILES.includes(s.path));
  return assembleRelease(
    {
      dictionary: parseDictionary(VINTAGE_DICTIONARY, v.dictionary.text),
      dictionaryFile: VINTAGE_DICTIONARY,
      lait: v.lait,
      laitFile: v.lait.name,
      onsCodes: (n) => {
        const la = byNumber.get(n);
        return { ons: la?.ons ?? null, ...(la?.otherOns ? { otherOns: [...la.otherOns] } : {}) };
      },
      population: reference.values[POPULATION_KEY] ? () => populationOf(reference) : null,
      // The reference's EES counts, re-proven against this vintage's values, for the years it publishes.
      eesCounts: () => eesCountsOf(reference),
      neighbours: (known) => Object.fromEntries(models.map((m) => [m, parseSnWorkbook(VINTAGE_SN[m] ?? m, v.sn[m]?.rows ?? [], known)])),
      sources: [
        source(v.lait.name, v.lait.sha256),
        source(VINTAGE_DICTIONARY, v.dictionary.sha256),
        ...models.map((m) => source(VINTAGE_SN[m] ?? m, v.sn[m]?.sha256 ?? '')),
        ...referenceSources,
      ].sort((a, b) => a.path.localeCompare(b.path)),
      id: vintageReleaseId(vintage),
      title: `DfE LAIT data as published on ${vintage.date} (LAIT commit ${vintage.commit.slice(0, 7)}); ONS codes and child population from release ${reference.id}`,
      asOf: vintage.date,
    },
    opts,
  );
}
