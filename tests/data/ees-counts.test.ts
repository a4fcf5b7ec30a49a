/**
 * The counts the release takes from the EES files (shared/importers/ees-counts.ts), against the raw files
 * read here with csv-parse: CIC.COMPARE on ReReferral for every LA and every year equals a Wilson interval
 * computed in this test from the c1 file's own re-referrals and referrals and LAIT's England value; CIN
 * (b1 over the ONS population) against Byar's interval; the workforce turnover rate (FTE) against Wilson;
 * the measures equal the files for LAs, regions and England; the candidates docs/method.md says fail do
 * fail. Reads the committed default release and ../shared/research-data; skips when that is absent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readReleaseFile } from '../../node/release-file';
import { EES_MEASURES, parseEesCounts, tryEesPairs } from '../../shared/importers/ees-counts';
import { evaluateFormula } from '../../shared/formulas/evaluate';
import { ReleaseIndex } from '../../shared/release/release-index';

const DIR = path.resolve(__dirname, '../../../shared/research-data/csc_outcomes_enablers');
const present = fs.existsSync(DIR);
if (!present) console.warn(`ees-counts: skipped because ../shared/research-data is absent (${DIR} not found)`);

type Row = Record<string, string>;
const rows = (file: string): Row[] => parse(fs.readFileSync(path.join(DIR, file), 'utf8').replace(/^\uFEFF/, ''), { columns: true }) as Row[];
const count = (s: string | undefined): number | null => (s !== undefined && /^\d+(\.\d+)?$/.test(s) ? Number(s) : null);
const Z = 1.959963984540054;

/** Wilson 95% limits × 100, as the roots of (n + z²)p² − (2x + z²)p + x²/n = 0. */
function wilson(x: number, n: number): [number, number] {
  const a = n + Z * Z;
  const b = -(2 * x + Z * Z);
  const d = Math.sqrt(b * b - (4 * a * x * x) / n);
  return [((-b - d) / (2 * a)) * 100, ((-b + d) / (2 * a)) * 100];
}

/** Byar's 95% limits for a count of 10 or more, per 10,000 of n. */
function byar(x: number, n: number): [number, number] {
  const lo = x * (1 - 1 / (9 * x) - Z / (3 * Math.sqrt(x))) ** 3;
  const hi = (x + 1) * (1 - 1 / (9 * (x + 1)) + Z / (3 * Math.sqrt(x + 1))) ** 3;
  return [(lo / n) * 10_000, (hi / n) * 10_000];
}

/** Fingertips: Similar when the benchmark is inside the interval. */
function verdict([lo, hi]: [number, number], bench: number, polarity: string | null): string {
  if (bench >= lo && bench <= hi) return 'Similar';
  const above = bench < lo;
  if (polarity === 'High') return above ? 'Better' : 'Worse';
  if (polarity === 'Low') return above ? 'Worse' : 'Better';
  return above ? 'Higher' : 'Lower';
}

describe.skipIf(!present)('EES counts in the default release, against the raw files', () => {
  const release = readReleaseFile();
  const src = new ReleaseIndex(release);
  const rowOf = new Map(release.las.map((l, i) => [l.number, i]));
  const byOns = new Map(release.las.filter((l) => l.kind !== 'la' && l.ons).map((l) => [l.ons as string, l.number]));
  const las = release.las.filter((l) => l.kind === 'la');
  const value = (key: string, year: string, n: number) => release.values[key]?.[year]?.[rowOf.get(n) ?? -1] ?? null;
  const polarity = (key: string) => release.indicators.find((i) => i.key === key)?.polarity ?? null;
  /** The geography a raw row is: an LA by its DfE number, a region or England by its ONS code. */
  const geography = (r: Row): number | undefined =>
    r.geographic_level === 'Local authority'
      ? /^\d{3}$/.test(r.old_la_code ?? '')
        ? Number(r.old_la_code)
        : undefined
      : byOns.get(r.geographic_level === 'National' ? (r.country_code ?? '') : (r.region_code ?? ''));
  const c1 = present ? rows('c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv') : [];

  it('carries the c1 referrals and re-referrals as published for every LA, region and England, 2016–2025', () => {
    let same = 0;
    const different: unknown[] = [];
    for (const r of c1) {
      const n = geography(r);
      if (n === undefined || !rowOf.has(n) || Number(r.time_period) < 2016) continue;
      for (const [key, col] of [
        ['EES_c1_referrals', 'referral_count'],
        ['EES_c1_rereferrals', 'rereferral_count'],
      ] as const) {
        if (value(key, r.time_period!, n) === count(r[col])) same++;
        else different.push([key, r.time_period, n, value(key, r.time_period!, n), r[col]]);
      }
    }
    expect(different.slice(0, 5)).toEqual([]);
    expect(same).toBeGreaterThan(3000); // 10 years × (≈152 LAs + 11 regions + England) × 2
    expect(release.counts?.ReReferral).toMatchObject({ numerator: 'EES_c1_rereferrals', denominator: 'EES_c1_referrals', multiplier: 100, method: 'proportion' });
    // Leicestershire 2025: 1,721 re-referrals of 6,752 referrals is LAIT's 25.5.
    const [x, n] = [value('EES_c1_rereferrals', '2025', 855)!, value('EES_c1_referrals', '2025', 855)!];
    expect([x, n, Math.round((x / n) * 1000) / 10, value('ReReferral', '2025', 855)]).toEqual([1721, 6752, 25.5, 25.5]);
  });

  it('CIC.COMPARE on ReReferral, every LA and year, is a Wilson interval from the c1 file against LAIT\'s England value', async () => {
    const raw = new Map(c1.filter((r) => r.geographic_level === 'Local authority').map((r) => [`${r.time_period}|${r.old_la_code}`, r]));
    let compared = 0;
    let na = 0;
    for (const year of release.indicators.find((i) => i.key === 'ReReferral')!.years) {
      const england = value('ReReferral', year, 970)!;
      for (const la of las) {
        const got = String(await evaluateFormula(`=CIC.COMPARE("ReReferral", ${la.number}, "${year}")`, src));
        const r = raw.get(`${year}|${la.number}`);
        const x = count(r?.rereferral_count);
        const n = count(r?.referral_count);
        if (x === null || n === null || !(n > 0)) {
          expect(got, `${la.name} ${year}`).toMatch(/^#N\/A/);
          na++;
          continue;
        }
        expect(got, `${la.name} ${year}: ${x} / ${n}`).toBe(verdict(wilson(x, n), england, 'Low'));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1450);
    console.log(`ees-counts: COMPARE on ReReferral checked for ${compared} LA-years (${na} without counts, #N/A)`);
  });

  it('CIC.COMPARE on CIN 2025 is Byar\'s interval on the b1 children in need at 31 March over the mid-2024 population', async () => {
    const b1 = new Map(rows('b1_children_in_need_2013_to_2025.csv').filter((r) => r.time_period === '2025' && r.geographic_level === 'Local authority').map((r) => [r.old_la_code, r]));
    const pop = new Map(
      rows('ons_mid-year_population_estimates_2012_to_2024.csv')
        .filter((r) => r.time_period === '2024' && r.geographic_level === 'Local authority' && r.age_group === 'Children aged 0 to 17 years')
        .map((r) => [r.old_la_code, count(r.population_estimate)]),
    );
    const england = value('CIN', '2025', 970)!;
    let compared = 0;
    for (const la of las) {
      const got = String(await evaluateFormula(`=CIC.COMPARE("CIN", ${la.number}, 2025)`, src));
      const x = count(b1.get(String(la.number))?.At31_episodes);
      const n = pop.get(String(la.number)) ?? null;
      if (x === null || n === null || value('CIN', '2025', la.number) === null) {
        expect(got, la.name).toMatch(/^#N\/A/);
        continue;
      }
      expect(x, la.name).toBeGreaterThanOrEqual(10); // Byar's approximation holds from 10 events
      expect(got, `${la.name}: ${x} / ${n}`).toBe(verdict(byar(x, n), england, polarity('CIN')));
      compared++;
    }
    expect(compared).toBeGreaterThan(145);
  });

  it('CIC.COMPARE on the social worker turnover rate 2025 is a Wilson interval on the CSWW leavers and social workers in post (FTE)', async () => {
    const csww = new Map(rows('csww_indicators_2017_to_2025.csv').filter((r) => r.time_period === '2025' && r.geographic_level === 'Local authority').map((r) => [r.old_la_code, r]));
    const england = value('Work_Force_TO_Rate', '2025', 970)!;
    let compared = 0;
    for (const la of las) {
      const got = String(await evaluateFormula(`=CIC.COMPARE("Work_Force_TO_Rate", ${la.number}, 2025)`, src));
      const r = csww.get(String(la.number));
      const x = count(r?.leavers_fte);
      const n = count(r?.inpost_fte);
      if (x === null || n === null || value('Work_Force_TO_Rate', '2025', la.number) === null) {
        expect(got, la.name).toMatch(/^#N\/A/);
        continue;
      }
      expect(got, `${la.name}: ${x} / ${n}`).toBe(verdict(wilson(x, n), england, 'Low'));
      compared++;
    }
    expect(compared).toBeGreaterThan(140);
  });

  it('does not pair the candidates docs/method.md names as failing: new placements over 20 miles are not LACDistance, caseholders are not Social_Work_Caseholders_%', () => {
    const files = ['la_cla_during_year_new_placements.csv', 'csww_indicators_2017_to_2025.csv'].map((f) => ({
      file: `csc_outcomes_enablers/${f}`,
      text: fs.readFileSync(path.join(DIR, f), 'utf8'),
    }));
    const counts = parseEesCounts(files, release.las, new Set(EES_MEASURES.map((d) => d.key).filter((k) => /new_placements|caseholders|inpost/.test(k))));
    const trials = tryEesPairs(release.indicators, release.values, release.las, counts, new Set(Object.keys(release.counts ?? {})));
    const share = Object.fromEntries(trials.map((t) => [t.indicator, t.agreement]));
    expect(share.LACDistance).toBeLessThan(0.2);
    expect(share['Social_Work_Caseholders_%']).toBeLessThan(0.01);
    expect([release.counts?.LACDistance, release.counts?.['Social_Work_Caseholders_%'], release.values.EES_new_placements_total]).toEqual([undefined, undefined, undefined]);
  });
});
