/**
 * LAIT's own data file, `bds_long_0.parquet` (Apache Parquet written by R's arrow, Snappy-compressed),
 * read with hyparquet (pure JavaScript) and written out as the rows of text the CSV holds, so one parser
 * (lait.ts) validates both: the LA number, a double here, becomes "970"; a null region becomes "NA" as R
 * writes it. Errors name the 1-based data row in place of a line.
 */
import { parquetMetadata, parquetRead, parquetSchema } from 'hyparquet';
import { ImportError } from './errors';
import { LAIT_HEADER, parseLaitTable, type LaitTable } from './lait';

/** The columns read: "Data item" (the measure's name, also in the dictionary) is not used, so not decoded. */
const READ = LAIT_HEADER.filter((c) => c !== 'Data item');

const textOf = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : typeof v === 'string' ? v : String(v));

export async function readLaitParquet(file: string, bytes: ArrayBuffer): Promise<LaitTable> {
  let metadata;
  try {
    metadata = parquetMetadata(bytes);
  } catch (e) {
    throw new ImportError(file, 1, `not a Parquet file: ${(e as Error).message}`);
  }
  const names = parquetSchema(metadata).children.map((c) => c.element.name);
  const missing = LAIT_HEADER.filter((c) => !names.includes(c));
  if (missing.length)
    throw new ImportError(file, 1, `missing column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')} (columns: ${names.join(', ')})`);
  let read: unknown[][] = [];
  try {
    await parquetRead({ file: bytes, metadata, columns: [...READ], rowFormat: 'array', onComplete: (rows) => (read = rows) });
  } catch (e) {
    throw new ImportError(file, 1, `the Parquet data cannot be read: ${(e as Error).message}`);
  }
  const region = READ.indexOf('Region');
  const rows = read.map((r) => {
    const [key, year, name, value, number] = r;
    const reg = r[region];
    return [textOf(key), '', textOf(year), textOf(name), textOf(value), textOf(number), reg === null || reg === undefined ? 'NA' : textOf(reg)];
  });
  return parseLaitTable({ file, header: [...LAIT_HEADER], rows, lineOf: (i) => i + 1 });
}
