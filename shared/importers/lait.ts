/**
 * LAIT's whole data set in long form (`lait/bds_long.csv`, converted from `bds_long_0.parquet`):
 * one row per measure × year × geography, 641,070 rows. Text in, validated long records out. The
 * Parquet file itself becomes the same table of text first (lait-parquet.ts), so both are checked alike.
 */
import { z } from 'zod';
import { locate, readCsv, validateRow, type CsvTable } from './csv';
import { ImportError } from './errors';
import { parsePublishedValue } from './values';

export const LAIT_HEADER = ['Short Desc', 'Data item', 'Years', 'LA and Regions', 'Values', 'LA Number', 'Region'] as const;

export interface LaitRecord {
  key: string;
  year: string;
  laNumber: number;
  laName: string;
  /** LAIT's region name; null for England and the regions themselves (`NA`). */
  region: string | null;
  value: number | null;
}

export interface LaitTable {
  records: LaitRecord[];
  /** 1-based source line of record i (for errors found after parsing, e.g. an unknown measure). */
  lineOf(i: number): number;
}

const nonEmpty = z.string().trim().min(1, 'must not be empty');
/** pandas wrote the LA number as a float (`970.0`) in some exports. */
const LaNumberSchema = z
  .string()
  .regex(/^\d{3}(\.0+)?$/, 'expected a 3-digit DfE LA number')
  .transform(Number);
const MeasureYearSchema = z.tuple([nonEmpty, nonEmpty]);
const GeographySchema = z.tuple([nonEmpty, LaNumberSchema, z.string().transform((r) => (r === 'NA' || r === '' ? null : r))]);
const MEASURE_YEAR_COLUMNS = ['Short Desc', 'Years'];
const GEOGRAPHY_COLUMNS = ['LA and Regions', 'LA Number', 'Region'];

export function parseLait(file: string, text: string): LaitTable {
  return parseLaitTable(readCsv(file, text));
}

/** The long table's rows as text (from the CSV, or the Parquet file's columns written as the CSV has them). */
export function parseLaitTable(table: CsvTable): LaitTable {
  const { file } = table;
  if (table.header.join(',') !== LAIT_HEADER.join(',')) {
    throw new ImportError(file, 1, `expected header "${LAIT_HEADER.join(',')}", got "${table.header.join(',')}"`);
  }
  // zod checks each distinct (measure, year) and geography once, not each of the 641k rows that repeat
  // them, and each distinct value text is parsed once.
  const measureYears = new Map<string, Map<string, readonly [string, string, number]>>();
  const geographies = new Map<string, Map<string, Map<string, readonly [string, number, string | null]>>>();
  const values = new Map<string, number | null>();
  const seen = new Map<number, number>();
  const slices: { first: number; rows: number }[] = [];
  let distinctMeasureYears = 0;
  const records = table.rows.map((row, i): LaitRecord => {
    const [rawKey = '', , rawYear = '', rawName = '', rawValue = '', rawNumber = '', rawRegion = ''] = row;
    let byYear = measureYears.get(rawKey);
    if (!byYear) measureYears.set(rawKey, (byYear = new Map()));
    let my = byYear.get(rawYear);
    if (!my) byYear.set(rawYear, (my = [...validateRow(table, i, MeasureYearSchema, [rawKey, rawYear], MEASURE_YEAR_COLUMNS), distinctMeasureYears++]));
    let byName = geographies.get(rawNumber);
    if (!byName) geographies.set(rawNumber, (byName = new Map()));
    let byRegion = byName.get(rawName);
    if (!byRegion) byName.set(rawName, (byRegion = new Map()));
    let geo = byRegion.get(rawRegion);
    if (!geo) byRegion.set(rawRegion, (geo = validateRow(table, i, GeographySchema, [rawName, rawNumber, rawRegion], GEOGRAPHY_COLUMNS)));
    const [key, year, myIndex] = my;
    const slice = (slices[myIndex] ??= { first: i, rows: 0 });
    slice.rows++;
    const [laName, laNumber, region] = geo;
    let value = values.get(rawValue);
    if (value === undefined) values.set(rawValue, (value = locate(table, i, 'Values', () => parsePublishedValue(rawValue))));
    const id = myIndex * 1000 + laNumber; // LA numbers are 3 digits
    const first = seen.get(id);
    if (first !== undefined) {
      throw new ImportError(file, table.lineOf(i), `duplicate row for ${key} ${year} LA ${laNumber} (first on line ${table.lineOf(first)})`);
    }
    seen.set(id, i);
    return { key, year, laNumber, laName, region, value };
  });
  // LAIT's long data is a full grid (every measure × year has a row for every geography), so a short
  // slice means lost rows — e.g. a file cut at a line break, which the CSV reader cannot see.
  const geographyCount = new Set(
    [...geographies.values()].flatMap((byName) => [...byName.values()].flatMap((byRegion) => [...byRegion.values()].map(([, n]) => n))),
  ).size;
  for (const { first, rows } of slices) {
    const r = records[first];
    if (r && rows < geographyCount) {
      throw new ImportError(
        file,
        table.lineOf(first),
        `${r.key} ${r.year} has rows for ${rows} of the ${geographyCount} geographies: rows lost or file truncated?`,
      );
    }
  }
  return { records, lineOf: table.lineOf };
}
