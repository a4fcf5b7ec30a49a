/**
 * Writes the "CIC Benchmarks" sheet: an Excel table with, for each indicator, the LA's latest value,
 * England, SN average, Q1–Q3, band, rank of n, change since the previous year and RAG, plus a native
 * line chart of one indicator over the years (LA, SN average, England and the Q1/Q3 boundaries).
 */
import type { BenchmarkRow, SeriesPoint } from './benchmark-data';
import { asText, block, freshSheet, title } from './sheet';

export const BENCHMARK_SHEET = 'CIC Benchmarks';
export const BENCHMARK_TABLE = 'CICBenchmarks';

export const BENCHMARK_HEADERS = [
  'Indicator key', 'Indicator', 'Year', 'LA value', 'England', 'SN average', 'Q1', 'Q2', 'Q3',
  'Band (A best)', 'Rank (1 best)', 'Of', 'Change since previous year', 'RAG', 'Note',
];
const SERIES_HEADERS = ['Year', 'LA', 'SN average', 'England', 'Q1 boundary', 'Q3 boundary'];

export interface BenchmarkSheetInput {
  la: { number: number; name: string };
  release: { id: string; title: string };
  rows: readonly BenchmarkRow[];
  chart?: { key: string; name: string; series: readonly SeriesPoint[] };
}

const rowValues = (r: BenchmarkRow) => [r.key, r.name, r.year, r.value, r.england, r.snAverage, r.q1, r.q2, r.q3, r.band, r.rank, r.of, r.change, r.rag, r.note];

export async function writeBenchmarkSheet(context: Excel.RequestContext, input: BenchmarkSheetInput): Promise<void> {
  const ws = await freshSheet(context, BENCHMARK_SHEET);
  title(ws, `Benchmarks: ${input.la.name} (${input.la.number})`,
    `Release ${input.release.id}: ${input.release.title}. Source: DfE LAIT (Open Government Licence v3.0). Bands and ranks use LAIT's method: A and 1 are best.`);

  const top = 3;
  const address = block(top, 0, input.rows.length + 1, BENCHMARK_HEADERS.length);
  asText(ws, block(top + 1, 2, Math.max(input.rows.length, 1), 1), Math.max(input.rows.length, 1)); // "2025" stays a label
  ws.getRange(address).values = [BENCHMARK_HEADERS, ...input.rows.map(rowValues)];
  const table = ws.tables.add(address, true);
  table.name = BENCHMARK_TABLE;
  table.style = 'TableStyleMedium2';

  if (input.chart && input.chart.series.length > 0) {
    const col = BENCHMARK_HEADERS.length + 1;
    const series = input.chart.series;
    ws.getRange(block(top - 1, col, 1, 1)).values = [[`${input.chart.name} (${input.chart.key})`]];
    asText(ws, block(top + 1, col, series.length, 1), series.length);
    const data = block(top, col, series.length + 1, SERIES_HEADERS.length);
    ws.getRange(data).values = [SERIES_HEADERS, ...series.map((p) => [p.year, p.value, p.snAverage, p.england, p.q1, p.q3])];
    const chart = ws.charts.add('Line', ws.getRange(data), 'Columns');
    chart.title.text = `${input.chart.name}: ${input.la.name} against statistical neighbours and England`;
    chart.legend.position = 'Bottom';
    const below = top + Math.max(input.rows.length, series.length) + 3;
    chart.setPosition(block(below, 0, 1, 1), block(below + 18, 8, 1, 1));
  }
  ws.getRange(address).format.autofitColumns();
  ws.activate();
  await context.sync();
}
