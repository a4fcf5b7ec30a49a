/**
 * Writes the "CIC Benchmarks" sheet: an Excel table with, for each indicator, the LA's latest value,
 * England, SN average, Q1–Q3, band, rank of n, change since the previous year, RAG, and (where the
 * release has its counts) the LA's 95% interval and whether it is statistically better or worse than England, plus a native
 * chart of one indicator over the years: the LA, SN average and England as lines over the four quartile
 * bands of all LAs, shaded and coloured A (best) to D.
 */
import type { BenchmarkRow, SeriesPoint } from './benchmark-data';
import type { SheetCell } from './benchmark-data';
import { cellText, cellValue } from './cell-text';
import { bandChart } from './fan-chart';
import { asText, block, freshSheet, title } from './sheet';

export const BENCHMARK_SHEET = 'CIC Benchmarks';
export const BENCHMARK_TABLE = 'CICBenchmarks';

export const BENCHMARK_HEADERS = [
  'Indicator key',
  'Indicator',
  'Year',
  'LA value',
  'England',
  'SN average',
  'Q1',
  'Q2',
  'Q3',
  'Band (A best)',
  'Rank (1 best)',
  'Of',
  'Change since previous year',
  'RAG',
  'Lower 95%',
  'Upper 95%',
  'Compared with England',
  'Note',
];
export const SERIES_HEADERS = ['Year', 'LA', 'SN average', 'England', 'Q0 (minimum)', 'Lowest quarter', 'Second quarter', 'Third quarter', 'Highest quarter'];

/** Band tints (A best … D worst), light enough for the lines over them to read. */
const BAND_TINT = { A: '#CCE2D8', B: '#E5F0D0', C: '#FBE6CF', D: '#F4D2CD' } as const;
const NEUTRAL = ['#E8E8E8', '#F3F2F1', '#E8E8E8', '#F3F2F1'];

/** Which band each quarter of the distribution is, lowest first: A is the low end when low is good. */
export function quarterBands(polarity: 'High' | 'Low' | null): { name: string; color: string }[] {
  if (polarity === null) return ['Lowest quarter', 'Second quarter', 'Third quarter', 'Highest quarter'].map((name, i) => ({ name, color: NEUTRAL[i]! }));
  const order = polarity === 'Low' ? (['A', 'B', 'C', 'D'] as const) : (['D', 'C', 'B', 'A'] as const);
  return order.map((b) => ({ name: `Band ${b}${b === 'A' ? ' (best)' : b === 'D' ? ' (worst)' : ''}`, color: BAND_TINT[b] }));
}

/** A chart row: the lines, then the floor (Q0) and each quarter's height above the one below it. */
const width = (hi: SheetCell, lo: SheetCell): SheetCell => (typeof hi === 'number' && typeof lo === 'number' ? hi - lo : '');
export const seriesRow = (p: SeriesPoint): SheetCell[] => [
  p.year,
  p.value,
  p.snAverage,
  p.england,
  p.q0,
  width(p.q1, p.q0),
  width(p.q2, p.q1),
  width(p.q3, p.q2),
  width(p.q4, p.q3),
];

export interface BenchmarkSheetInput {
  la: { number: number; name: string };
  release: { id: string; title: string };
  rows: readonly BenchmarkRow[];
  chart?: { key: string; name: string; polarity?: 'High' | 'Low' | null; series: readonly SeriesPoint[] };
}

const rowValues = (r: BenchmarkRow): SheetCell[] => [
  r.key,
  r.name,
  r.year,
  r.value,
  r.england,
  r.snAverage,
  r.q1,
  r.q2,
  r.q3,
  r.band,
  r.rank,
  r.of,
  r.change,
  r.rag,
  r.lower,
  r.upper,
  r.vsEngland,
  r.note,
];

export async function writeBenchmarkSheet(context: Excel.RequestContext, input: BenchmarkSheetInput): Promise<void> {
  const ws = await freshSheet(context, BENCHMARK_SHEET);
  title(
    ws,
    `Benchmarks: ${input.la.name} (${input.la.number})`,
    `Release ${input.release.id}: ${input.release.title}. Source: DfE LAIT (Open Government Licence v3.0). Bands and ranks use LAIT's method: A and 1 are best.`,
  );

  const top = 3;
  const address = block(top, 0, input.rows.length + 1, BENCHMARK_HEADERS.length);
  asText(ws, block(top + 1, 2, Math.max(input.rows.length, 1), 1), Math.max(input.rows.length, 1)); // "2025" stays a label
  ws.getRange(address).values = [BENCHMARK_HEADERS, ...input.rows.map((r) => rowValues(r).map(cellValue))];
  const table = ws.tables.add(address, true);
  table.name = BENCHMARK_TABLE;
  table.style = 'TableStyleMedium2';

  if (input.chart && input.chart.series.length > 0) {
    const col = BENCHMARK_HEADERS.length + 1;
    const series = input.chart.series;
    ws.getRange(block(top - 1, col, 1, 1)).values = [[cellText(`${input.chart.name} (${input.chart.key})`)]];
    asText(ws, block(top + 1, col, series.length, 1), series.length);
    const data = block(top, col, series.length + 1, SERIES_HEADERS.length);
    ws.getRange(data).values = [SERIES_HEADERS, ...series.map((p) => seriesRow(p).map(cellValue))];
    // The four quarters of all LAs' values shaded behind the LA's line, coloured by band.
    const bands = quarterBands(input.chart.polarity ?? null);
    const chart = bandChart(
      ws,
      { sheet: BENCHMARK_SHEET, top, left: col, rows: series.length },
      {
        floor: 4,
        bands: bands.map((b, i) => ({ column: 5 + i, name: b.name, color: b.color })),
        lines: [
          { column: 1, name: input.la.name, color: '#0B0C0C' },
          { column: 2, name: 'SN average', color: '#1D70B8', dashed: true },
          { column: 3, name: 'England', color: '#D4351C', dashed: true },
        ],
      },
      `${input.chart.name}: ${input.la.name} against statistical neighbours, England and the quartile bands`,
    );
    const below = top + Math.max(input.rows.length, series.length) + 3;
    chart.setPosition(block(below, 0, 1, 1), block(below + 18, 8, 1, 1));
  }
  ws.getRange(address).format.autofitColumns();
  ws.activate();
  await context.sync();
}
