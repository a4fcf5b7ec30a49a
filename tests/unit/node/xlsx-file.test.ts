import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { unzip, workbookParts } from '../../../node/xlsx-file';
import { readSheet } from '../../../shared/importers/xlsx';

/** A zip archive as Excel writes one: local headers, then the central directory, then its end record. */
function zipOf(entries: [name: string, text: string, method: 0 | 8][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text, method] of entries) {
    const raw = Buffer.from(text, 'utf8');
    const data = method === 8 ? deflateRawSync(raw) : raw;
    const n = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const WORKBOOK: [string, string, 0 | 8][] = [
  ['[Content_Types].xml', '<Types/>', 8],
  ['xl/workbook.xml', '<workbook><sheets><sheet name="LA SN Groups" sheetId="1" r:id="rId1"/></sheets></workbook>', 8],
  ['xl/_rels/workbook.xml.rels', '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>', 0],
  ['xl/sharedStrings.xml', '<sst><si><t>LA num</t></si></sst>', 8],
  ['xl/worksheets/sheet1.xml', '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>855</v></c></row></sheetData></worksheet>', 8],
];

describe('xlsx files', () => {
  it('inflates the parts asked for, stored or deflated, and skips the rest', () => {
    const parts = unzip('t.xlsx', zipOf(WORKBOOK), (n) => n.startsWith('xl/'));
    expect([...parts.keys()].sort()).toEqual(['xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
    expect(parts.get('xl/_rels/workbook.xml.rels')?.toString()).toContain('rId1');
  });

  it('gives the sheet reader a workbook it can read by sheet name', () => {
    expect(readSheet('t.xlsx', workbookParts('t.xlsx', zipOf(WORKBOOK)), 'LA SN Groups')).toEqual([['LA num', '855']]);
  });

  it('refuses what is not a workbook, or a damaged archive, by name', () => {
    expect(() => unzip('t.xlsx', Buffer.from('LA num,SN1\n855,916\n'), () => true)).toThrow('t.xlsx: not a zip archive');
    expect(() => workbookParts('t.xlsx', zipOf([['readme.txt', 'hello', 0]]))).toThrow('not an Excel workbook');
    const cut = zipOf(WORKBOOK);
    cut.writeUInt32LE(0, cut.length - 22 + 16); // the directory said to start where a local header is
    expect(() => unzip('t.xlsx', cut, () => true)).toThrow('the zip directory is damaged');
  });
});
