/** The demand sheets: the data tables as values, the scenario cells and formulas, three live CIC.DEMAND spills and a chart. */
import { describe, expect, it } from 'vitest';
import {
  DEMAND_DATA_SHEET,
  DEMAND_SHEET,
  demandLayout,
  demandTablesFromFiles,
  STATE_INPUT_HEADERS,
  writeDemandSheets,
} from '../../../addin/excel/demand-sheet';
import { stateRows, transitionRows } from '../../../shared/demand/report';
import { synthetic903 } from '../../fixtures/ssda903';
import { mockExcel } from './excel-mock';

const s = synthetic903({ seed: 5, years: 2 });
const t = demandTablesFromFiles(s.header, s.episodes);
const n = t.states.length;

describe('demand sheets', () => {
  it('layout: the three formulas read the states, stock, scenario matrix, scenario exits and entrants, start and years', () => {
    const L = demandLayout(20, 5);
    expect(L.children).toBe('=CIC.DEMAND($A$9:$A$28,$B$9:$B$28,$B$101:$U$120,$M$9:$M$28,$N$9:$N$28,$B$4,$B$5)');
    expect(L.band).toBe(`${L.children.slice(0, -1)},,,"band")`);
    expect(L.cost).toBe(`${L.children.slice(0, -1)},$I$9:$I$28,$B$6,"cost")`);
  });

  it('writes the data tables as values and the model sheet as formulas over them', async () => {
    const { context, written } = mockExcel([DEMAND_SHEET, DEMAND_DATA_SHEET]);
    await writeDemandSheets(context, t, { years: 5, inflation: 0.03, weeklyCosts: { Fostering: 600, Residential: '=CIC.UNITCOST("Residential")' } });
    const data = written(DEMAND_DATA_SHEET);
    const L = demandLayout(n, 5);
    expect(data.ranges.find((r) => r.address === `A4:E${4 + n}`)!.values!.slice(1)).toEqual(stateRows(t));
    expect(data.ranges.find((r) => r.address === `A${L.data.transTop + 1}:U${L.data.transTop + 1 + n}`)!.values).toEqual(transitionRows(t));

    const ws = written(DEMAND_SHEET);
    expect(ws.activated).toBe(true);
    const inputs = ws.ranges.find((r) => r.address === `A8:N${8 + n}`)!.formulas!;
    expect(inputs[0]).toEqual(STATE_INPUT_HEADERS);
    const first = inputs[1]!;
    expect(first.slice(0, 9)).toEqual([t.states[0], "='CIC Demand data'!$B$5", "='CIC Demand data'!$C$5", 1, '', "='CIC Demand data'!$D$5", 1, '', 600]);
    expect(inputs.find((r) => r[0] === '1 to 5 - Residential')![8]).toBe('=CIC.UNITCOST("Residential")');
    expect(first[12]).toBe('=IF(K9+L9<=1,J9,IF(OR(D9<>1,E9<>0),J9/MAX(1,K9),IF(L9=0,0,J9*MAX(0,1-K9)/L9)))');
    // The scenario matrix cell (row 1, column 2) reads the raw cell, its × and + cells, and the row's sums.
    const final = ws.ranges.find((r) => r.address === `A${L.finalTop + 2}:U${L.finalTop + 2 + n}`)!.formulas!;
    expect(final[1]![1]).toBe('');
    expect(final[1]![2]).toBe(
      `=IF($K9+$L9<=1,C${L.rawTop + 3},IF(OR(C${L.scaleTop + 3}<>1,C${L.addTop + 3}<>0),C${L.rawTop + 3}/MAX(1,$K9),IF($L9=0,0,C${L.rawTop + 3}*MAX(0,1-$K9)/$L9)))`,
    );
    const raw = ws.ranges.find((r) => r.address === `A${L.rawTop + 2}:U${L.rawTop + 2 + n}`)!.formulas!;
    expect(raw[1]![2]).toBe(`=MAX(0,'CIC Demand data'!$C$${L.data.transTop + 2}*C${L.scaleTop + 3}+C${L.addTop + 3})`);
    for (const f of [L.children, L.band, L.cost]) expect(ws.ranges.some((r) => r.formulas?.[0]?.[0] === f)).toBe(true);
    expect(ws.charts).toHaveLength(1);
    expect(ws.charts[0]).toMatchObject({ type: 'Line', source: `A${L.bandTop + 2}:D${L.bandTop + 7}`, seriesBy: 'Columns' });
  });

  it('no child-level value reaches the workbook: only state names, counts and rates', async () => {
    const { context, sheets } = mockExcel();
    await writeDemandSheets(context, t, { years: 3, inflation: 0 });
    const cells = sheets.flatMap((sh) => sh.ranges.flatMap((r) => [...(r.values ?? []), ...(r.formulas ?? [])].flat()));
    expect(cells.some((c) => typeof c === 'string' && /C\d{6}|\d{2}\/\d{2}\/\d{4}/.test(c))).toBe(false);
  });
});

describe('the scenario formulas compute what applyScenario does', () => {
  it('with the scale, add and renormalising cells changed, every scenario rate and entrant number agrees', async () => {
    const { applyScenario } = await import('../../../shared/demand/scenario');
    const { cellsOf, evaluate } = await import('./demand-formulas');
    const { context, sheets } = mockExcel();
    await writeDemandSheets(context, t, { years: 3, inflation: 0 });
    const cells = cellsOf(sheets);
    const L = demandLayout(n, 3);
    const sheet = cells.get(DEMAND_SHEET)!;
    const at = (top: number, i: number, j: number) => `${String.fromCharCode(66 + j)}${top + 3 + i}`;
    const j = t.states.indexOf('10 to 16 - Fostering');
    const k = t.states.indexOf('10 to 16 - Residential');
    const r = t.states.indexOf('1 to 5 - Residential');
    // A move scaled ×40,000 (outflows far past 1: renormalised), an exit with 0.2 added on top of an unchanged row, entrants ×2 and +1.
    sheet.set(at(L.scaleTop, j, k), 40_000);
    sheet.set(`E${L.statesTop + 2 + r}`, 0.2);
    sheet.set(`G${L.statesTop + 2 + j}`, 2);
    sheet.set(`H${L.statesTop + 2 + k}`, 1);
    const expected = applyScenario(t, {
      transitions: t.states.map((_, a) => t.states.map((__, b) => (a === j && b === k ? { scale: 40_000 } : undefined))),
      exits: t.states.map((_, a) => (a === r ? { add: 0.2 } : undefined)),
      entrants: t.states.map((_, a) => (a === j ? { scale: 2 } : a === k ? { add: 1 } : undefined)),
    });
    for (let a = 0; a < n; a++) {
      const R = L.statesTop + 2 + a;
      expect(evaluate(cells, DEMAND_SHEET, `M${R}`)).toBeCloseTo(expected.exits[a]!, 12);
      expect(evaluate(cells, DEMAND_SHEET, `N${R}`)).toBeCloseTo(expected.entrants[a]!, 12);
      for (let b = 0; b < n; b++) {
        if (a === b) continue;
        expect(evaluate(cells, DEMAND_SHEET, at(L.finalTop, a, b))).toBeCloseTo(expected.transitions[a]![b]!, 12);
      }
    }
    // The case is the interesting one: the changed row was renormalised and the others left alone.
    const row = t.states.map((_, b) => (b === j ? 0 : (evaluate(cells, DEMAND_SHEET, at(L.finalTop, j, b)) as number)));
    expect(row.reduce((x, y) => x + y, 0) + (evaluate(cells, DEMAND_SHEET, `M${L.statesTop + 2 + j}`) as number)).toBeCloseTo(1, 12);
    expect(evaluate(cells, DEMAND_SHEET, at(L.finalTop, 0, 1))).toBeCloseTo(t.transitions[0]![1]!, 12);
  });
});

describe('the model sheet end to end', () => {
  it('its =CIC.DEMAND formulas, read through the sheet cells, give the forecast of the data tables', async () => {
    const { cellsOf, evaluate, extra } = await import('./demand-formulas');
    const { demandCell } = await import('../../../shared/demand/cells');
    const { projectDemand } = await import('../../../shared/demand/model');
    extra.set('CIC.DEMAND', (a) => demandCell(...(a as [unknown, unknown, unknown, unknown, unknown, unknown, unknown, unknown, unknown, unknown])));
    const { context, sheets } = mockExcel();
    await writeDemandSheets(context, t, { years: 3, inflation: 0.05, weeklyCosts: { Fostering: 700, Residential: 5000, Supported: 1500, Other: 1000 } });
    const cells = cellsOf(sheets);
    const L = demandLayout(n, 3);
    const sheet = cells.get(DEMAND_SHEET)!;
    let spare = 0;
    const run = (formula: string) => {
      const cell = `ZZ${++spare}`; // results are memoised per cell: a fresh one per formula
      sheet.set(cell, formula);
      return evaluate(cells, DEMAND_SHEET, cell) as (string | number)[][];
    };
    const children = run(L.children);
    const direct = projectDemand(t, { start: t.start, years: 3 });
    expect(children[0]).toEqual(['Financial year', ...t.states, 'Total']);
    expect(t.start.toISOString().slice(0, 10)).toBe('2022-04-01');
    expect(children.slice(1).map((r) => r[0])).toEqual(['2022/23', '2023/24', '2024/25']);
    children.slice(1).forEach((r, y) => r.slice(1, -1).forEach((v, s2) => expect(v).toBeCloseTo(direct[y]!.children[s2]!, 9)));
    const band = run(L.band);
    expect(band[0]).toEqual(['Financial year', 'Total', 'Lower', 'Upper']);
    const sd = Math.sqrt(projectDemand(t, { start: t.start, years: 3, variance: 'multinomial' })[2]!.totalVariance);
    expect(band[3]![3]).toBeCloseTo((band[3]![1] as number) + 2 * sd, 9);
    // Cost reads the weekly cost column and the inflation cell: one category's costs, the rest at 0, agree.
    const cost = run(L.cost);
    const costs = t.states.map((st) => ({ Fostering: 700, Residential: 5000, Supported: 1500, Other: 1000 })[st.split(' - ')[1] as 'Other']);
    const want = projectDemand(t, { start: t.start, years: 3, weeklyCosts: costs, inflation: costs.map(() => 0.05) });
    cost.slice(1).forEach((r, y) =>
      expect(r.at(-1)).toBeCloseTo(
        want[y]!.cost.reduce((a, b) => a + b, 0),
        6,
      ),
    );
  });
});
