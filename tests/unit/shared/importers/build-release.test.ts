import { sha256Hex as sha256 } from '../../../../node/release-file';
import { describe, expect, it } from 'vitest';
import { buildRelease, LAIT_DATA, LAIT_DICTIONARY, SN_2021, SN_2025, type ReleaseInputFiles } from '../../../../shared/importers/build-release';
import { contentHashOf } from '../../../../shared/release/hash';
import { ReleaseSchema } from '../../../../shared/release/schema';
import { csv, importErrorOf } from './helpers';

const LAS = Array.from({ length: 11 }, (_, i) => 801 + i); // 801..811 current; 812 exists in 2024 only
const EES = 'csc_outcomes_enablers/la_cla_placement_stability.csv';

const dictionary = csv(
  '"Topic","Measure","Measure_short","Polarity","y_axis_name","Description","Hyperlink(s)","dps","Year_Type","No_Quartile"',
  '"Children Looked After","Placement 1 - % CLA with three or more placements","LACStable_2016on","Low","%","d","u",NA,"Financial Year",NA',
  '"Children\'s Service Finance","Residential Care - S251/Outturn weekly unit costs","RescareFinance",NA,"Unit Cost","d","u","0","Financial Year",NA',
);

const GEOGRAPHIES: [string, number, string][] = [
  ...LAS.map((n): [string, number, string] => [`LA ${n}`, n, 'North East']),
  ['Old LA', 812, 'North East'],
  ['England', 970, 'NA'],
  ['North East', 980, 'NA'],
];

/** One measure × year for every geography (LAIT's long data is a full grid). */
const slice = (key: string, year: string, value: (n: number) => string, rename = (name: string) => name) =>
  GEOGRAPHIES.map(([name, n, region]) => `${key},,${year},${rename(name)},${value(n)},${n},${region}`);

function laitRows(): string[] {
  return [
    'Short Desc,Data item,Years,LA and Regions,Values,LA Number,Region',
    // 2025 before 2024 on purpose: years come out sorted.
    ...slice('LACStable_2016on', '2025', (n) => (n === 812 ? '-' : n === 970 ? '10' : n === 980 ? 'c' : `${n - 790}.5`)),
    ...slice('LACStable_2016on', '2024', (n) => (n === 812 ? '3' : n === 970 ? '10' : n === 980 ? 'c' : `${n - 790}.5`)),
    ...slice('RescareFinance', '2024-25 (OT)', (n) => (n === 812 ? '-' : '7385')),
  ];
}

const sn2025 = csv(
  `old_la_code,la_name,region_ind,region_name,${Array.from({ length: 10 }, (_, i) => `SN_${i + 1},SN_${i + 1}P`).join(',')}`,
  `801,LA 801,1,North East,${LAS.slice(1)
    .map((n) => `${n},Close`)
    .join(',')}`,
);
const sn2021 = csv(
  `LA num,LA Name,LA number,GOInd,GOReg,${Array.from({ length: 10 }, (_, i) => `SN${i + 1},SNP`).join(',')},`,
  `801,LA 801,801,1,North East,${LAS.slice(1)
    .map((n) => `${n},Close`)
    .join(',')},`,
);
const ees = csv(
  'time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name',
  '2025,Reporting year,National,E92000001,England,,,,,',
  '2025,Reporting year,Regional,E92000001,England,E12000001,North East,,,',
  ...LAS.map((n) => `2025,Reporting year,Local authority,E92000001,England,E12000001,North East,${n},E06000${n},LA ${n}`),
);

function files(overrides: Record<string, string> = {}): ReleaseInputFiles {
  const texts: Record<string, string> = {
    [LAIT_DATA]: csv(...laitRows()),
    [LAIT_DICTIONARY]: dictionary,
    [SN_2025]: sn2025,
    [SN_2021]: sn2021,
    [EES]: ees,
    ...overrides,
  };
  return Object.fromEntries(Object.entries(texts).map(([path, text]) => [path, { text, repo: 'dfe/test', commit: 'c'.repeat(40), sha256: sha256(text) }]));
}

describe('buildRelease', () => {
  it('joins LAIT values, dictionary, ONS codes, neighbours and unit costs into a valid release', () => {
    const r = buildRelease(files(), { sha256 });
    expect(ReleaseSchema.parse(r)).toEqual(r);
    expect(r.contentHash).toBe(contentHashOf(r, sha256));
    expect(r.las.map((l) => l.number)).toEqual([...LAS, 812, 970, 980]);
    expect(r.las.find((l) => l.number === 805)).toEqual({ number: 805, ons: 'E06000805', name: 'LA 805', region: 'North East', kind: 'la', current: true });
    expect(r.las.find((l) => l.number === 812)).toMatchObject({ ons: null, current: false });
    expect(r.las.slice(-2)).toEqual([
      { number: 970, ons: 'E92000001', name: 'England', region: null, kind: 'england', current: true },
      { number: 980, ons: 'E12000001', name: 'North East', region: null, kind: 'region', current: true },
    ]);
    const stability = r.indicators.find((i) => i.key === 'LACStable_2016on');
    expect(stability).toMatchObject({
      years: ['2024', '2025'],
      polarity: 'Low',
      dps: null,
      aliases: expect.arrayContaining(['placement stability', '3+ placements']),
    });
    expect(r.values.LACStable_2016on?.['2024']).toEqual([...LAS.map((n) => n - 790 + 0.5), 3, 10, null]);
    expect(r.values.LACStable_2016on?.['2025']?.slice(-3)).toEqual([null, 10, null]);
    expect(r.unitCosts.map((u) => u.measure)).toEqual(['RescareFinance']);
    expect(r.neighbours).toEqual({ 2025: { 801: LAS.slice(1) }, 2021: { 801: LAS.slice(1) } });
    expect(r.sources.map((s) => s.path)).toEqual([EES, SN_2021, SN_2025, LAIT_DATA, LAIT_DICTIONARY].sort());
    expect(buildRelease(files(), { sha256 })).toEqual(r);
  });

  it('keeps only the chosen topics', () => {
    const r = buildRelease(files(), { sha256, topics: ['children looked after'] });
    expect([r.indicators.map((i) => i.key), Object.keys(r.values), r.unitCosts]).toEqual([['LACStable_2016on'], ['LACStable_2016on'], []]);
    expect(() => buildRelease(files(), { sha256, topics: ['Astrology'] })).toThrow(/unknown topic "Astrology"/);
  });

  it('drops an empty label with no year in it (LAIT\'s "0"), but rejects one that carries values', () => {
    const withZero = (v: string) => files({ [LAIT_DATA]: csv(...laitRows(), ...slice('LACStable_2016on', '0', (n) => (n === 801 ? v : '-'))) });
    expect(buildRelease(withZero('-'), { sha256 }).indicators[0]?.years).toEqual(['2024', '2025']);
    expect(importErrorOf(() => buildRelease(withZero('4'), { sha256 })).message).toMatch(/:44: year label "0" of LACStable_2016on has no year in it/);
  });

  it('rejects a measure missing from the dictionary at its line', () => {
    const e = importErrorOf(() => buildRelease(files({ [LAIT_DATA]: csv(...laitRows(), ...slice('Mystery', '2025', () => '1')) }), { sha256 }));
    expect([e.file, e.line, e.reason]).toEqual([LAIT_DATA, 44, `measure "Mystery" has no row in ${LAIT_DICTIONARY}`]);
  });

  it('rejects one LA number under two names', () => {
    const renamed = slice(
      'RescareFinance',
      '2023-24 (OT)',
      () => '1',
      (g) => g.replace('LA 801', 'Renamed'),
    );
    const e = importErrorOf(() => buildRelease(files({ [LAIT_DATA]: csv(...laitRows(), ...renamed) }), { sha256 }));
    expect([e.line, e.reason]).toEqual([44, 'LA 801 is "Renamed" here but "LA 801" earlier']);
  });

  it('throws instead of returning a partial release when a later input is bad', () => {
    const badSn = sn2025.replace('801,LA 801', '813,LA 813');
    const e = importErrorOf(() => buildRelease(files({ [SN_2025]: badSn }), { sha256 }));
    expect(e.message).toBe(`${SN_2025}:2: LA 813 is not in the LAIT data`);
    const { [SN_2021]: _dropped, ...missing } = files();
    expect(() => buildRelease(missing, { sha256 })).toThrow(`missing input file ${SN_2021}`);
    expect(() => buildRelease(files(), { sha256, id: 'Not An Id!' })).toThrow(/release id/);
  });
});
