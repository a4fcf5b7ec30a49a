import { describe, expect, it } from 'vitest';
import { benchmarkRows, benchmarkSeries } from '../../../addin/excel/benchmark-data';
import { BENCHMARK_HEADERS, BENCHMARK_SHEET, quarterBands, SERIES_HEADERS, writeBenchmarkSheet } from '../../../addin/excel/benchmark-sheet';
import type { SeriesPoint } from '../../../addin/excel/benchmark-data';
import { BY_SIGNIFICANCE, BY_TOLERANCE, DASHBOARD_SHEET, dashboardRow, writeDashboardSheet } from '../../../addin/excel/dashboard-sheet';
import { FORECAST_SHEET, forecastLayout, SEED_TYPES, writeForecastSheet } from '../../../addin/excel/forecast-sheet';
import { block, columnName } from '../../../addin/excel/sheet';
import { evaluateFormula } from '../../../shared/formulas/evaluate';
import { ReleaseIndex } from '../../../shared/release/release-index';
import { syntheticRelease } from '../../fixtures/synthetic-release';
import { mockExcel } from './excel-mock';
import { readReleaseFile } from '../../../node/release-file';

const src = new ReleaseIndex(syntheticRelease());

describe('A1 addresses', () => {
  it('names columns and blocks', () => {
    expect([0, 25, 26, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
    expect(block(3, 0, 3, 15)).toBe('A4:O6');
    expect(block(0, 2, 1, 1)).toBe('C1');
  });
});

describe('benchmark sheet', () => {
  it('computes each row through the CIC functions', async () => {
    const [low, none] = await benchmarkRows(src, 855, ['LowGood', 'NoPolarity']);
    // Leicestershire 2025 LowGood = 8; LAs: 4, 8, 8, 10, 12, 12 → Q1 8, Q2 9, Q3 11.5; 2024 value 7.7.
    expect(low).toMatchObject({
      key: 'LowGood',
      year: '2025',
      value: 8,
      england: 9,
      q1: 8,
      q2: 9,
      q3: 11.5,
      band: 'A',
      rank: 2,
      of: 6,
      change: 'Worse',
      note: '',
    });
    expect(low!.rag).toBe(await evaluateFormula('=CIC.RAG("A","Worse",CIC.POSITION("LowGood",8))', src));
    expect(none).toMatchObject({ band: '', rank: '', rag: '' });
    expect(none!.note).toMatch(/^#N\/A .*no polarity/);
  });

  it('writes the table and a line chart of the LA against SN average and England', async () => {
    const rows = await benchmarkRows(src, 855, ['LowGood', 'HighGood']);
    const series = await benchmarkSeries(src, 855, 'LowGood');
    const { context, written } = mockExcel([BENCHMARK_SHEET]);
    await writeBenchmarkSheet(context, {
      la: { number: 855, name: 'Leicestershire' },
      release: { id: 'synthetic-1', title: 'Synthetic' },
      rows,
      chart: { key: 'LowGood', name: 'Low good', polarity: 'Low', series },
    });
    const ws = written(BENCHMARK_SHEET);
    expect(ws.activated).toBe(true);
    expect(ws.tables).toEqual([{ address: 'A4:R6', hasHeaders: true, name: 'CICBenchmarks', style: 'TableStyleMedium2' }]);
    const table = ws.ranges.find((r) => r.address === 'A4:R6' && r.values)!;
    expect(table.values![0]).toEqual(BENCHMARK_HEADERS);
    expect(table.values![1]!.slice(0, 4)).toEqual(['LowGood', 'LowGood name', '2025', 8]);
    expect(ws.charts).toHaveLength(1);
    const data = ws.ranges.find((r) => r.address === 'T4:AB6')!.values!;
    const [y24, y25] = series as [SeriesPoint, SeriesPoint];
    const widths = (p: SeriesPoint) => [Number(p.q1) - Number(p.q0), Number(p.q2) - Number(p.q1), Number(p.q3) - Number(p.q2), Number(p.q4) - Number(p.q3)];
    expect(data).toEqual([
      [...SERIES_HEADERS],
      ['2024', 7.7, y24.snAverage, 9.5, y24.q0, ...widths(y24)],
      ['2025', 8, y25.snAverage, 9, y25.q0, ...widths(y25)],
    ]);
    // Bands stack back up to the boundaries: Q0 + widths = Q1 … Q4, as BOUNDARIES gives them.
    const b25 = (await evaluateFormula('=CIC.BOUNDARIES("LowGood", "2025")', src)) as number[][];
    expect([y25.q0, y25.q1, y25.q2, y25.q3, y25.q4]).toEqual(b25[0]);
    const chart = ws.charts[0]!;
    expect(chart.type).toBe('AreaStacked');
    expect(chart.source).toBe('X5:X6'); // the floor: Q0, transparent
    expect(chart.series[0]).toMatchObject({ fillCleared: true, legendHidden: true });
    // LowGood: low is good, so the lowest quarter is band A.
    expect(chart.series.slice(1, 5).map((x) => [x.name, x.values])).toEqual([
      ['Band A (best)', 'Y5:Y6'],
      ['Band B', 'Z5:Z6'],
      ['Band C', 'AA5:AA6'],
      ['Band D (worst)', 'AB5:AB6'],
    ]);
    expect(chart.series.slice(5).map((x) => [x.name, x.chartType, x.values])).toEqual([
      ['Leicestershire', 'Line', 'U5:U6'],
      ['SN average', 'Line', 'V5:V6'],
      ['England', 'Line', 'W5:W6'],
    ]);
  });

  it('colours the quarters by polarity: A is the top quarter when high is good, neutral without polarity', () => {
    expect(quarterBands('High').map((b) => b.name)).toEqual(['Band D (worst)', 'Band C', 'Band B', 'Band A (best)']);
    expect(quarterBands('Low')[0]!.name).toBe('Band A (best)');
    expect(quarterBands(null).map((b) => b.name)).toEqual(['Lowest quarter', 'Second quarter', 'Third quarter', 'Highest quarter']);
  });
});

describe('benchmark rows with counts', () => {
  it("carry the LA's interval and COMPARE with England where the release has the counts, blank where not", async () => {
    const real = new ReleaseIndex(readReleaseFile());
    const [stable, eet] = await benchmarkRows(real, 855, ['LACStable_2016on', 'CareLeaverEET']);
    const series = (await evaluateFormula('=CIC.SERIES("LACStable_2016on", 855, "2025")', real)) as unknown[][];
    expect([stable!.lower, stable!.upper]).toEqual([series[1]![5], series[1]![6]]);
    expect(typeof stable!.lower).toBe('number');
    expect(stable!.vsEngland).toBe(await evaluateFormula('=CIC.COMPARE("LACStable_2016on", 855, "2025")', real));
    expect([eet!.lower, eet!.upper, eet!.vsEngland]).toEqual(['', '', '']);
  });
});

describe('dashboard sheet', () => {
  const indicators = [
    { key: 'LowGood', name: 'Low good', latestYear: '2025', previousYear: '2024' },
    { key: 'HighGood', name: 'High good', latestYear: '2025', previousYear: '2024' },
  ];

  it('writes live CIC formulas per row and COUNTIF summaries over those rows', async () => {
    const { context, written } = mockExcel();
    await writeDashboardSheet(context, { la: { number: 855, name: 'Leicestershire' }, indicators });
    const ws = written(DASHBOARD_SHEET);
    const rows = ws.ranges.find((r) => r.address === 'A6:K7')!.formulas!;
    expect(rows[0]).toEqual(dashboardRow(indicators[0]!, 6));
    expect(rows[1]![3]).toBe('=CIC.VALUE($A7,$B$3,$C7)');
    expect(rows[1]![8]).toBe('=CIC.QUARTILE($A7,$D7,$C7)');
    const summary = ws.ranges.find((r) => r.address === 'A11:B20')!.formulas!;
    expect(summary).toContainEqual(['Improved (Better)', '=COUNTIF($G$6:$G$7,"Better")']);
    expect(summary).toContainEqual(['In the top quartile', '=COUNTIF($I$6:$I$7,1)']);
    expect(summary).toContainEqual(['Changes judged by tolerance (no counts)', `=COUNTIF($K$6:$K$7,"${BY_TOLERANCE}")`]);
    expect(rows.map((r) => r[10])).toEqual([BY_TOLERANCE, BY_TOLERANCE]);
    const narrative = ws.ranges.find((r) => r.address === 'A22')!.formulas![0]![0] as string;
    expect(narrative).toMatch(/^="From "&B11&" measures, "&B12&" improved, "&B13&" declined/);
    expect(ws.conditional.map((c) => c.rule)).toEqual([
      { operator: 'BeginsWith', text: 'G' },
      { operator: 'BeginsWith', text: 'A' },
      { operator: 'BeginsWith', text: 'R' },
    ]);
  });

  it('judges the change by significance where the release has counts, and says which rows fell back', async () => {
    const real = new ReleaseIndex(readReleaseFile());
    const withCounts = {
      key: 'LACStable_2016on',
      name: 'Stability',
      latestYear: '2025',
      previousYear: '2024',
      counts: { numerator: 'LACStableNum_2016on', denominator: 'LACnum' },
    };
    const row = dashboardRow(withCounts, 6);
    expect(row[6]).toBe(
      '=IFERROR(CIC.SIGCHANGE(CIC.VALUE("LACStableNum_2016on",$B$3,$C6),CIC.VALUE("LACnum",$B$3,$C6),CIC.VALUE("LACStableNum_2016on",$B$3,$E6),CIC.VALUE("LACnum",$B$3,$E6),$A6),"")',
    );
    expect(row[10]).toBe(BY_SIGNIFICANCE);
    // The same formula with the LA and years filled in, through cic eval's evaluator.
    const filled = String(row[6])
      .replace(/^=IFERROR\((.*),""\)$/, '=$1')
      .replaceAll('$B$3', '855')
      .replaceAll('$C6', '"2025"')
      .replaceAll('$E6', '"2024"')
      .replace('$A6', '"LACStable_2016on"');
    const got = await evaluateFormula(filled, real);
    const [x1, n1, x0, n0] = await Promise.all(
      [
        ['LACStableNum_2016on', '2025'],
        ['LACnum', '2025'],
        ['LACStableNum_2016on', '2024'],
        ['LACnum', '2024'],
      ].map(([k, y]) => evaluateFormula(`=CIC.VALUE("${k}",855,"${y}")`, real)),
    );
    expect(got).toBe(await evaluateFormula(`=CIC.SIGCHANGE(${String(x1)},${String(n1)},${String(x0)},${String(n0)},"Low")`, real));
    expect(['Better', 'Similar', 'Worse']).toContain(got);
  });

  it('row formulas evaluate to what the benchmark sheet shows (cic eval semantics)', async () => {
    const [row] = await benchmarkRows(src, 855, ['LowGood']);
    expect(await evaluateFormula('=CIC.VALUE("LowGood",855,"2025")', src)).toBe(row!.value);
    expect(await evaluateFormula('=CIC.CHANGE(CIC.VALUE("LowGood",855,"2025"),CIC.VALUE("LowGood",855,"2024"),"LowGood")', src)).toBe(row!.change);
    expect(await evaluateFormula('=CIC.QUARTILE("LowGood",8,"2025")', src)).toBe(1);
    expect(await evaluateFormula('=CIC.SNAVG("LowGood",855,"2025")', src)).toBe(row!.snAverage);
  });
});

describe('forecast sheet', () => {
  it('writes inputs, one FORECAST spill over them and a chart of the spill', async () => {
    const input = {
      types: SEED_TYPES,
      startYear: '2025/26',
      years: 5,
      stepDowns: [{ from: 'Residential - External', to: 'IFA', count: 5 as const, percent: '' as const, start: '2025-10-01' }],
    };
    const { context, written } = mockExcel();
    await writeForecastSheet(context, input);
    const ws = written(FORECAST_SHEET);
    const L = forecastLayout(input);
    expect(L.formula).toBe('=CIC.FORECAST($A$6:$A$11,$B$6:$B$11,$C$6:$C$11,$B$13,$B$14,$D$6:$D$11,$E$6:$E$11,$A$18:$E$18)');
    expect(ws.ranges.find((r) => r.formulas?.[0]?.[0] === L.formula)!.address).toBe(`A${L.outTop + 1}`);
    expect(ws.ranges.find((r) => r.address === 'A5:E11')!.formulas![6]).toEqual(['Residential - External', 45, 4100, 0.05, 0.06]);
    expect(ws.ranges.find((r) => r.address === 'A13:B14')!.values).toEqual([
      ['Start year', '2025/26'],
      ['Years', 5],
    ]);
    expect(ws.charts[0]).toMatchObject({ type: 'ColumnStacked', source: `A${L.outTop + 1}:G${L.outTop + 6}` });

    // The same formula, on the same inputs, through cic eval's evaluator: a 6 × 8 spill (header + 5 years; year + 6 types + total).
    const col = (i: number) => `{${SEED_TYPES.map((t) => JSON.stringify(Object.values(t)[i])).join(';')}}`;
    const out = await evaluateFormula(
      `=CIC.FORECAST(${col(0)},${col(1)},${col(2)},"2025/26",5,${col(3)},${col(4)},{"Residential - External","IFA",5,"","2025-10-01"})`,
      src,
    );
    expect(Array.isArray(out) && [out.length, out[0]!.length]).toEqual([L.outRows, L.outCols]);
  });
});
