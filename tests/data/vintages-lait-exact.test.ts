/**
 * LAIT-exact on every vintage: for each of the 31 LAIT vintages (../shared/research-data/lait-vintages),
 * the bands and ranks the product gives (CIC.BAND and CIC.RANK over a release the vintage importer builds)
 * equal LAIT's method applied here independently to that vintage's own published values: quartiles are
 * R's quantile type 7 over every LA with a value, a value on a boundary goes to the better band for Low
 * polarity and the worse for High, ranks are R's rank(ties = "min") with 1 the best, all under the
 * polarity and no-quartile flag of the vintage's own dictionary. Each vintage's Parquet file is read once;
 * a sample of indicators (the children's social care ones the README names, and a seeded draw of the
 * other banded ones) is checked for every year and LA. Skips when the folder is absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { decodeDictionary } from '../../cli/vintage';
import { readReleaseFile, sha256Hex } from '../../node/release-file';
import { workbookParts } from '../../node/xlsx-file';
import { isCellError } from '../../shared/excel/errors';
import { functionById } from '../../shared/formulas/index';
import { invoke } from '../../shared/formulas/invoke';
import { LAIT_HEADER, parseLaitTable } from '../../shared/importers/lait';
import { SN_SHEET } from '../../shared/importers/sn-groups';
import { buildVintageRelease, vintageOfFolder, type VintageInputs } from '../../shared/importers/vintage';
import { readSheet } from '../../shared/importers/xlsx';
import { ReleaseIndex } from '../../shared/release/release-index';
import { published, rawCells, type Cells } from './lait-cells';

const VINTAGES = path.resolve(__dirname, '../../../shared/research-data/lait-vintages');
const present = existsSync(VINTAGES);
if (!present) console.warn(`vintages-lait-exact: skipped because ../shared/research-data/lait-vintages is absent (${VINTAGES} not found)`);
const folders = present ? readdirSync(VINTAGES).filter((n) => vintageOfFolder(n) !== null) : [];

/** The measures the README names for the add-in, checked in every vintage that has them. */
const NAMED = ['LACStable_2016on', 'LAC_LongStable%', 'LAC_Foster_Placements', 'LACDistance', 'Stability_SocialWorker', 'ReReferral', 'PrevRegCPR', 'CPPlans2yrsActive'];
/** Further banded measures drawn per vintage. */
const DRAWN = 12;

type Polarity = 'High' | 'Low';

/**
 * The vintage's own dictionary: polarity, and whether LAIT shows a quartile at all. A measure listed under
 * two topics is taken from its first row, as the importer takes it (shared/importers/dictionary.ts).
 */
function bandedMeasures(folder: string): Map<string, Polarity> {
  const rows = parse(readFileSync(path.join(folder, 'lait_data_dictionary.csv'), 'latin1'), { columns: true, relax_column_count: true }) as Record<string, string>[];
  const seen = new Set<string>();
  const out = new Map<string, Polarity>();
  for (const r of rows) {
    const key = r.Measure_short?.trim() ?? '';
    if (seen.has(key)) continue;
    seen.add(key);
    if ((r.Polarity === 'High' || r.Polarity === 'Low') && r.No_Quartile !== 'N') out.set(key, r.Polarity);
  }
  return out;
}

/** R's quantile(type = 7): (1 − h)·x[lo] + h·x[hi] at the 1-based index 1 + (n − 1)p. */
function rType7(sorted: readonly number[], p: number): number {
  const index = 1 + (sorted.length - 1) * p;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const h = index - lo;
  return (1 - h) * sorted[lo - 1]! + h * sorted[hi - 1]!;
}

/** LAIT's calculate_quartile_band: Low A ≤ Q1 < B ≤ Q2 < C ≤ Q3 < D; High the mirror (D ≤ Q1 … A > Q3). */
function laitBand(v: number, q: readonly number[], polarity: Polarity): string {
  const i = v <= q[0]! ? 0 : v <= q[1]! ? 1 : v <= q[2]! ? 2 : 3;
  return 'ABCD'[polarity === 'Low' ? i : 3 - i]!;
}

/** R's rank(ties.method = "min") on the values (Low) or their negatives (High). */
const laitRank = (v: number, all: readonly number[], polarity: Polarity): number => 1 + all.filter((x) => (polarity === 'Low' ? x < v : x > v)).length;

/** A seeded choice (mulberry32 on the folder's name), so a failure names a draw that can be re-run. */
function draw<T>(xs: readonly T[], n: number, seed: string): T[] {
  let a = [...seed].reduce((h, c) => (Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0) as number, 2166136261);
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pool = [...xs];
  const out: T[] = [];
  while (out.length < n && pool.length) out.push(pool.splice(Math.floor(next() * pool.length), 1)[0]!);
  return out;
}

/** The product's release of the sampled measures: the vintage's rows for them through the vintage importer. */
function productIndex(folder: string, cells: Cells, reference: VintageInputs['reference']): ReleaseIndex {
  const rows: string[][] = [];
  for (const [key, byLa] of cells)
    for (const [la, byYear] of byLa) for (const [year, text] of byYear) rows.push([key, '', year, `LA ${la}`, text ?? '', String(la), 'NA']);
  const name = path.basename(folder);
  const sn = (file: string) => {
    const bytes = readFileSync(path.join(folder, file));
    return { rows: readSheet(file, workbookParts(file, bytes), SN_SHEET), sha256: sha256Hex(bytes) };
  };
  const dictionary = readFileSync(path.join(folder, 'lait_data_dictionary.csv'));
  const release = buildVintageRelease(
    {
      vintage: vintageOfFolder(name)!,
      lait: { ...parseLaitTable({ file: 'bds_long_0.parquet', header: [...LAIT_HEADER], rows, lineOf: (i) => i + 1 }), name: 'bds_long_0.parquet', sha256: '0'.repeat(64) },
      dictionary: { text: decodeDictionary(dictionary), sha256: sha256Hex(dictionary) },
      sn: { '2021': sn('sn_april_2021.xlsx') },
      reference,
    },
    { sha256: sha256Hex },
  );
  return new ReleaseIndex(release);
}

describe.skipIf(!present)('LAIT-exact on every vintage: bands and ranks from its own values', () => {
  it('has the 31 vintages', () => {
    expect(folders).toHaveLength(31);
  });

  it('every vintage, a sample of banded indicators, every year and LA: CIC.BAND and CIC.RANK are LAIT\'s', async () => {
    const started = performance.now();
    const reference = readReleaseFile();
    const BAND = functionById('BAND')!;
    const RANK = functionById('RANK')!;
    let checked = 0;
    const measuresSeen = new Set<string>();
    const mismatches: string[] = [];
    for (const name of folders) {
      const folder = path.join(VINTAGES, name);
      const banded = bandedMeasures(folder);
      const named = NAMED.filter((k) => banded.has(k));
      const sample = [...named, ...draw([...banded.keys()].filter((k) => !named.includes(k)).sort(), DRAWN, name)];
      const cells = await rawCells(folder, new Set(sample));
      const index = productIndex(folder, cells, reference);
      for (const [key, byLa] of cells) {
        const polarity = banded.get(key)!;
        const years = new Set([...byLa.values()].flatMap((byYear) => [...byYear.keys()]));
        for (const year of years) {
          if (!/\d{4}/.test(year)) continue; // LAIT's all-missing "0" label, which no release carries
          const values = [...byLa].filter(([la]) => la < 970).flatMap(([la, byYear]) => {
            const v = published(byYear.get(year));
            return v === null ? [] : [[la, v] as const];
          });
          if (values.length === 0) continue;
          const all = values.map(([, v]) => v);
          const sorted = [...all].sort((a, b) => a - b);
          const q = [rType7(sorted, 0.25), rType7(sorted, 0.5), rType7(sorted, 0.75)];
          for (const [la, v] of values) {
            const band = invoke(BAND, index, [key, v, year, null]);
            const rank = invoke(RANK, index, [key, v, year]);
            const want = [laitBand(v, q, polarity), laitRank(v, all, polarity)];
            checked++;
            if (isCellError(band) || isCellError(rank) || band !== want[0] || rank !== want[1])
              mismatches.push(`${name} ${key} ${year} LA ${la} = ${v}: product ${String(band)}/${String(rank)}, LAIT ${want.join('/')}`);
          }
          measuresSeen.add(key);
        }
      }
    }
    console.log(
      `vintages-lait-exact: ${checked} LA values of ${measuresSeen.size} indicators over ${folders.length} vintages checked in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(mismatches.slice(0, 10)).toEqual([]);
    expect(checked).toBeGreaterThan(100_000);
  }, 600_000);
});
