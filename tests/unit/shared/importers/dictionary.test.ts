import { describe, expect, it } from 'vitest';
import { parseDictionary } from '../../../../shared/importers/dictionary';
import { csv, importErrorOf } from './helpers';

const F = 'lait/lait_data_dictionary.csv';
const HEADER = '"Measure_code","Topic","Measure","Measure_short","Polarity","y_axis_name","Description","Hyperlink(s)","dps","Year_Type","No_Quartile"';

describe('parseDictionary', () => {
  it('maps the columns, NA and - to null, N to noQuartile, and multi-line CRLF text to LF', () => {
    const d = parseDictionary(
      F,
      [
        HEADER,
        '"1","Children Looked After","Placement 1 - % CLA with three or more placements","LACStable_2016on","Low","% with 3 or more placements","All placements.\r\n\r\nA low percentage\r\rrepresents good performance.","https://example.gov.uk/cla",NA,"Financial Year",NA',
        '"2","Children\'s Service Finance","Fostering - S251/Outturn weekly unit costs","FosteringFinance",NA,"Unit Cost","Unit costs.","https://example.gov.uk/s251","0","Financial Year","N"',
        '"3","Children in Need","CIN rate","CIN","-","Rate per 10,000",NA,NA,"2","Financial Year",NA',
        '',
      ].join('\r\n'),
    );
    expect([...d.keys()]).toEqual(['LACStable_2016on', 'FosteringFinance', 'CIN']);
    expect(d.get('LACStable_2016on')).toEqual({
      key: 'LACStable_2016on',
      name: 'Placement 1 - % CLA with three or more placements',
      topic: 'Children Looked After',
      topics: ['Children Looked After'],
      unit: '% with 3 or more placements',
      dps: null,
      polarity: 'Low',
      noQuartile: false,
      yearType: 'Financial Year',
      description: 'All placements.\n\nA low percentage\n\nrepresents good performance.',
      source: 'https://example.gov.uk/cla',
    });
    expect(d.get('FosteringFinance')).toMatchObject({ polarity: null, dps: 0, noQuartile: true, unit: 'Unit Cost' });
    expect(d.get('CIN')).toMatchObject({ polarity: null, dps: 2, description: '', source: '' });
  });

  it('keeps the first row of a measure listed twice and records both topics', () => {
    const d = parseDictionary(
      F,
      csv(
        HEADER,
        '"1","Children Looked After","CLA Overall Absence","LAC_Over_Abs","Low","%","a","u",NA,"Academic Year",NA',
        '"2","All Pupil Absence & Exclusions","LAC Overall Absence","LAC_Over_Abs","Low","%","b","u","2","Academic Year",NA',
      ),
    );
    expect(d.get('LAC_Over_Abs')).toMatchObject({
      name: 'CLA Overall Absence',
      dps: null,
      topic: 'Children Looked After',
      topics: ['Children Looked After', 'All Pupil Absence & Exclusions'],
    });
  });

  it('rejects a bad polarity at the line its row starts, after a description spanning lines', () => {
    const e = importErrorOf(() =>
      parseDictionary(F, csv(HEADER, '"1","T","M","A","High","%","line one', 'line two","u",NA,"Y",NA', '"2","T","M","B","Higher","%","d","u",NA,"Y",NA')),
    );
    expect([e.file, e.line]).toEqual([F, 4]);
    expect(e.reason).toMatch(/^Polarity: expected High, Low, - or NA/);
  });

  it('rejects a missing column on line 1', () => {
    expect(importErrorOf(() => parseDictionary(F, csv('"Topic","Measure"', '"T","M"'))).message).toMatch(/:1: missing column "Measure_short"/);
  });
});
