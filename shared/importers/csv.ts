/**
 * The one CSV reader every importer uses: csv-parse for the grammar, plus what DfE files need on top —
 * BOM stripping, a truncation check, and 1-based source lines for errors. Lines are counted from the
 * record's byte offset (not csv-parse's own line counter, which counts a CRLF inside a quoted field
 * twice), and only when an error needs one: tracking them for all 641k LAIT rows costs ~50% more time.
 */
import { parse, CsvError } from 'csv-parse/sync';
import type { z } from 'zod';
import { ImportError } from './errors';

export interface CsvTable {
  file: string;
  header: string[];
  /** Data rows (header excluded), every one as long as the header. */
  rows: string[][];
  /** 1-based line on which data row `i` starts. */
  lineOf(i: number): number;
}

interface InfoRecord {
  record: string[];
  info: { bytes: number };
}

const countNewlines = (bytes: Uint8Array, end: number): number => {
  let n = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) n++;
  return n;
};

export function readCsv(file: string, text: string): CsvTable {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Start line of record k (header = 0): one past the newlines before the end of record k-1.
  const lineOfRecord = (k: number): number => {
    if (k === 0) return 1;
    const done = parse(body, { info: true, to: k }) as unknown as InfoRecord[];
    const end = done[done.length - 1]?.info.bytes ?? 0;
    return 1 + countNewlines(new TextEncoder().encode(body), end);
  };
  if (body.trim() === '') throw new ImportError(file, 1, 'empty file');
  if (!/[\r\n]$/.test(body)) {
    throw new ImportError(file, 1 + (body.match(/\n/g)?.length ?? 0), 'the file ends mid-row (no final line break): truncated?');
  }
  let records: string[][];
  try {
    records = parse(body);
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    // csv-parse counts the records it emitted before the bad one; its own line number can be off (see above).
    const emitted = (e as CsvError & { records?: number }).records ?? 0;
    throw new ImportError(file, lineOfRecord(emitted), e.message.replace(/\s+(on|at) line \d+/, ''));
  }
  const [header = [], ...rows] = records;
  return { file, header, rows, lineOf: (i) => lineOfRecord(i + 1) };
}

/** The index of a named column; a missing one is an error on line 1. */
export function column(table: CsvTable, name: string): number {
  const i = table.header.indexOf(name);
  if (i < 0) throw new ImportError(table.file, 1, `missing column "${name}" (header: ${table.header.join(',')})`);
  return i;
}

/** Validate one row (or a value built from it) with zod; the first issue becomes an ImportError at the row's line. */
export function validateRow<T>(table: CsvTable, i: number, schema: z.ZodType<T>, value: unknown, columns: readonly string[] = table.header): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const at = issue?.path[0];
  const column = typeof at === 'number' ? columns[at] : at;
  throw new ImportError(table.file, table.lineOf(i), `${column === undefined ? '' : `${String(column)}: `}${issue?.message ?? 'invalid row'}`);
}

/** Run a value parser for one cell, pinning an unlocated ImportError to the row and column. */
export function locate<T>(table: CsvTable, i: number, column: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ImportError && !e.file) throw new ImportError(table.file, table.lineOf(i), `${column}: ${e.reason}`);
    throw e;
  }
}
