/** Issue 21 item 4: which of a workbook's CIC cells a newer release would change, before re-pinning. */
import { describe, expect, it } from 'vitest';
import { cellRefs, planRefresh, withCellValues, type WorkbookFormula } from '../../../../shared/formulas/refresh-plan';
import { ReleaseIndex } from '../../../../shared/release/release-index';
import { syntheticRelease } from '../../../fixtures/synthetic-release';

/** The synthetic release with one value revised: Leicestershire (855) LowGood 2024, 7.7 → 8.1. */
function releases() {
  const pinned = syntheticRelease('synthetic-1');
  const newer = structuredClone(syntheticRelease('synthetic-2'));
  newer.values.LowGood!['2024']![2] = 8.1;
  return { now: new ReleaseIndex(pinned), then: new ReleaseIndex(newer) };
}

const cell = (address: string, formula: string, sheet = 'Report'): WorkbookFormula => ({ sheet, address, formula });

describe('planRefresh', () => {
  it('lists the cells whose value changes, with their value now and then, and not the others', async () => {
    const { now, then } = releases();
    const plan = await planRefresh(
      [
        cell('B2', '=CIC.VALUE("LowGood",855,"2024")'),
        cell('B3', '=CIC.VALUE("HighGood",855,"2024")'),
        cell('C4', '=cic.value("LowGood","Leicestershire","2024")', 'Other'),
        cell('B5', '=CIC.VALUE("LowGood",856,"2024")'),
      ],
      now,
      then,
    );
    expect(plan.changed).toEqual([
      { sheet: 'Report', address: 'B2', formula: '=CIC.VALUE("LowGood",855,"2024")', now: '7.7', then: '8.1' },
      { sheet: 'Other', address: 'C4', formula: '=cic.value("LowGood","Leicestershire","2024")', now: '7.7', then: '8.1' },
    ]);
    expect(plan.unchanged).toBe(2);
    expect(plan.notCompared).toEqual([]);
  });

  it('formulas over cell references or Excel functions are listed as not compared, not guessed at', async () => {
    const { now, then } = releases();
    const refs = [cell('D1', '=CIC.VALUE("LowGood",A1,"2024")'), cell('D2', '=ROUND(CIC.VALUE("LowGood",855,"2024"),0)')];
    const plan = await planRefresh(refs, now, then);
    expect(plan).toEqual({ changed: [], unchanged: 0, notCompared: refs });
  });
});

describe('formulas over cells', () => {
  it('finds single-cell references outside text, not ranges, names or functions', () => {
    expect(cellRefs(`=CIC.VALUE($A$2,'Bob''s sheet'!B3,Data!c10,"A1",LOG10(2),D1:D4)`)).toEqual([
      { sheet: null, address: 'A2' },
      { sheet: "Bob's sheet", address: 'B3' },
      { sheet: 'Data', address: 'C10' },
    ]);
  });

  it("puts each cell's value in its place, or gives up on a blank or error cell", () => {
    const values: Record<string, unknown> = { A2: 'Leicestershire', B3: 2024, C4: '', D5: '#N/A', E6: 'say "hi"' };
    const valueOf = (r: { address: string }) => values[r.address];
    expect(withCellValues('=CIC.VALUE("LowGood",A2,B3)', valueOf)).toBe('=CIC.VALUE("LowGood","Leicestershire",2024)');
    expect(withCellValues('=CIC.VALUE(E6,A2)', valueOf)).toBe('=CIC.VALUE("say ""hi""","Leicestershire")');
    expect(withCellValues('=CIC.VALUE("LowGood",C4,B3)', valueOf)).toBeNull();
    expect(withCellValues('=CIC.VALUE("LowGood",D5,B3)', valueOf)).toBeNull();
  });

  it('a formula over cells whose values were read is compared as those values, and listed as written', async () => {
    const { now, then } = releases();
    const f = { ...cell('D1', '=CIC.VALUE("LowGood",A1,"2024")'), literal: '=CIC.VALUE("LowGood",855,"2024")' };
    const plan = await planRefresh([f], now, then);
    expect(plan.changed).toEqual([{ sheet: 'Report', address: 'D1', formula: '=CIC.VALUE("LowGood",A1,"2024")', now: '7.7', then: '8.1' }]);
  });
});
