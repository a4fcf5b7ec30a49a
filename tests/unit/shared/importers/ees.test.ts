import { describe, expect, it } from 'vitest';
import { parseEesCodes } from '../../../../shared/importers/ees';
import { csv, importErrorOf } from './helpers';

const HEADER = 'time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,value';
const la = (year: string, num: string, code: string, name: string, region = 'E12000003,Yorkshire and The Humber') =>
  `${year},Reporting year,Local authority,E92000001,England,${region},${num},${code},${name},1`;

describe('parseEesCodes', () => {
  it('maps LA numbers to ONS codes, with regions and England, across files', () => {
    const codes = parseEesCodes([
      {
        file: 'a.csv',
        text: csv(
          HEADER,
          '2025,Reporting year,National,E92000001,England,,,,,,1',
          '2025,Reporting year,Regional,E92000001,England,E13000001,Inner London,,,,1',
          la('2025', '855', 'E10000018', 'Leicestershire', 'E12000004,East Midlands'),
        ),
      },
      { file: 'b.csv', text: csv(HEADER.replace(',value', ''), `${la('2025', '202', 'E09000007', 'Camden', 'E13000001,Inner London').replace(/,1$/, '')}`) },
    ]);
    expect(codes.england).toBe('E92000001');
    expect(Object.fromEntries(codes.las)).toEqual({ 855: 'E10000018', 202: 'E09000007' });
    expect(Object.fromEntries(codes.regions)).toEqual({ 'Inner London': 'E13000001', 'East Midlands': 'E12000004' });
  });

  it('prefers the code of the latest period, then the one most rows use; skips combined LAs', () => {
    const codes = parseEesCodes([
      {
        file: 'a.csv',
        text: csv(
          HEADER,
          la('2022', '815', 'E10000023', 'North Yorkshire'),
          la('2024', '815', 'E06000065', 'North Yorkshire'),
          la('2025', '370', 'E08000016', 'Barnsley'),
          la('2025', '370', 'E08000016', 'Barnsley'),
          la('2025', '370', 'E08000038', 'Barnsley'),
          la('202425', '370', 'E08000016', 'Barnsley'),
          la('2025', '940 / 941', 'E06000061 / E06000062', '"North Northamptonshire / West Northamptonshire"'),
        ),
      },
    ]);
    expect(Object.fromEntries(codes.las)).toEqual({ 815: 'E06000065', 370: 'E08000016' });
  });

  it('rejects a malformed ONS code at its line', () => {
    const e = importErrorOf(() => parseEesCodes([{ file: 'a.csv', text: csv(HEADER, la('2025', '855', 'E1000018', 'Leicestershire')) }]));
    expect(e.message).toMatch(/^a\.csv:2: new_la_code: /);
  });
});
