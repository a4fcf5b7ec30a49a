/**
 * The rates per 10,000 in the committed release: each proven pair (count / ONS 0–17 population) really
 * reproduces the published rate for every LA in the years it is kept for, and CIC.COMPARE agrees for every
 * LA with an interval computed here independently — Byar's limits from 10 events, and below 10 the exact
 * Poisson limits found by bisecting the Poisson cumulative sums (no chi-square quantile involved).
 */
import { describe, expect, it } from 'vitest';
import { readReleaseFile } from '../../../../node/release-file';
import { evaluateFormula } from '../../../../shared/formulas/evaluate';
import { ReleaseIndex } from '../../../../shared/release/release-index';
import { bisect, poissonCdf } from '../statistics/poisson-reference';

const release = readReleaseFile();
const src = new ReleaseIndex(release);
const las = release.las.filter((l) => l.kind === 'la');
const rowOf = new Map(release.las.map((l, i) => [l.number, i]));
const at = (key: string, year: string, n: number): number | null => release.values[key]?.[year]?.[rowOf.get(n) ?? -1] ?? null;
const rates = Object.entries(release.counts ?? {}).filter(([, p]) => p.method === 'rate');
const Z = 1.959963984540054;

/** 95% limits of a Poisson count O. */
function countLimits(o: number): [number, number] {
  if (o >= 10) return [o * (1 - 1 / (9 * o) - Z / (3 * Math.sqrt(o))) ** 3, (o + 1) * (1 - 1 / (9 * (o + 1)) + Z / (3 * Math.sqrt(o + 1))) ** 3];
  const upper = bisect((mu) => poissonCdf(o, mu) - 0.025, 0, 100);
  const lower = o === 0 ? 0 : bisect((mu) => poissonCdf(o - 1, mu) - 0.975, 0, 100);
  return [lower, upper];
}

describe('rates per 10,000 with the ONS child population', () => {
  it('pairs the CLA and child protection rates, LAC only from 2019', () => {
    expect(Object.fromEntries(rates.map(([k, p]) => [k, p.numerator]))).toMatchObject({ LAC: 'LACnum', CPP_rate: 'CPP_Num', LAC_Start_Rate: 'LACnum_Start' });
    expect(release.counts?.LAC?.years).toEqual(['2019', '2020', '2021', '2022', '2023', '2024', '2025']);
    expect(release.counts?.CPP_rate?.years).toBeUndefined();
  });

  it.each(rates)('%s: the count over the population reproduces the published rate in every kept year', (key, pair) => {
    const ind = release.indicators.find((i) => i.key === key)!;
    let checked = 0;
    let off = 0;
    for (const year of pair.years ?? ind.years) {
      for (const la of las) {
        const v = at(key, year, la.number);
        const x = at(pair.numerator, year, la.number);
        const n = at(pair.denominator, year, la.number);
        if (v === null || x === null || n === null) continue;
        checked++;
        if (Math.abs((x / n) * 10000 - v) > 0.5 + 1e-9) off++;
      }
    }
    expect(checked).toBeGreaterThan(500);
    expect(off / checked).toBeLessThanOrEqual(0.05);
  });

  it.each(rates)('%s: COMPARE for every LA, latest year, vs England', async (key, pair) => {
    const ind = release.indicators.find((i) => i.key === key)!;
    const year = ind.years.at(-1)!;
    const england = at(key, year, 970)!;
    let compared = 0;
    for (const la of las) {
      const got = await evaluateFormula(`=CIC.COMPARE("${key}", ${la.number}, "${year}")`, src);
      const x = at(pair.numerator, year, la.number);
      const n = at(pair.denominator, year, la.number);
      if (x === null || n === null || !(n > 0)) {
        expect(String(got), la.name).toMatch(/^#N\/A/);
        continue;
      }
      const [lo, hi] = countLimits(x).map((c) => (c / n) * 10000) as [number, number];
      const above = england < lo;
      const want =
        england >= lo && england <= hi
          ? 'Similar'
          : ind.polarity === 'High'
            ? above
              ? 'Better'
              : 'Worse'
            : ind.polarity === 'Low'
              ? above
                ? 'Worse'
                : 'Better'
              : above
                ? 'Higher'
                : 'Lower';
      expect(got, `${la.name} ${x} per ${n}`).toBe(want);
      compared++;
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('Leicestershire 2025: 694 children looked after of 147,439 → 47.07 per 10,000 (43.63–50.71), Lower than England 67', async () => {
    expect(at('LACnum', '2025', 855)).toBe(694);
    expect(at('ONS_Pop0to17', '2025', 855)).toBe(147439);
    const [[v, lo, hi]] = (await evaluateFormula('=CIC.CI(694, 147439, 10000, , "rate")', src)) as number[][] as [[number, number, number]];
    const [l, u] = countLimits(694);
    expect(v).toBeCloseTo((694 / 147439) * 10000, 9);
    expect(lo).toBeCloseTo((l / 147439) * 10000, 9);
    expect(hi).toBeCloseTo((u / 147439) * 10000, 9);
    expect(await evaluateFormula('=CIC.COMPARE("LAC", 855, 2025)', src)).toBe('Lower');
    expect(String(await evaluateFormula('=CIC.COMPARE("LAC", 855, 2017)', src))).toMatch(/^#N\/A LAC 2017: LACnum \/ ONS_Pop0to17 does not reproduce/);
  });

  it('fewer than 10 events get the exact Poisson interval (3 events: 0.6187–8.7673)', async () => {
    const [[, lo, hi]] = (await evaluateFormula('=CIC.CI(3, 1000, 10000, , "rate")', src)) as [[number, number, number]];
    const [l, u] = countLimits(3);
    expect([l, u].map((c) => Number(c.toFixed(4)))).toEqual([0.6187, 8.7673]);
    expect(lo).toBeCloseTo(l * 10, 9);
    expect(hi).toBeCloseTo(u * 10, 9);
  });
});

describe('years as people type them, as in CIC.VALUE', () => {
  it('"2024-25" finds a financial-year measure\'s label "2025" in COMPARE and SERIES too', async () => {
    expect(await evaluateFormula('=CIC.COMPARE("LACStable_2016on", 855, "2024-25")', src)).toBe(
      await evaluateFormula('=CIC.COMPARE("LACStable_2016on", 855, 2025)', src),
    );
    const rows = (await evaluateFormula('=CIC.SERIES("LACStable_2016on", 855, {"2024-25"})', src)) as unknown[][];
    expect(rows[1]?.[0]).toBe('2025');
  });
});
