/**
 * The numbers behind the "CIC Benchmarks" sheet, computed by calling the CIC functions themselves
 * (`invoke`, the path every cell takes) so the sheet and the cells can never disagree.
 */
import { isCellError } from '../../shared/excel/errors';
import { functionById } from '../../shared/formulas/index';
import { invoke } from '../../shared/formulas/invoke';
import type { CellOutcome } from '../../shared/formulas/types';
import { previousYear } from '../../shared/release/years';
import type { BenchmarkSource } from '../../shared/source';
import { read } from '../../shared/source';

/** What a sheet cell holds: a value, or blank when the function gave an error (explained in Note). */
export type SheetCell = number | string;

export interface BenchmarkRow {
  key: string;
  name: string;
  year: string;
  value: SheetCell;
  england: SheetCell;
  snAverage: SheetCell;
  q1: SheetCell;
  q2: SheetCell;
  q3: SheetCell;
  band: SheetCell;
  rank: SheetCell;
  of: SheetCell;
  change: SheetCell;
  rag: SheetCell;
  /** The LA's confidence interval and its comparison with England, where the release has its counts. */
  lower: SheetCell;
  upper: SheetCell;
  vsEngland: SheetCell;
  note: string;
}

export interface SeriesPoint {
  year: string;
  value: SheetCell;
  snAverage: SheetCell;
  england: SheetCell;
  /** Quartile boundaries Q0 (minimum) … Q4 (maximum), for the bands shaded behind the lines. */
  q0: SheetCell;
  q1: SheetCell;
  q2: SheetCell;
  q3: SheetCell;
  q4: SheetCell;
}

async function call(src: BenchmarkSource, id: string, args: unknown[]): Promise<CellOutcome> {
  return invoke(functionById(id)!, src, args);
}

/** Keeps the first error message for the row's note; the cell itself stays blank. */
class Notes {
  first: string | null = null;
  take(v: CellOutcome): SheetCell {
    if (isCellError(v)) {
      this.first ??= `${v.code} ${v.message}`;
      return '';
    }
    return typeof v === 'number' || typeof v === 'string' ? v : '';
  }
}

export async function benchmarkRow(src: BenchmarkSource, la: number, key: string): Promise<BenchmarkRow> {
  const catalog = await read(() => src.catalog());
  const indicator = catalog.indicator(key);
  const year = indicator.years[indicator.years.length - 1]!;
  const prev = previousYear(indicator.years, year);
  const notes = new Notes();
  const [value, england, sn, bounds, of, prevValue] = await Promise.all([
    call(src, 'VALUE', [key, la, year]),
    call(src, 'NATIONAL', [key, year]),
    call(src, 'SNAVG', [key, la, year]),
    call(src, 'BOUNDARIES', [key, year]),
    call(src, 'COUNT', [key, year]),
    prev === null ? Promise.resolve(null) : call(src, 'VALUE', [key, la, prev]),
  ]);
  const row: BenchmarkRow = {
    key: indicator.key,
    name: indicator.name,
    year,
    value: notes.take(value),
    england: notes.take(england),
    snAverage: notes.take(sn),
    q1: '',
    q2: '',
    q3: '',
    band: '',
    rank: '',
    of: notes.take(of),
    change: '',
    rag: '',
    lower: '',
    upper: '',
    vsEngland: '',
    note: '',
  };
  // SERIES's row for the year carries the interval and COMPARE with England; blank without counts.
  const series = await call(src, 'SERIES', [key, la, year]);
  if (Array.isArray(series) && series.length > 1) {
    const r = series[1]!;
    [row.lower, row.upper, row.vsEngland] = [r[5] ?? '', r[6] ?? '', r[7] ?? ''].map((v) => (typeof v === 'number' || typeof v === 'string' ? v : '')) as [
      SheetCell,
      SheetCell,
      SheetCell,
    ];
  }
  if (Array.isArray(bounds)) {
    const b = bounds[0] as number[];
    [row.q1, row.q2, row.q3] = [b[1] ?? '', b[2] ?? '', b[3] ?? ''];
  } else {
    notes.take(bounds);
  }
  if (typeof row.value === 'number') {
    const [band, r, position] = await Promise.all([
      call(src, 'BAND', [key, row.value, year]),
      call(src, 'RANK', [key, row.value, year]),
      call(src, 'POSITION', [key, row.value, year]),
    ]);
    row.band = notes.take(band);
    row.rank = notes.take(r);
    if (typeof prevValue === 'number') {
      row.change = notes.take(await call(src, 'CHANGE', [row.value, prevValue, key]));
    }
    if (row.band !== '') {
      row.rag = notes.take(await call(src, 'RAG', [row.band, row.change || null, isCellError(position) ? null : position]));
    }
  }
  row.note = notes.first ?? '';
  return row;
}

/** Rows for many indicators, reporting progress after each. */
export async function benchmarkRows(
  src: BenchmarkSource,
  la: number,
  keys: readonly string[],
  onProgress?: (done: number, total: number) => void,
): Promise<BenchmarkRow[]> {
  const rows: BenchmarkRow[] = [];
  for (const key of keys) {
    rows.push(await benchmarkRow(src, la, key));
    onProgress?.(rows.length, keys.length);
  }
  return rows;
}

/** One indicator over every published year: the LA against its SN average, England and the quartile boundaries. */
export async function benchmarkSeries(src: BenchmarkSource, la: number, key: string): Promise<SeriesPoint[]> {
  const indicator = (await read(() => src.catalog())).indicator(key);
  const notes = new Notes();
  return Promise.all(
    indicator.years.map(async (year) => {
      const [value, sn, england, bounds] = await Promise.all([
        call(src, 'VALUE', [key, la, year]),
        call(src, 'SNAVG', [key, la, year]),
        call(src, 'NATIONAL', [key, year]),
        call(src, 'BOUNDARIES', [key, year]),
      ]);
      const b = Array.isArray(bounds) ? (bounds[0] as number[]) : null;
      return {
        year,
        value: notes.take(value),
        snAverage: notes.take(sn),
        england: notes.take(england),
        q0: b?.[0] ?? '',
        q1: b?.[1] ?? '',
        q2: b?.[2] ?? '',
        q3: b?.[3] ?? '',
        q4: b?.[4] ?? '',
      };
    }),
  );
}
