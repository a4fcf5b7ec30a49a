/**
 * Reading one LAIT vintage folder (`YYYY-MM-DD_<commit>/`, as in research-data/lait-vintages) for the
 * shared vintage importer: the Parquet data, the dictionary, the statistical-neighbour workbooks, and the
 * reference release that supplies ONS codes and populations. The folder's date is the release's as-of
 * date; `vintages.csv` beside the folders, when present, gives the full commit and the Parquet file's
 * sha256, which is checked.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { parseLait } from '../shared/importers/lait';
import { readLaitParquet } from '../shared/importers/lait-parquet';
import { SN_SHEET } from '../shared/importers/sn-groups';
import { VINTAGE_DATA, VINTAGE_DICTIONARY, VINTAGE_SN, vintageOfFolder, type Vintage, type VintageInputs } from '../shared/importers/vintage';
import { readSheet } from '../shared/importers/xlsx';
import { readInputFile } from '../node/input-file';
import { DEFAULT_RELEASE_PATH, readReleaseFile, sha256Hex } from '../node/release-file';
import { workbookParts } from '../node/xlsx-file';

/** LAIT's long data as CSV, accepted in a vintage folder in place of the Parquet file. */
const VINTAGE_CSV = 'bds_long.csv';

/**
 * The dictionary is documented as latin-1, but this snapshot is valid UTF-8 (’ – £ as multi-byte
 * sequences); decoding it as latin-1 would garble every curly quote. UTF-8 when valid, else latin-1.
 */
export function decodeDictionary(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

/** A LAIT vintage folder holds LAIT's data file itself, not the research-data layout (lait/, csc_outcomes_enablers/). */
export const isVintageFolder = (dir: string): boolean => existsSync(join(dir, VINTAGE_DATA)) || existsSync(join(dir, VINTAGE_CSV));

/**
 * vintages.csv's row for the folder, when the file is there: its full commit, date, the Parquet file's
 * sha256, and its place among the day's vintages (the file lists them in commit order).
 */
function listed(dir: string): { commit: string; date: string; sha256: string; sequence: number } | null {
  const index = join(dirname(dir), 'vintages.csv');
  if (!existsSync(index)) return null;
  const rows = parse(readInputFile(index).toString('utf8'), { columns: true, bom: true }) as Record<string, string>[];
  const row = rows.find((r) => r.vintage === basename(dir));
  if (!row) return null;
  const sameDay = rows.filter((r) => r.date === row.date);
  return { commit: row.commit ?? '', date: row.date ?? '', sha256: row[`${VINTAGE_DATA} sha256`] ?? '', sequence: sameDay.indexOf(row) + 1 };
}

export async function readVintage(from: string, referencePath?: string): Promise<VintageInputs> {
  const dir = resolve(from);
  const named = vintageOfFolder(basename(dir));
  if (!named) throw new Error(`${from}: a LAIT vintage folder is named YYYY-MM-DD_<commit> (its date is the release's as-of date), not "${basename(dir)}"`);
  const row = listed(dir);
  if (row && (row.date !== named.date || !row.commit.startsWith(named.commit)))
    throw new Error(`${from}: vintages.csv says ${basename(dir)} is commit ${row.commit} of ${row.date}, which its name contradicts`);
  const vintage: Vintage = { date: named.date, commit: row?.commit || named.commit, ...(row ? { sequence: row.sequence } : {}) };

  const parquet = join(dir, VINTAGE_DATA);
  let lait: VintageInputs['lait'];
  if (existsSync(parquet)) {
    const bytes = readInputFile(parquet);
    const sha256 = sha256Hex(bytes);
    if (row?.sha256 && row.sha256 !== sha256)
      throw new Error(`${parquet}: sha256 ${sha256} is not the ${row.sha256} vintages.csv lists: not the file DfE published`);
    const table = await readLaitParquet(VINTAGE_DATA, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    lait = { ...table, sha256, name: VINTAGE_DATA };
  } else {
    const bytes = readInputFile(join(dir, VINTAGE_CSV));
    lait = { ...parseLait(VINTAGE_CSV, bytes.toString('utf8')), sha256: sha256Hex(bytes), name: VINTAGE_CSV };
  }

  const dictionaryBytes = readInputFile(join(dir, VINTAGE_DICTIONARY));
  const sn: Record<string, VintageInputs['sn'][string]> = {};
  for (const [model, file] of Object.entries(VINTAGE_SN)) {
    const path = join(dir, file);
    if (!existsSync(path)) continue;
    const bytes = readInputFile(path);
    sn[model] = { rows: readSheet(file, workbookParts(file, bytes), SN_SHEET), sha256: sha256Hex(bytes) };
  }
  return {
    vintage,
    lait,
    dictionary: { text: decodeDictionary(dictionaryBytes), sha256: sha256Hex(dictionaryBytes) },
    sn,
    reference: readReleaseFile(referencePath ?? DEFAULT_RELEASE_PATH),
  };
}
