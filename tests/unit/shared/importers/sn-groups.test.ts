import { describe, expect, it } from 'vitest';
import { parseSn2021, parseSn2025, parseSnWorkbook } from '../../../../shared/importers/sn-groups';
import { csv, importErrorOf } from './helpers';

const F25 = 'csc_outcomes_enablers/sn_model_2025_wide.csv';
const F21 = 'csc_outcomes_enablers/New_Statistical_Neighbour_Groupings_April_2021.csv';
const HEADER_2025 = `\ufeffold_la_code,la_name,region_ind,region_name,${Array.from({ length: 10 }, (_, i) => `SN_${i + 1},SN_${i + 1}P`).join(',')}`;
const row2025 = (la: number, group: number[]) => `${la},LA ${la},4,East Midlands,${group.map((n) => `${n},Close `).join(',')}`;
const LEICS = [916, 803, 937, 802, 850, 865, 933, 938, 811, 891];

describe('parseSn2025', () => {
  it("reads each LA's 10 ordered neighbours by LA number", () => {
    expect(parseSn2025(F25, csv(HEADER_2025, row2025(855, LEICS)))).toEqual({ '855': LEICS });
  });

  it.each([
    ['itself', [855, ...LEICS.slice(1)], /listed as its own neighbour/],
    ['a neighbour twice', [916, ...LEICS.slice(0, 9)], /listed twice/],
    ['a blank neighbour', ['', ...LEICS.slice(1)], /expected a 3-digit DfE LA number/],
  ])('rejects a group containing %s, at its line', (_what, group, reason) => {
    const e = importErrorOf(() => parseSn2025(F25, csv(HEADER_2025, row2025(856, [...LEICS.slice(0, 9), 855]), row2025(855, group as number[]))));
    expect([e.file, e.line]).toEqual([F25, 3]);
    expect(e.reason).toMatch(reason);
  });

  it('rejects an LA or neighbour the release does not know', () => {
    const e = importErrorOf(() => parseSn2025(F25, csv(HEADER_2025, row2025(855, LEICS)), new Set([855, ...LEICS.slice(1)])));
    expect([e.line, e.reason]).toEqual([2, 'LA 916 is not in the LAIT data']);
  });
});

describe('parseSn2021', () => {
  const header = `\ufeffLA num,LA Name,LA number,GOInd,GOReg,${Array.from({ length: 10 }, (_, i) => `SN${i + 1},SNP`).join(',')},`;
  const row = (la: number, group: number[]) => `${la},LA ${la},${la},1,East Midlands,${group.map((n) => `${n},Very Close`).join(',')},`;

  it('reads columns by position despite the repeated SNP names, skipping blank and label rows', () => {
    const blank = ','.repeat(25);
    const text = csv(header, row(855, LEICS), blank, `,Old SNs:${','.repeat(24)}`, blank, row(928, [886, 891, 866, 860, 830, 881, 937, 885, 888, 887]));
    expect(parseSn2021(F21, text)).toEqual({ '855': LEICS, '928': [886, 891, 866, 860, 830, 881, 937, 885, 888, 887] });
  });

  it('rejects a group of 9 (a missing column) at its line', () => {
    const e = importErrorOf(() => parseSn2021(F21, csv(header, row(855, LEICS), row(856, LEICS.slice(0, 9)))));
    expect(e.line).toBe(3);
  });
});

describe('parseSnWorkbook (LAIT\'s own sn_*.xlsx, sheet "LA SN Groups")', () => {
  const F = 'sn_april_2021.xlsx';
  const header = ['LA num', 'LA Name', 'LA number', 'GOInd', 'GOReg', ...Array.from({ length: 10 }, (_, i) => [`SN${i + 1}`, 'SNP']).flat()];
  const row = (la: number, group: (number | string)[]) => [
    String(la),
    `LA ${la}`,
    String(la),
    '1',
    'East Midlands',
    ...group.flatMap((n) => [String(n), 'Close']),
  ];
  const numbers = ['A', 'B', 'C'];
  const positions = ['1', '2', '3'];

  it('finds the header under the rows of column numbers and reads each group, skipping blank, label and "-" rows', () => {
    const rows = [
      numbers,
      positions,
      header,
      row(855, LEICS),
      [],
      ['', 'Old SNs:'],
      row(942, Array(10).fill('-')),
      row(928, [886, 891, 866, 860, 830, 881, 937, 885, 888, 887]),
    ];
    expect(parseSnWorkbook(F, rows)).toEqual({ '855': LEICS, '928': [886, 891, 866, 860, 830, 881, 937, 885, 888, 887] });
  });

  it('reports the Excel row of a bad group', () => {
    const e = importErrorOf(() => parseSnWorkbook(F, [numbers, positions, header, row(855, LEICS), row(856, [...LEICS.slice(0, 9), 856])]));
    expect([e.file, e.line, e.reason]).toEqual([F, 5, 'neighbours: LA 856 is listed as its own neighbour']);
  });

  it('refuses a sheet without the header', () => {
    expect(importErrorOf(() => parseSnWorkbook(F, [numbers, positions])).reason).toMatch(/no header row with "LA num" and "SN1"/);
  });
});
