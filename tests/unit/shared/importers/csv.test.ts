import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../../shared/importers/csv';
import { csv, importErrorOf } from './helpers';

describe('readCsv', () => {
  it('strips a BOM and gives each data row its starting line, past quoted fields that span lines', () => {
    const t = readCsv('f.csv', '\ufeffa,b\n1,"two\nlines"\n3,4\n"5\nfive\nsix",6\n7,8\n');
    expect(t.header).toEqual(['a', 'b']);
    expect(t.rows).toEqual([
      ['1', 'two\nlines'],
      ['3', '4'],
      ['5\nfive\nsix', '6'],
      ['7', '8'],
    ]);
    expect([0, 1, 2, 3].map(t.lineOf)).toEqual([2, 4, 5, 8]);
  });

  it('counts lines as an editor does in CRLF files with lone CRs inside quotes (like the LAIT dictionary)', () => {
    const t = readCsv('f.csv', 'a,b\r\n1,"two\r\nlines"\r\n"3\r\r\nx\ry",4\r\n5,6\r\n');
    expect(t.rows.map((r) => r[1])).toEqual(['two\r\nlines', '4', '6']);
    expect([0, 1, 2].map(t.lineOf)).toEqual([2, 4, 6]);
  });

  it('fails on a file cut mid-row (no final line break), at its last line', () => {
    const e = importErrorOf(() => readCsv('f.csv', 'a,b\n1,2\n3,4\n5'));
    expect([e.file, e.line]).toEqual(['f.csv', 4]);
    expect(e.reason).toMatch(/truncated/);
  });

  it('fails on a file cut inside a quoted field, at the row where the quote opens', () => {
    const e = importErrorOf(() => readCsv('f.csv', csv('a,b', '1,2', '3,"unfinished', 'text')));
    expect([e.line, e.message]).toEqual([3, expect.stringMatching(/^f\.csv:3: Quote Not Closed/)]);
  });

  it('fails on a row with a missing column, at its line, after a multi-line field', () => {
    const e = importErrorOf(() => readCsv('f.csv', csv('a,b', '"x', 'y",1', '2')));
    expect(e.line).toBe(4);
    expect(e.reason).toMatch(/expect 2, got 1/);
  });

  it('fails on an empty file', () => {
    expect(importErrorOf(() => readCsv('f.csv', '')).reason).toBe('empty file');
  });
});
