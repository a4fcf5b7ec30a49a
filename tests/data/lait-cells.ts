/**
 * A LAIT vintage's cells straight from DfE's Parquet file, read with hyparquet alone (not through the
 * importer), for tests that check the product against the published files independently.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parquetMetadata, parquetRead } from 'hyparquet';

/** measure → LA number → year label → the published text (null where the file holds none). */
export type Cells = Map<string, Map<number, Map<string, string | null>>>;

const COLUMNS = ['Short Desc', 'Years', 'Values', 'LA Number'] as const;

/** Every cell of a vintage folder's bds_long_0.parquet, or of the measures named. */
export async function rawCells(folder: string, measures?: ReadonlySet<string>): Promise<Cells> {
  const b = readFileSync(path.join(folder, 'bds_long_0.parquet'));
  const file = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  const metadata = parquetMetadata(file);
  const rows = Number(metadata.num_rows);
  // Sized up front: filling an empty array at scattered indices makes V8 fall back to a slow dictionary.
  const columns: Record<string, unknown[]> = Object.fromEntries(COLUMNS.map((c) => [c, new Array<unknown>(rows)]));
  await parquetRead({
    file,
    metadata,
    columns: [...COLUMNS],
    onChunk: ({ columnName, columnData, rowStart }) => {
      const all = columns[columnName]!;
      for (let i = 0; i < columnData.length; i++) all[rowStart + i] = columnData[i];
    },
  });
  const [keys = [], years = [], values = [], las = []] = COLUMNS.map((c) => columns[c] ?? []);
  const out: Cells = new Map();
  for (let i = 0; i < keys.length; i++) {
    const key = String(keys[i]);
    if (measures && !measures.has(key)) continue;
    const la = Number(las[i]);
    let byLa = out.get(key);
    if (!byLa) out.set(key, (byLa = new Map()));
    let byYear = byLa.get(la);
    if (!byYear) byLa.set(la, (byYear = new Map()));
    byYear.set(String(years[i]), (values[i] as string | null | undefined) ?? null);
  }
  return out;
}

/** DfE's text as a number: a plain decimal is published; anything else ("-", "c", "x", blank) is not. */
export const published = (text: string | null | undefined): number | null =>
  text != null && /^-?\d+(\.\d+)?(e-?\d+)?$/i.test(text.trim()) ? Number(text) : null;
