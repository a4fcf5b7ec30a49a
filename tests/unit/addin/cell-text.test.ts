/** The one place release text is made safe for a workbook: cells keep it as text, formulas quote it. */
import { describe, expect, it } from 'vitest';
import { cellText, cellValue, formulaString, sheetRef, textRows } from '../../../addin/excel/cell-text';

describe('cell text', () => {
  it("prefixes with ' exactly what Excel would parse or eat: = + - @ (and full-width), a leading tab or line break, a leading '", () => {
    for (const s of ['=1', '+1', '-1+1', '@SUM(1)', '\uff1dA1', '\uff0bA1', '\uff0dA1', '\uff20A1', '\t=1', '\r=1', '\n=1', "'=1"])
      expect(cellText(s)).toBe(`'${s}`);
    for (const s of ['Leicestershire', '2025', '2024-25 (OT)', 'a=b', ' =1', '', 'Band A (best)']) expect(cellText(s)).toBe(s);
    expect(textRows([['=x', 1, null, true]])).toEqual([["'=x", 1, null, true]]);
    expect(cellValue(-3)).toBe(-3);
  });

  it('quotes a label inside a formula, doubling its double quotes; refuses one longer than Excel allows', () => {
    expect(formulaString('a") & WEBSERVICE("x')).toBe('"a"") & WEBSERVICE(""x"');
    expect(formulaString('x'.repeat(255))).toHaveLength(257);
    expect(() => formulaString('x'.repeat(256))).toThrow(/255 characters/);
    expect(sheetRef("Bob's data")).toBe("'Bob''s data'");
  });
});
