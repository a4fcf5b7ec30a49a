/** The demand sheets: the data tables as values, the scenario cells and formulas, three live CIC.DEMAND spills and a chart. */
import { describe, expect, it } from 'vitest';
import { DEMAND_DATA_SHEET, DEMAND_SHEET, demandLayout, demandTablesFromFiles, STATE_INPUT_HEADERS, writeDemandSheets } from '../../../addin/excel/demand-sheet';
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
    expect(final[1]![2]).toBe(`=IF($K9+$L9<=1,C${L.rawTop + 3},IF(OR(C${L.scaleTop + 3}<>1,C${L.addTop + 3}<>0),C${L.rawTop + 3}/MAX(1,$K9),IF($L9=0,0,C${L.rawTop + 3}*MAX(0,1-$K9)/$L9)))`);
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
