/** A release from one LAIT vintage: its own files, the as-of date of the day, and nothing from a later year. */
import { describe, expect, it } from 'vitest';
import { sha256Hex as sha256 } from '../../../../node/release-file';
import { parseLait } from '../../../../shared/importers/lait';
import { POPULATION_KEY } from '../../../../shared/importers/population';
import { buildVintageRelease, LAIT_REPO, vintageOfFolder, vintageReleaseId, type VintageInputs } from '../../../../shared/importers/vintage';
import type { La, Release } from '../../../../shared/release/schema';
import { csv } from './helpers';

const LAS = Array.from({ length: 11 }, (_, i) => 801 + i);
const GEOGRAPHIES: [string, number, string][] = [
  ...LAS.map((n): [string, number, string] => [`LA ${n}`, n, 'North East']),
  ['England', 970, 'NA'],
  ['North East', 980, 'NA'],
];
const slice = (key: string, year: string, value: (n: number) => string) =>
  GEOGRAPHIES.map(([name, n, region]) => `${key},,${year},${name},${value(n)},${n},${region}`);
// LAC = LACnum / population × 10,000: 100 children in a population of 50,000 is 20.
const LAIT = csv(
  'Short Desc,Data item,Years,LA and Regions,Values,LA Number,Region',
  ...['2023', '2024'].flatMap((y) => [...slice('LACnum', y, () => '100'), ...slice('LAC', y, () => '20')]),
);
const DICTIONARY = csv(
  '"Topic","Measure","Measure_short","Polarity","y_axis_name","Description","Hyperlink(s)","dps","Year_Type","No_Quartile"',
  '"Children Looked After","CLA rate per 10,000","LAC","-","Rate per 10,000","d","u","0","Annual",NA',
  '"Children Looked After","CLA (number)","LACnum","-","Number","d","u","0","Annual",NA',
);
const header = ['LA num', 'LA Name', 'LA number', 'GOInd', 'GOReg', ...Array.from({ length: 10 }, (_, i) => [`SN${i + 1}`, 'SNP']).flat()];
const SN_ROWS = [['A'], ['1'], header, ['801', 'LA 801', '801', '1', 'North East', ...LAS.slice(1).flatMap((n) => [String(n), 'Close'])]];

/** The reference: ONS codes for 801–810 (811 unknown), England and the region; the population up to the 2025 label. */
function reference(): Release {
  const las: La[] = [
    ...LAS.slice(0, 10).map((n): La => ({ number: n, ons: `E06000${n}`, name: `LA ${n}`, region: 'North East', kind: 'la', current: true })),
    { number: 970, ons: 'E92000001', name: 'England', region: null, kind: 'england', current: true },
    { number: 980, ons: 'E12000001', name: 'North East', region: null, kind: 'region', current: true },
  ];
  const column = las.map(() => 50_000);
  const source = (path: string, repo: string) => ({ path, repo, commit: 'c'.repeat(40), sha256: 'a'.repeat(64) });
  return {
    id: 'ref-2026',
    las,
    values: { [POPULATION_KEY]: { '2024': column, '2025': column } },
    sources: [
      source('lait/bds_long.csv', LAIT_REPO),
      source('csc_outcomes_enablers/sn_model_2025_wide.csv', 'dfe/csc'),
      source('csc_outcomes_enablers/ons_mid-year_population_estimates_2012_to_2024.csv', 'dfe/csc'),
    ],
  } as unknown as Release;
}

function inputs(overrides: Partial<VintageInputs> = {}): VintageInputs {
  return {
    vintage: { date: '2024-12-18', commit: 'dd1a19abb3431cc84a63199cf015bd591c7542e1' },
    lait: { ...parseLait('bds_long_0.parquet', LAIT), name: 'bds_long_0.parquet', sha256: sha256(LAIT) },
    dictionary: { text: DICTIONARY, sha256: sha256(DICTIONARY) },
    sn: { '2021': { rows: SN_ROWS, sha256: 'b'.repeat(64) } },
    reference: reference(),
    ...overrides,
  };
}

describe('LAIT vintages', () => {
  it('are folders named by their day and commit', () => {
    expect(vintageOfFolder('2025-11-25_eefad99')).toEqual({ date: '2025-11-25', commit: 'eefad99' });
    expect(['2025-02-30_eefad99', '2025-11-25', 'lait', '2025-11-25_EEFAD99'].map(vintageOfFolder)).toEqual([null, null, null, null]);
    expect(vintageReleaseId({ date: '2025-07-14', commit: '6ed15722cf3d27c4340244029bc9ab727456fef6', sequence: 1 })).toBe('lait-2025-07-14-6ed1572');
    // The day's second commit sorts after its first although its hash sorts before.
    expect(vintageReleaseId({ date: '2025-07-14', commit: '00c38ec50c8207bd609f81d01ea6c7640815844a', sequence: 2 })).toBe('lait-2025-07-14.2-00c38ec');
  });

  it("build a release as of the vintage's day from its own files, with the reference's ONS codes", () => {
    const r = buildVintageRelease(inputs(), { sha256 });
    expect([r.id, r.asOf]).toEqual(['lait-2024-12-18-dd1a19a', '2024-12-18']);
    expect(r.title).toMatch(/as published on 2024-12-18 .*from release ref-2026/);
    expect(r.las.find((l) => l.number === 805)?.ons).toBe('E06000805');
    expect(r.las.find((l) => l.number === 811)?.ons).toBeNull(); // the reference does not know it: unknown, not guessed
    expect(r.las.find((l) => l.number === 980)?.ons).toBe('E12000001');
    expect(r.neighbours).toEqual({ '2021': { 801: LAS.slice(1) } });
    expect(r.values.LAC?.['2024']?.[0]).toBe(20);
  });

  it("carry the reference's population only up to the latest year the vintage's rates publish", () => {
    const r = buildVintageRelease(inputs(), { sha256 });
    // The reference holds the 2025 label (mid-2024); a vintage whose rates end in 2024 gets no 2025 population.
    expect(r.indicators.find((i) => i.key === POPULATION_KEY)?.years).toEqual(['2024']);
    expect(Object.keys(r.values[POPULATION_KEY] ?? {})).toEqual(['2024']);
  });

  it("name LAIT's files at their commit and the reference's sources for what it supplied (not its LAIT or SN files)", () => {
    const r = buildVintageRelease(inputs(), { sha256 });
    expect(r.sources.map((s) => [s.path, s.repo, s.commit.slice(0, 7)])).toEqual([
      ['01_data/02_prod/bds_long_0.parquet', LAIT_REPO, 'dd1a19a'],
      ['01_data/02_prod/lait_data_dictionary.csv', LAIT_REPO, 'dd1a19a'],
      ['01_data/02_prod/sn_april_2021.xlsx', LAIT_REPO, 'dd1a19a'],
      ['csc_outcomes_enablers/ons_mid-year_population_estimates_2012_to_2024.csv', 'dfe/csc', 'ccccccc'],
    ]);
    expect(r.sources[0]?.sha256).toBe(sha256(LAIT));
  });

  it('need the 2021 groups, and read the 2025 ones when the vintage has them', () => {
    expect(() => buildVintageRelease(inputs({ sn: {} }), { sha256 })).toThrow(/no 2021 statistical-neighbour workbook/);
    const both = buildVintageRelease(inputs({ sn: { '2021': { rows: SN_ROWS, sha256: 'b'.repeat(64) }, '2025': { rows: SN_ROWS, sha256: 'd'.repeat(64) } } }), {
      sha256,
    });
    expect(Object.keys(both.neighbours).sort()).toEqual(['2021', '2025']);
  });
});
