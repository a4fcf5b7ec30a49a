/**
 * CIC.COMPARE and CIC.SERIES on the committed release, for every LA on every paired indicator, against a
 * computation written independently here: the Wilson limits as roots of the score quadratic, England's
 * published value, and the Fingertips rule (Similar when the benchmark is inside the interval).
 */
import { describe, expect, it } from 'vitest';
import { readReleaseFile } from '../../../../node/release-file';
import { evaluateFormula } from '../../../../shared/formulas/evaluate';
import { ReleaseIndex } from '../../../../shared/release/release-index';

const release = readReleaseFile();
const src = new ReleaseIndex(release);
const las = release.las.filter((l) => l.kind === 'la');
const col = (key: string, year: string) => release.values[key]?.[year] ?? [];
const at = (key: string, year: string, number: number) => col(key, year)[release.las.findIndex((l) => l.number === number)] ?? null;

/** Wilson 95% limits × 100, from (n + z²)p² − (2x + z²)p + x²/n = 0. */
function wilsonRoots(x: number, n: number): [number, number] {
  const z = 1.959963984540054;
  const a = n + z * z;
  const b = -(2 * x + z * z);
  const c = (x * x) / n;
  const d = Math.sqrt(b * b - 4 * a * c);
  return [((-b - d) / (2 * a)) * 100, ((-b + d) / (2 * a)) * 100];
}

const expected = (lo: number, hi: number, bench: number, polarity: 'High' | 'Low' | null): string => {
  if (bench >= lo && bench <= hi) return 'Similar';
  const above = bench < lo; // the LA is above the benchmark
  if (polarity === 'High') return above ? 'Better' : 'Worse';
  if (polarity === 'Low') return above ? 'Worse' : 'Better';
  return above ? 'Higher' : 'Lower';
};

describe('CIC.COMPARE on the real release', () => {
  // Proportions here; the rates per 10,000 (Byar / exact Poisson) are checked in compare-rates.test.ts.
  const pairs = Object.entries(release.counts ?? {}).filter(([, p]) => p.method === 'proportion');

  it('the release carries the proven pairs, LACStable_2016on among them', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(5);
    expect(release.counts?.LACStable_2016on).toMatchObject({ numerator: 'LACStableNum_2016on', denominator: 'LACnum', multiplier: 100, method: 'proportion' });
  });

  it.each(pairs.map(([key, pair]) => [key, pair] as const))('%s: every LA, latest year, vs England', async (key, pair) => {
    const ind = release.indicators.find((i) => i.key === key)!;
    const year = ind.years.at(-1)!;
    const england = at(key, year, 970);
    let compared = 0;
    for (const la of las) {
      const got = await evaluateFormula(`=CIC.COMPARE("${key}", ${la.number}, "${year}")`, src);
      const x = at(pair.numerator, year, la.number);
      const n = at(pair.denominator, year, la.number);
      if (x === null || n === null || !(n > 0) || x > n || england === null) {
        expect(String(got), la.name).toMatch(/^#N\/A/);
        continue;
      }
      const [lo, hi] = wilsonRoots(x, n);
      expect(got, `${la.name} ${x}/${n}`).toBe(expected(lo, hi, england, ind.polarity));
      compared++;
    }
    expect(compared).toBeGreaterThan(10);
  });

  it('against the region and the SN mean, and a value', async () => {
    // Leicestershire 2025: 10% (LACStableNum_2016on / LACnum), East Midlands 9, SN mean 12.
    const x = at('LACStableNum_2016on', '2025', 855)!;
    const n = at('LACnum', '2025', 855)!;
    const [lo, hi] = wilsonRoots(x, n);
    const region = release.las.find((l) => l.name === 'East Midlands')!.number;
    expect(await evaluateFormula('=CIC.COMPARE("LACStable_2016on", 855, 2025, "Region")', src)).toBe(
      expected(lo, hi, at('LACStable_2016on', '2025', region)!, 'Low'),
    );
    const sn = (await evaluateFormula('=CIC.SNAVG("LACStable_2016on", 855, 2025)', src)) as number;
    expect(await evaluateFormula('=CIC.COMPARE("LACStable_2016on", 855, 2025, "SN")', src)).toBe(expected(lo, hi, sn, 'Low'));
    expect(await evaluateFormula(`=CIC.COMPARE("LACStable_2016on", 855, 2025, ${hi + 0.01})`, src)).toBe('Better');
  });

  it('an indicator without counts is #N/A with the reason; a bad benchmark #VALUE!', async () => {
    expect(String(await evaluateFormula('=CIC.COMPARE("CareLeaverEET", 855)', src))).toMatch(/^#N\/A CareLeaverEET: the release has no counts/);
    expect(String(await evaluateFormula('=CIC.COMPARE("LACStable_2016on", 855, , "Mars")', src))).toMatch(/^#VALUE! benchmark must be/);
  });
});

describe('CIC.SERIES', () => {
  it("is LAIT's LA view: one row per year, the published values, blanks (never 0) where none", async () => {
    const ind = release.indicators.find((i) => i.key === 'LACStable_2016on')!;
    const table = (await evaluateFormula('=CIC.SERIES("LACStable_2016on", "Leicestershire")', src)) as (string | number)[][];
    // The LA header notes the latest five years' trend (CIC.TREND; tests/unit/shared/formulas/trend.test.ts).
    expect(table[0]).toEqual(['Year', 'LA (trend 2021–2025: Worse)', 'Region', 'SN average', 'England', 'Lower 95%', 'Upper 95%', 'Compared with England']);
    expect(table.slice(1).map((r) => r[0])).toEqual(ind.years);
    const region = release.las.find((l) => l.name === 'East Midlands')!.number;
    for (const row of table.slice(1)) {
      const y = String(row[0]);
      expect(row[1]).toBe(at('LACStable_2016on', y, 855) ?? '');
      expect(row[2]).toBe(at('LACStable_2016on', y, region) ?? '');
      expect(row[4]).toBe(at('LACStable_2016on', y, 970) ?? '');
      const sn = await evaluateFormula(`=CIC.SNAVG("LACStable_2016on", 855, "${y}")`, src);
      expect(row[3]).toBe(typeof sn === 'number' ? sn : '');
      const cmp = await evaluateFormula(`=CIC.COMPARE("LACStable_2016on", 855, "${y}")`, src);
      // A year without a verdict says why in its verdict cell, never a blank that reads as "no difference".
      expect(row[7]).toBe(typeof cmp === 'string' ? cmp : row[1] === '' ? `not published for ${y}` : `no counts for ${y}`);
    }
  });

  it('takes the latest k years or chosen labels', async () => {
    const last3 = (await evaluateFormula('=CIC.SERIES("LACStable_2016on", 855, 3)', src)) as unknown[][];
    expect(last3.slice(1).map((r) => r[0])).toEqual(['2023', '2024', '2025']);
    const one = (await evaluateFormula('=CIC.SERIES("LACStable_2016on", 855, "2020")', src)) as unknown[][];
    expect(one.map((r) => r[0])).toEqual(['Year', '2020']);
  });

  it('without counts it still spills the values, interval columns blank and their headers saying why', async () => {
    const t = (await evaluateFormula('=CIC.SERIES("CareLeaverEET", 855, 2)', src)) as unknown[][];
    expect(t).toHaveLength(3);
    expect(t.every((r) => r.length === 8)).toBe(true);
    const why = '(no counts: the release has none for this indicator)';
    expect(t[0]!.slice(5)).toEqual([`Lower 95% ${why}`, `Upper 95% ${why}`, `Compared with England ${why}`]);
    for (const r of t.slice(1)) {
      expect([r[5], r[6], r[7]]).toEqual(['', '', '']);
      expect(typeof r[1]).toBe('number'); // the values are still there
    }
  });

  it('says in the verdict cell why a year has no interval, and in the headers when no year shown has one', async () => {
    // LAC's counts (LACnum over the ONS population) reproduce its rate from 2019 only.
    const t = (await evaluateFormula('=CIC.SERIES("LAC", 855)', src)) as (string | number)[][];
    expect(t[0]!.slice(5)).toEqual(['Lower 95%', 'Upper 95%', 'Compared with England']);
    const byYear = new Map(t.slice(1).map((r) => [String(r[0]), r]));
    expect(byYear.get('2018')!.slice(5)).toEqual(['', '', "no counts for 2018: the published counts do not reproduce that year's value"]);
    expect(typeof byYear.get('2018')![1]).toBe('number');
    expect(typeof byYear.get('2025')![5]).toBe('number');
    expect(byYear.get('2025')![7]).toBe(await evaluateFormula('=CIC.COMPARE("LAC", 855, "2025")', src));
    const early = (await evaluateFormula('=CIC.SERIES("LAC", 855, {"2016","2017"})', src)) as unknown[][];
    expect(early).toHaveLength(3);
    expect(early[0]!.slice(5)).toEqual(['Lower 95% (no counts for the years shown)', 'Upper 95% (no counts for the years shown)', 'Compared with England']);
    // An LA that publishes no value that year: the LA cell is blank, and the verdict cell says so.
    const city = (await evaluateFormula('=CIC.SERIES("LACStable_2016on", "City of London", "2019")', src)) as unknown[][];
    expect(city[1]!.slice(1)).toEqual(['', expect.any(Number), expect.any(Number), expect.any(Number), '', '', 'not published for 2019']);
  });
});
