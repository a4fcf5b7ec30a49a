/** Counts from the EES files for LAIT indicators LAIT publishes no counts for: read, proven year by year, carried as measures. */
import { describe, expect, it } from 'vitest';
import { sha256Hex as sha256 } from '../../../../node/release-file';
import { buildRelease, EES_FILES, LAIT_DATA, LAIT_DICTIONARY, SN_2021, SN_2025, type ReleaseInputFiles } from '../../../../shared/importers/build-release';
import {
  C1,
  CSWW,
  EES_COUNT_FILES,
  EES_MEASURES,
  EES_PAIRS,
  eesCountMeasures,
  parseEesCounts,
  STABILITY,
  tryEesPairs,
  type EesCounts,
} from '../../../../shared/importers/ees-counts';
import { parseLait } from '../../../../shared/importers/lait';
import { POPULATION_KEY } from '../../../../shared/importers/population';
import { buildVintageRelease } from '../../../../shared/importers/vintage';
import type { La } from '../../../../shared/release/schema';
import { testIndicator } from '../../../fixtures/indicator';
import { csv, importErrorOf } from './helpers';

const la = (number: number, kind: La['kind'] = 'la', ons: string | null = null): La => ({
  number,
  ons,
  name: `G${number}`,
  region: 'North East',
  kind,
  current: true,
});
const FEW = [la(855), la(856), la(970, 'england', 'E92000001'), la(984, 'region', 'E12000004'), la(983, 'region', 'E13000001')];
const ID = 'time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name';
const geo = (level: string, region: string, old: string) => `${level},E92000001,England,${region},,${old},,`;
const C1_HEAD = `${ID},category,referral_count,rereferral_count`;
const c1Row = (year: string, level: string, region: string, old: string, referrals: string, rereferrals: string) =>
  `${year},Reporting year,${geo(level, region, old)},Referrals and Re-referrals,${referrals},${rereferrals}`;
const C1_KEYS = new Set(['EES_c1_referrals', 'EES_c1_rereferrals']);
const at = (counts: EesCounts, key: string, year: string) => Object.fromEntries(counts.get(key)?.get(year) ?? []);

describe('parseEesCounts', () => {
  it('reads LAs by DfE number, England and regions (Inner London too) by ONS code; suppressed is missing, never 0; combined and unknown geographies are skipped', () => {
    const text = csv(
      C1_HEAD,
      c1Row('2025', 'National', '', '', '632830', '142900'),
      c1Row('2025', 'Regional', 'E12000004', '', '51000', '11000'),
      c1Row('2025', 'Regional', 'E13000001', '', '20000', '3700'),
      c1Row('2025', 'Local authority', 'E12000004', '855', '6752', '1721'),
      c1Row('2025', 'Local authority', 'E12000004', '856', '400', 'c'),
      c1Row('2025', 'Local authority', 'E12000004', '940 / 941', '5', '1'),
      c1Row('2025', 'Local authority', 'E12000004', '999', '5', '1'),
      c1Row('2024', 'Local authority', 'E12000004', '855', '6236', '1478'),
    );
    const counts = parseEesCounts([{ file: C1, text }], FEW, C1_KEYS);
    expect(at(counts, 'EES_c1_referrals', '2025')).toEqual({ 855: 6752, 856: 400, 970: 632830, 984: 51000, 983: 20000 });
    expect(at(counts, 'EES_c1_rereferrals', '2025')).toEqual({ 855: 1721, 970: 142900, 984: 11000, 983: 3700 });
    expect(at(counts, 'EES_c1_rereferrals', '2024')).toEqual({ 855: 1478 });
    // Leicestershire's 2025 re-referral rate as LAIT publishes it.
    expect(Math.round((1721 / 6752) * 1000) / 10).toBe(25.5);
  });

  it("reads only the breakdown rows a measure names, and sums a measure's columns to one decimal for FTE", () => {
    const stability = csv(
      `${ID},cla_group,placement_stability,children_count,children_percent`,
      `2025,Reporting year,${geo('Local authority', 'E12000004', '855')},Children looked after continuously for at least 2.5 years on 31 March aged under 16 years,Total children,220,100`,
      `2025,Reporting year,${geo('Local authority', 'E12000004', '855')},Children looked after continuously for at least 2.5 years on 31 March aged under 16 years,Living with the same carer for at least 2 years,165,75`,
      `2025,Reporting year,${geo('Local authority', 'E12000004', '855')},CLA on 31 March,Total children,700,100`,
    );
    const csww = csv(`${ID},inpost_fte,vacancy_fte`, `2024,Reporting year,${geo('Local authority', 'E12000004', '855')},123.6,29.7`);
    const counts = parseEesCounts(
      [
        { file: STABILITY, text: stability },
        { file: CSWW, text: csww },
      ],
      FEW,
      new Set(['EES_stability_long_term_cla', 'EES_stability_same_carer_2yrs', 'EES_csww_posts_fte', 'EES_csww_vacancy_fte']),
    );
    expect(at(counts, 'EES_stability_long_term_cla', '2025')).toEqual({ 855: 220 });
    expect(at(counts, 'EES_stability_same_carer_2yrs', '2025')).toEqual({ 855: 165 });
    // 29.7 + 123.6 is 153.29999999999998 in binary; posts are published FTE, so 153.3.
    expect(at(counts, 'EES_csww_posts_fte', '2024')).toEqual({ 855: 153.3 });
    expect(at(counts, 'EES_csww_vacancy_fte', '2024')).toEqual({ 855: 29.7 });
  });

  it('labels an academic or financial year 202425 as LAIT does, 2024-25', () => {
    const counts = parseEesCounts([{ file: C1, text: csv(C1_HEAD, c1Row('202425', 'Local authority', '', '855', '10', '2')) }], FEW, C1_KEYS);
    expect([...(counts.get('EES_c1_referrals')?.keys() ?? [])]).toEqual(['2024-25']);
  });

  it('reads only the measures asked for, so a file without their columns is not read at all', () => {
    const counts = parseEesCounts([{ file: C1, text: csv(ID, `2025,Reporting year,${geo('National', '', '')}`) }], FEW, new Set(['EES_d5_cpp_at31']));
    expect(counts.size).toBe(0);
  });

  it('refuses a second, different value for one LA and year at its line, and names a missing column on line 1', () => {
    const twice = csv(C1_HEAD, c1Row('2025', 'Local authority', '', '855', '10', '2'), c1Row('2025', 'Local authority', '', '855', '11', '2'));
    const e = importErrorOf(() => parseEesCounts([{ file: C1, text: twice }], FEW, C1_KEYS));
    expect([e.file, e.line, e.reason]).toEqual([C1, 3, 'EES_c1_referrals 2025 for 855 is 11 here but 10 on an earlier line']);
    const noColumn = importErrorOf(() => parseEesCounts([{ file: C1, text: csv(ID, `2025,Reporting year,${geo('National', '', '')}`) }], FEW, C1_KEYS));
    expect([noColumn.line, noColumn.reason]).toEqual([1, expect.stringMatching(/^missing column "referral_count"/)]);
    const notNumber = importErrorOf(() =>
      parseEesCounts([{ file: C1, text: csv(C1_HEAD, c1Row('2025', 'Local authority', '', '855', 'many', '2')) }], FEW, C1_KEYS),
    );
    expect([notNumber.line, notNumber.reason]).toEqual([2, expect.stringMatching(/^referral_count: .*"many"/)]);
  });

  it('reads only files the importer takes as inputs, and every candidate names measures that exist', () => {
    for (const f of EES_COUNT_FILES) expect(EES_FILES).toContain(f);
    const keys = new Set([...EES_MEASURES.map((d) => d.key), POPULATION_KEY]);
    for (const p of EES_PAIRS) expect([keys.has(p.numerator), keys.has(p.denominator)], p.indicator).toEqual([true, true]);
    expect(new Set(EES_MEASURES.map((d) => d.key)).size).toBe(EES_MEASURES.length);
  });
});

/** 120 LAs, England and a region. No count is a multiple of 5, so none may have been rounded: only exact agreement counts. */
const MANY: La[] = [...Array.from({ length: 120 }, (_, i) => la(301 + i)), la(970, 'england', 'E92000001'), la(980, 'region', 'E12000001')];
const referrals = (i: number) => 1003 + 10 * i;
const rereferrals = (i: number) => 201 + 10 * (i % 7);
const round1 = (x: number) => Math.round(x * 10) / 10;
const ratePublished = MANY.map((g, i) => (g.kind === 'la' ? round1((rereferrals(i) / referrals(i)) * 100) : 22.6));
const countsFor = (years: string[]): EesCounts =>
  new Map([
    ['EES_c1_referrals', new Map(years.map((y) => [y, new Map(MANY.map((g, i) => [g.number, referrals(i)] as const))]))],
    ['EES_c1_rereferrals', new Map(years.map((y) => [y, new Map(MANY.map((g, i) => [g.number, rereferrals(i)] as const))]))],
  ]);

describe('eesCountMeasures', () => {
  const reReferral = testIndicator('ReReferral', ['2023', '2024', '2025'], {
    unit: '% of referrals',
    dps: null,
    polarity: 'Low',
    topic: 'Child Protection',
    yearType: 'Financial Year',
    source: 'https://ees/cin',
  });
  // 2023: no EES counts; 2024: published values the counts do not give; 2025: the counts' own.
  const values = { ReReferral: { '2023': ratePublished, '2024': ratePublished.map((v) => v + 1), '2025': ratePublished } };

  it('pairs ReReferral with re-referrals / referrals only in the years they reproduce it, carrying both counts for every year LAIT publishes it, by LA, region and England', () => {
    const ees = eesCountMeasures([reReferral], values, MANY, countsFor(['2013', '2024', '2025']), new Set());
    expect(ees.pairs).toEqual([
      {
        indicator: 'ReReferral',
        numerator: 'EES_c1_rereferrals',
        denominator: 'EES_c1_referrals',
        multiplier: 100,
        method: 'proportion',
        agreement: 1,
        exact: 1,
        checked: 120,
        years: ['2025'],
      },
    ]);
    expect(ees.trials[0]?.byYear).toEqual({ '2024': { agree: 0, checked: 120 }, '2025': { agree: 120, checked: 120 } });
    expect(ees.indicators.map((i) => [i.key, i.years, i.topic, i.yearType, i.source, i.polarity, i.noQuartile])).toEqual([
      ['EES_c1_referrals', ['2024', '2025'], 'Child Protection', 'Financial Year', 'https://ees/cin', null, true],
      ['EES_c1_rereferrals', ['2024', '2025'], 'Child Protection', 'Financial Year', 'https://ees/cin', null, true],
    ]);
    // 2013 is not a year LAIT publishes ReReferral: not carried.
    expect(Object.keys(ees.values.EES_c1_rereferrals ?? {})).toEqual(['2024', '2025']);
    expect(ees.values.EES_c1_rereferrals?.['2025']?.slice(118)).toEqual([rereferrals(118), rereferrals(119), rereferrals(120), rereferrals(121)]);
    expect(ees.indicators[1]?.description).toMatch(/rereferral_count from the EES file c1_.*: the numerator of ReReferral/);
  });

  it('has no years list when the pair holds in every year LAIT publishes the indicator', () => {
    const all = { ReReferral: { '2024': ratePublished, '2025': ratePublished } };
    const ees = eesCountMeasures([{ ...reReferral, years: ['2024', '2025'] }], all, MANY, countsFor(['2024', '2025']), new Set());
    expect(ees.pairs[0]).toMatchObject({ checked: 240 });
    expect(ees.pairs[0]?.years).toBeUndefined();
  });

  it('pairs nothing and carries no measure when too few LA-years agree, or when the indicator already has LAIT counts', () => {
    const wrong = { ReReferral: { '2025': ratePublished.map((v, i) => (i % 3 === 0 ? v : v + 2)) } };
    const miss = eesCountMeasures([reReferral], wrong, MANY, countsFor(['2025']), new Set());
    expect([miss.pairs, miss.indicators, miss.values]).toEqual([[], [], {}]);
    expect(miss.trials[0]).toMatchObject({ indicator: 'ReReferral', held: [], checked: 120, agreement: 40 / 120, exact: 40 / 120 });
    // Fewer than MIN_CHECKED (100) LA-years, even all agreeing, prove nothing.
    const few = eesCountMeasures([reReferral], values, MANY.slice(0, 90), countsFor(['2025']), new Set());
    expect(few.pairs).toEqual([]);
    const skipped = eesCountMeasures([reReferral], values, MANY, countsFor(['2025']), new Set(['ReReferral']));
    expect([skipped.pairs, skipped.trials]).toEqual([[], []]);
  });

  it('allows for FTE published to one decimal: a turnover rate from unrounded FTE agrees, though not exactly', () => {
    const turnover = testIndicator('Work_Force_TO_Rate', ['2025'], { unit: 'Turnover rate', dps: null });
    // DfE divides unrounded FTE: 13.34 / 194.24 = 6.868 → 6.9 published; the file's 13.3 / 194.2 gives 6.849 → 6.8.
    const leavers = MANY.map((_, i) => (i % 2 === 0 ? 13.3 : 20 + i / 10));
    const inpost = MANY.map((_, i) => (i % 2 === 0 ? 194.2 : 200));
    const published = MANY.map((_, i) => (i % 2 === 0 ? 6.9 : round1((leavers[i]! / inpost[i]!) * 100)));
    const counts: EesCounts = new Map([
      ['EES_csww_leavers_fte', new Map([['2025', new Map(MANY.map((g, i) => [g.number, leavers[i]!] as const))]])],
      ['EES_csww_inpost_fte', new Map([['2025', new Map(MANY.map((g, i) => [g.number, inpost[i]!] as const))]])],
    ]);
    const [trial] = tryEesPairs([turnover], { Work_Force_TO_Rate: { '2025': published } }, MANY, counts, new Set());
    expect(trial).toMatchObject({ indicator: 'Work_Force_TO_Rate', held: ['2025'], agreement: 1, exact: 60 / 120 });
    expect(Number(((13.3 / 194.2) * 100).toFixed(1))).toBe(6.8);
  });

  it('pairs a rate per 10,000 with its count over the ONS population already in the release (children in need)', () => {
    const cin = testIndicator('CIN', ['2025'], { unit: 'Rate per 10,000', dps: null });
    const pop = MANY.map((_, i) => 20_000 + 97 * i);
    const atCount = MANY.map((_, i) => 300 + 7 * i);
    const counts: EesCounts = new Map([['EES_b1_cin_at31', new Map([['2025', new Map(MANY.map((g, i) => [g.number, atCount[i]!] as const))]])]]);
    const ees = eesCountMeasures(
      [cin, testIndicator(POPULATION_KEY, ['2025'])],
      { CIN: { '2025': atCount.map((x, i) => round1((x / pop[i]!) * 10_000)) }, [POPULATION_KEY]: { '2025': pop } },
      MANY,
      counts,
      new Set(),
    );
    expect(ees.pairs).toEqual([
      expect.objectContaining({
        indicator: 'CIN',
        numerator: 'EES_b1_cin_at31',
        denominator: POPULATION_KEY,
        multiplier: 10_000,
        method: 'rate',
        checked: 120,
      }),
    ]);
    expect(ees.indicators.map((i) => i.key)).toEqual(['EES_b1_cin_at31']);
  });
});

describe('a release with EES counts', () => {
  const LA_ROWS = MANY.filter((g) => g.kind === 'la');
  const dictionary = csv(
    '"Topic","Measure","Measure_short","Polarity","y_axis_name","Description","Hyperlink(s)","dps","Year_Type","No_Quartile"',
    '"Child Protection","Percentage of re-referrals within 12 months","ReReferral","Low","% of referrals","d","https://ees/cin",NA,"Financial Year",NA',
  );
  const lait = (byYear: Record<string, (i: number) => number>) =>
    csv(
      'Short Desc,Data item,Years,LA and Regions,Values,LA Number,Region',
      ...Object.entries(byYear).flatMap(([year, value]) =>
        MANY.map(
          (g, i) =>
            `ReReferral,,${year},${g.kind === 'la' ? `LA ${g.number}` : g.kind === 'england' ? 'England' : 'North East'},${value(i)},${g.number},${g.kind === 'la' ? 'North East' : 'NA'}`,
        ),
      ),
    );
  const published = (i: number) => ratePublished[i]!;
  const c1 = csv(
    `${ID},category,referral_count,rereferral_count`,
    ...['2024', '2025'].flatMap((y) => [
      `${y},Reporting year,National,E92000001,England,,,,,,R,632830,142900`,
      `${y},Reporting year,Regional,E92000001,England,E12000001,North East,,,,R,51000,11000`,
      ...LA_ROWS.map(
        (g, i) =>
          `${y},Reporting year,Local authority,E92000001,England,E12000001,North East,${g.number},E06000${g.number},LA ${g.number},R,${referrals(i)},${rereferrals(i)}`,
      ),
    ]),
  );
  const neighbours = LA_ROWS.slice(1, 11).map((g) => g.number);
  const sn2025 = csv(
    `old_la_code,la_name,region_ind,region_name,${Array.from({ length: 10 }, (_, i) => `SN_${i + 1},SN_${i + 1}P`).join(',')}`,
    `301,LA 301,1,North East,${neighbours.map((n) => `${n},Close`).join(',')}`,
  );
  const sn2021 = csv(
    `LA num,LA Name,LA number,GOInd,GOReg,${Array.from({ length: 10 }, (_, i) => `SN${i + 1},SNP`).join(',')},`,
    `301,LA 301,301,1,North East,${neighbours.map((n) => `${n},Close`).join(',')},`,
  );
  const files = (laitText: string): ReleaseInputFiles =>
    Object.fromEntries(
      Object.entries({ [LAIT_DATA]: laitText, [LAIT_DICTIONARY]: dictionary, [SN_2025]: sn2025, [SN_2021]: sn2021, [C1]: c1 }).map(([path, text]) => [
        path,
        { text, repo: 'dfe/test', commit: 'c'.repeat(40), sha256: sha256(text) },
      ]),
    );
  // The research data: LAIT's 2024 value is not the counts' (revised since), its 2025 value is.
  const research = buildRelease(files(lait({ '2024': (i) => published(i) + 1, '2025': published })), { sha256 });

  it('carries the counts as measures of the release and the proven pair in its counts', () => {
    expect(research.counts?.ReReferral).toEqual({
      numerator: 'EES_c1_rereferrals',
      denominator: 'EES_c1_referrals',
      multiplier: 100,
      method: 'proportion',
      agreement: 1,
      exact: 1,
      checked: 120,
      years: ['2025'],
    });
    const england = research.las.findIndex((l) => l.kind === 'england');
    const region = research.las.findIndex((l) => l.kind === 'region');
    expect([research.values.EES_c1_referrals?.['2025']?.[england], research.values.EES_c1_referrals?.['2025']?.[region]]).toEqual([632830, 51000]);
    expect(research.indicators.map((i) => i.key)).toEqual(['ReReferral', 'EES_c1_referrals', 'EES_c1_rereferrals']);
    // Measures come after the LAIT ones, so an LA's "current" is still judged on LAIT's indicators alone.
    expect(research.las.every((l) => l.current)).toBe(true);
  });

  it("gives a LAIT vintage the reference's counts, proven again on the vintage's own values and never for a year it does not publish", () => {
    const SN_HEADER = ['LA num', 'LA Name', 'LA number', 'GOInd', 'GOReg', ...Array.from({ length: 10 }, (_, i) => [`SN${i + 1}`, 'SNP']).flat()];
    const snRows = [['A'], ['1'], SN_HEADER, ['301', 'LA 301', '301', '1', 'North East', ...neighbours.flatMap((n) => [String(n), 'Close'])]];
    // As published in an earlier vintage: 2024 only, and then the counts' own value.
    const text = lait({ '2024': published });
    const vintage = buildVintageRelease(
      {
        vintage: { date: '2024-12-18', commit: 'dd1a19abb3431cc84a63199cf015bd591c7542e1' },
        lait: { ...parseLait('bds_long_0.parquet', text), name: 'bds_long_0.parquet', sha256: sha256(text) },
        dictionary: { text: dictionary, sha256: sha256(dictionary) },
        sn: { '2021': { rows: snRows, sha256: 'b'.repeat(64) } },
        reference: research,
      },
      { sha256 },
    );
    expect(vintage.counts?.ReReferral).toMatchObject({ numerator: 'EES_c1_rereferrals', checked: 120 });
    expect(vintage.counts?.ReReferral?.years).toBeUndefined();
    expect(Object.keys(vintage.values.EES_c1_rereferrals ?? {})).toEqual(['2024']);
  });
});
