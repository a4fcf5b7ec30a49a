import { describe, expect, it } from 'vitest';
import { parseLait } from '../../../../shared/importers/lait';
import { csv, importErrorOf } from './helpers';

const HEADER = 'Short Desc,Data item,Years,LA and Regions,Values,LA Number,Region';
const F = 'lait/bds_long.csv';

describe('parseLait', () => {
  it('reads long records: float LA numbers, NA regions, missing symbols as null, artefacts stripped', () => {
    const t = parseLait(
      F,
      csv(
        HEADER,
        'LAC,CLA rate,2025,Leicestershire,18.399999999999999,855,East Midlands',
        'LAC,CLA rate,2025,England,70,970.0,NA',
        'LAC,CLA rate,2025,Rutland,c,857,East Midlands',
        'LAC,CLA rate,2025,"Bristol, City of",-,801,South West',
      ),
    );
    expect(t.records).toEqual([
      { key: 'LAC', year: '2025', laNumber: 855, laName: 'Leicestershire', region: 'East Midlands', value: 18.4 },
      { key: 'LAC', year: '2025', laNumber: 970, laName: 'England', region: null, value: 70 },
      { key: 'LAC', year: '2025', laNumber: 857, laName: 'Rutland', region: 'East Midlands', value: null },
      { key: 'LAC', year: '2025', laNumber: 801, laName: 'Bristol, City of', region: 'South West', value: null },
    ]);
  });

  // Row 2 has a Data item spanning two lines, so the bad row below it is on line 4, not 3.
  const rows = (bad: string) => csv(HEADER, 'LAC,"CLA rate', 'per 10k",2024,Leicestershire,17,855,East Midlands', bad);

  it.each([
    ['a bad LA number', 'LAC,,2025,Leicestershire,18,85x,East Midlands', /^LA Number: expected a 3-digit DfE LA number/],
    ['a non-numeric value', 'LAC,,2025,Leicestershire,eighteen,855,East Midlands', /^Values: not a number .*"eighteen"/],
    ['a missing column', 'LAC,,2025,Leicestershire,18,855', /expect 7, got 6/],
    ['an empty measure key', ',,2025,Leicestershire,18,855,East Midlands', /^Short Desc: must not be empty/],
    ['a duplicate (key, year, LA)', 'LAC,,2024,Leicestershire,18,855,East Midlands', /^duplicate row for LAC 2024 LA 855 \(first on line 2\)/],
  ])('rejects %s with file and line', (_what, bad, reason) => {
    const e = importErrorOf(() => parseLait(F, rows(bad)));
    expect([e.file, e.line]).toEqual([F, 4]);
    expect(e.reason).toMatch(reason);
    expect(e.message).toBe(`${F}:4: ${e.reason}`);
  });

  it('rejects a file cut mid-row', () => {
    const e = importErrorOf(() => parseLait(F, `${HEADER}\nLAC,,2025,Leicestershire,18,855,East Midlands\nLAC,,2025,Rut`));
    expect(e.message).toMatch(/^lait\/bds_long\.csv:3: the file ends mid-row/);
  });

  it('rejects a measure × year missing a geography (rows lost, e.g. a file cut at a line break)', () => {
    const e = importErrorOf(() =>
      parseLait(
        F,
        csv(HEADER, 'LAC,,2024,Leicestershire,17,855,East Midlands', 'LAC,,2024,England,70,970,NA', 'LAC,,2025,Leicestershire,18,855,East Midlands'),
      ),
    );
    expect(e.message).toBe(`${F}:4: LAC 2025 has rows for 1 of the 2 geographies: rows lost or file truncated?`);
  });

  it('rejects an unexpected header on line 1', () => {
    expect(importErrorOf(() => parseLait(F, csv('Short Desc,Years,Values', 'LAC,2025,1'))).line).toBe(1);
  });
});
