import { describe, expect, it } from 'vitest';
import { columnIndex, parseSharedStrings, readSheet, sheetRows, xmlText, type WorkbookParts } from '../../../../shared/importers/xlsx';
import { importErrorOf } from './helpers';

const F = 'sn_may_2025.xlsx';
const sheet = (rows: string) => `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="x"><dimension ref="A1:C3"/><sheetData>${rows}</sheetData></worksheet>`;

describe('xlsx cells', () => {
  it('decodes XML entities and character references, leaving unknown ones as written', () => {
    expect(xmlText('Bath &amp; NE Somerset &lt;&gt; &#39;x&#x27; &quot;&apos; &nope;')).toBe(`Bath & NE Somerset <> 'x' "' &nope;`);
  });

  it('numbers columns as Excel letters do', () => {
    expect(['A', 'Z', 'AA', 'AZ', 'BA'].map(columnIndex)).toEqual([0, 25, 26, 51, 52]);
  });

  it('reads shared strings, rich text runs and empty items', () => {
    expect(
      parseSharedStrings('<sst><si><t>Close</t></si><si><r><t>Very </t></r><r><rPr/><t xml:space="preserve">close</t></r></si><si/><si><t/></si></sst>'),
    ).toEqual(['Close', 'Very close', '', '']);
  });

  it('places cells by their reference, fills gaps with blanks, and reads each kind of cell as its stored text', () => {
    const xml = sheet(
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1"><v>301</v></c></row><row r="2" spans="1:3"/>' +
        '<row r="3" spans="1:3"><c r="B3" t="inlineStr"><is><t>Old SNs:</t></is></c><c r="C3" t="str"><f>A1</f><v>a &amp; b</v></c><c r="D3" s="2"/></row>',
    );
    expect(sheetRows(F, xml, ['LA num'])).toEqual([['LA num', '', '301'], [], ['', 'Old SNs:', 'a & b', '']]);
  });

  it('refuses a shared string that does not exist, at its row, and a part that is no worksheet', () => {
    const e = importErrorOf(() => sheetRows(F, sheet('<row r="2"><c r="A2" t="s"><v>7</v></c></row>'), ['only one']));
    expect([e.file, e.line, e.reason]).toEqual([F, 2, 'cell A2: shared string 7 does not exist']);
    expect(importErrorOf(() => sheetRows(F, '<worksheet/>', [])).reason).toMatch(/no sheetData/);
  });

  it('finds a sheet by its name through the workbook relationships', () => {
    const parts: WorkbookParts = {
      workbook: '<workbook><sheets><sheet name="Notes" sheetId="2" r:id="rId2"/><sheet name="LA SN Groups" sheetId="1" r:id="rId1"/></sheets></workbook>',
      rels: '<Relationships><Relationship Id="rId2" Type="ws" Target="worksheets/sheet2.xml"/><Relationship Id="rId1" Type="ws" Target="/xl/worksheets/sheet1.xml"/></Relationships>',
      sharedStrings: '<sst><si><t>SN1</t></si></sst>',
      sheets: { 'xl/worksheets/sheet1.xml': sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), 'xl/worksheets/sheet2.xml': sheet('') },
    };
    expect(readSheet(F, parts, 'la sn groups')).toEqual([['SN1']]);
    expect(readSheet(F, parts, 'Notes')).toEqual([]);
    expect(importErrorOf(() => readSheet(F, parts, 'Other')).reason).toBe('no sheet "Other"; sheets: Notes, LA SN Groups');
  });
});
