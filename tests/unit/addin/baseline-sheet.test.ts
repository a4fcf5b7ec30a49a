/**
 * The baseline forecast sheet: live CIC formulas (checked by evaluating their CIC parts on the real
 * release), a chart table that joins the published history to the forecast, and a native fan chart.
 */
import { describe, expect, it } from 'vitest';
import { BASELINE_SHEET, baselineCells, baselineLayout, CHART_HEADERS, writeBaselineSheet } from '../../../addin/excel/baseline-sheet';
import { readReleaseFile } from '../../../node/release-file';
import { evaluateFormula } from '../../../shared/formulas/evaluate';
import { ReleaseIndex } from '../../../shared/release/release-index';
import { mockExcel } from './excel-mock';

const release = readReleaseFile();
const src = new ReleaseIndex(release);
const history = release.indicators.find((i) => i.key === 'LACnum')!.years;
const input = { la: { number: 855, name: 'Leicestershire' }, years: 3, history };
const cells = new Map(baselineCells(input));

describe('baseline sheet', () => {
  it('spills CLAFORECAST and COSTFORECAST from the inputs, and those formulas answer on the real release', async () => {
    const { spillTop } = baselineLayout(input);
    const cla = cells.get(`A${spillTop}`) as string;
    expect(cla).toBe('=CIC.CLAFORECAST($B$3,3,$B$4,$B$5)');
    const filled = (f: string) =>
      f
        .replace('$B$3', String(cells.get('B3')))
        .replace('$B$4', `"${String(cells.get('B4'))}"`)
        .replace('$B$5', String(cells.get('B5')));
    const spill = (await evaluateFormula(filled(cla), src)) as unknown[][];
    expect(spill).toHaveLength(4);
    expect(spill[0]).toEqual(['Year (31 March)', 'Expected', 'Lower', 'Upper']);
    expect(spill.slice(1).map((r) => r[0])).toEqual(['2026', '2027', '2028']);
    const cost = (await evaluateFormula(filled(cells.get(`F${spillTop}`) as string), src)) as unknown[][];
    expect(cost[0]![0]).toBe('Financial year');
    expect(cost).toHaveLength(4);
  });

  it('joins the published history to the forecast rows in one chart table, missing points as #N/A (gaps, not zeros)', () => {
    const { chartTop, history: shown, years } = baselineLayout(input);
    expect(CHART_HEADERS.map((h, i) => cells.get(`${String.fromCharCode(65 + i)}${chartTop}`))).toEqual(CHART_HEADERS);
    expect(shown).toEqual(history.slice(-6));
    shown.forEach((y, i) => {
      expect(cells.get(`A${chartTop + 1 + i}`)).toBe(y);
      expect(cells.get(`B${chartTop + 1 + i}`)).toBe(`=IFERROR(CIC.VALUE("LACnum",$B$3,A${chartTop + 1 + i}),NA())`);
      expect(cells.get(`C${chartTop + 1 + i}`)).toBe('=NA()');
    });
    const first = chartTop + shown.length + 1;
    expect(cells.get(`C${first}`)).toBe('=INDEX($A$9#,2,2)');
    expect(cells.get(`E${first + years - 1}`)).toBe(`=INDEX($A$9#,${years + 1},4)-INDEX($A$9#,${years + 1},3)`);
  });

  it("draws the scenario from the published count at the origin with CIC.FORECAST's compound growth", async () => {
    const { chartTop, history: shown } = baselineLayout(input);
    const originRow = chartTop + shown.length; // the latest published year is the last history row
    expect(cells.get(`F${originRow}`)).toBe(`=B${originRow}`);
    const formula = cells.get(`F${originRow + 2}`) as string; // two years on
    const base = (await evaluateFormula(`=CIC.VALUE("LACnum", 855, "${shown.at(-1)}")`, src)) as number;
    const inner = formula
      .slice('=INDEX('.length, formula.lastIndexOf(',', formula.lastIndexOf(',') - 1))
      .replace(`$B$${originRow}`, String(base))
      .replace('$B$6', '0.03');
    const table = (await evaluateFormula(`=${inner}`, src)) as number[][];
    const k = Number(/,(\d+),2\)$/.exec(formula)![1]);
    expect(k).toBe(4); // header, origin, +1, +2 (INDEX is 1-based)
    expect(table[k - 1]![1]).toBeCloseTo(base * 1.03 ** 2, 9);
  });

  it('writes a fan chart: transparent floor, shaded interval, published, expected and scenario lines', async () => {
    const { context, written } = mockExcel([BASELINE_SHEET]);
    await writeBaselineSheet(context, input);
    const ws = written(BASELINE_SHEET);
    expect(ws.activated).toBe(true);
    expect(ws.charts).toHaveLength(1);
    const chart = ws.charts[0]!;
    expect(chart.type).toBe('AreaStacked');
    const [floor, band, ...lines] = chart.series;
    expect(floor).toMatchObject({ fillCleared: true, legendHidden: true });
    expect(band).toMatchObject({ name: '80% interval', fillColor: expect.any(String) });
    expect(lines.map((l) => [l.name, l.chartType])).toEqual([
      ['Published', 'Line'],
      ['Expected (baseline)', 'Line'],
      ['Your scenario', 'Line'],
    ]);
    // Every series is over the same years.
    expect(new Set(chart.series.slice(1).map((x) => x.xValues)).size).toBe(1);
    expect(ws.ranges.find((r) => r.address === 'A9')!.formulas).toEqual([['=CIC.CLAFORECAST($B$3,3,$B$4,$B$5)']]);
  });
});
