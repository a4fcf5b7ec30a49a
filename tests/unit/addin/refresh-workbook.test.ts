/**
 * Issue 21 item 4 with the Excel stand-in: the workbook's CIC formulas are found sheet by sheet, compared
 * under the pin and a newer release, the changes written (as text) to "CIC changes <id>", and only on
 * confirmation is the workbook re-pinned and recalculated.
 */
import { describe, expect, it } from 'vitest';
import { changesSheetName, findCicFormulas } from '../../../addin/excel/refresh-sheet';
import { pinWorkbook, type ExcelRun } from '../../../addin/taskpane/pin-workbook';
import { compareWorkbook, comparisonText, newerLine } from '../../../addin/taskpane/refresh-workbook';
import { ReleaseIndex } from '../../../shared/release/release-index';
import { syntheticRelease } from '../../fixtures/synthetic-release';
import { mockExcel } from './excel-mock';

/** Worksheets with used ranges (formulas as Excel returns them: a constant's value, a formula's text). */
const BOOK = [
  {
    name: 'Report',
    rowIndex: 1,
    columnIndex: 1,
    formulas: [
      ['Leicestershire', '=CIC.VALUE("LowGood",855,"2024")', 7.7],
      ['Camden', '=CIC.VALUE("HighGood",202,"2024")', '=SUM(1,2)'],
      ['Ref', '=CIC.VALUE("LowGood",B2,"2024")', ''],
      ['Range', '=CIC.VALUE("LowGood",B2:B3,"2024")', ''],
    ],
  },
  { name: 'Empty', rowIndex: 0, columnIndex: 0, formulas: null },
  // An earlier list of changes holds formulas as text: never read back as the workbook's.
  { name: 'CIC changes synthetic-0', rowIndex: 0, columnIndex: 0, formulas: [['=CIC.VALUE("LowGood",855,"2024")']] },
];

/** The values of Report's cells, as a formula referring to them reads them. */
const REPORT_VALUES: Record<string, unknown> = { B2: 'Leicestershire', B3: 'Camden', B4: 'Ref', B5: 'Range' };

/** The stand-in: mockExcel records the sheets written and recalculations; the workbook's own sheets are BOOK. */
function workbook() {
  const m = mockExcel();
  const items = BOOK.map((s) => ({
    name: s.name,
    getUsedRangeOrNullObject: () => ({ isNullObject: s.formulas === null, formulas: s.formulas, rowIndex: s.rowIndex, columnIndex: s.columnIndex, load() {} }),
  }));
  const context = {
    workbook: {
      application: m.context.workbook.application,
      worksheets: {
        load() {},
        items,
        // The workbook's own sheets answer reads of single cells; the add-in's new sheets are the recording mock's.
        getItemOrNullObject: (name: string) =>
          name === 'Report'
            ? { isNullObject: false, load() {}, getRange: (address: string) => ({ values: [[REPORT_VALUES[address] ?? '']], load() {} }) }
            : m.context.workbook.worksheets.getItemOrNullObject(name),
        add: (name: string) => m.context.workbook.worksheets.add(name),
      },
    },
    sync: () => m.context.sync(),
  } as unknown as Excel.RequestContext;
  const run: ExcelRun = (work) => work(context);
  return { ...m, context, run };
}

function releases() {
  const newer = structuredClone(syntheticRelease('synthetic-2'));
  newer.values.LowGood!['2024']![2] = 8.1; // Leicestershire 7.7 → 8.1
  return { now: new ReleaseIndex(syntheticRelease('synthetic-1')), then: new ReleaseIndex(newer) };
}

describe("the pane's refresh", () => {
  it('says when the service has a release newer than the pin, and only then', () => {
    expect(newerLine({ pinned: 'synthetic-1', current: 'synthetic-2' })).toBe("Release synthetic-2 is newer than this workbook's pin synthetic-1.");
    expect(newerLine({ pinned: 'synthetic-2', current: 'synthetic-2' })).toBeNull();
    expect(newerLine({ pinned: null, current: 'synthetic-2' })).toBeNull();
    expect(newerLine({ pinned: 'synthetic-1', current: null })).toBeNull();
  });

  it('finds every CIC formula with its address, and nothing else', async () => {
    const { context } = workbook();
    expect(await findCicFormulas(context)).toEqual([
      { sheet: 'Report', address: 'C2', formula: '=CIC.VALUE("LowGood",855,"2024")' },
      { sheet: 'Report', address: 'C3', formula: '=CIC.VALUE("HighGood",202,"2024")' },
      { sheet: 'Report', address: 'C4', formula: '=CIC.VALUE("LowGood",B2,"2024")' },
      { sheet: 'Report', address: 'C5', formula: '=CIC.VALUE("LowGood",B2:B3,"2024")' },
    ]);
  });

  it('writes the cells that would change to "CIC changes <id>" as text, and re-pins nothing', async () => {
    const { run, written, calculations } = workbook();
    const { now, then } = releases();
    const c = await compareWorkbook(run, now, then, 'synthetic-1', 'synthetic-2');
    expect(c.sheet).toBe('CIC changes synthetic-2');
    // C4 refers to B2 ("Leicestershire"): compared as the value Excel would pass.
    expect(c.plan.changed.map((x) => [x.address, x.now, x.then])).toEqual([
      ['C2', '7.7', '8.1'],
      ['C4', '7.7', '8.1'],
    ]);
    const sheet = written('CIC changes synthetic-2');
    const table = sheet.ranges.find((r) => r.address === 'A4:E7')!;
    expect(table.values).toEqual([
      ['Sheet', 'Cell', 'Formula', 'Now (synthetic-1)', 'Then (synthetic-2)'],
      ['Report', 'C2', `'=CIC.VALUE("LowGood",855,"2024")`, '7.7', '8.1'],
      ['Report', 'C4', `'=CIC.VALUE("LowGood",B2,"2024")`, '7.7', '8.1'],
      ['Report', 'C5', `'=CIC.VALUE("LowGood",B2:B3,"2024")`, 'not compared: a range, a blank or error cell, or an Excel function', ''],
    ]);
    // No cell of the list is a formula: text formatted, formulas prefixed.
    expect(sheet.ranges.every((r) => r.formulas === undefined)).toBe(true);
    expect(table.numberFormat!.flat().every((f) => f === '@')).toBe(true);
    expect(calculations).toEqual([]);
    expect(comparisonText(c, 'synthetic-2')).toBe(
      '2 cells of 4 would change under release synthetic-2: listed on sheet "CIC changes synthetic-2". 1 cell could not be compared (a range, a blank or error cell, or an Excel function in the formula).',
    );
  });

  it('on confirmation re-pins, then recalculates the whole workbook', async () => {
    const { run, calculations } = workbook();
    const events: string[] = [];
    await pinWorkbook({ repin: async (id) => void events.push(`repin ${String(id)}`) }, 'synthetic-2', run);
    expect([...events, ...calculations]).toEqual(['repin synthetic-2', 'Full']);
  });

  it("names the sheet within Excel's 31 characters and without the characters it refuses", () => {
    expect(changesSheetName('a/b:c*d?e[f]g\\h-and-a-long-tail')).toBe('CIC changes a-b-c-d-e-f-g-h-and');
    expect(changesSheetName('a/b:c*d?e[f]g\\h-and-a-long-tail').length).toBeLessThanOrEqual(31);
  });
});
