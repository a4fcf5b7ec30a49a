/**
 * CIC.TREND on the committed release, for every LA on every indicator with counts, against Fingertips'
 * recent-trend rule computed here independently: the chi-square for trend written the way R's
 * prop.trend.test computes it (weighted regression of the proportions on the year), the log-odds gradients
 * by ordinary least squares, and for rates the weighted regression on Byar's / the exact Poisson limits
 * found by bisection. Then the worked example of docs/method.md, the words, the refusals, and the trend in
 * SERIES's header and CARD.
 */
import { describe, expect, it } from 'vitest';
import { readReleaseFile } from '../../../../node/release-file';
import { evaluateFormula } from '../../../../shared/formulas/evaluate';
import { functionById } from '../../../../shared/formulas/index';
import { invoke } from '../../../../shared/formulas/invoke';
import type { EntityValue } from '../../../../shared/formulas/types';
import { ReleaseIndex } from '../../../../shared/release/release-index';
import { bisect, poissonCdf } from '../statistics/poisson-reference';

const release = readReleaseFile();
const src = new ReleaseIndex(release);
const las = release.las.filter((l) => l.kind === 'la');
const rowOf = new Map(release.las.map((l, i) => [l.number, i]));
const at = (key: string, year: string, n: number): number | null => release.values[key]?.[year]?.[rowOf.get(n) ?? -1] ?? null;
const CRITICAL = 9.549535706083237; // χ²(1) at 99.8%, Fingertips' 9.5495

const ols = (t: number[], y: number[]): number => {
  const tb = t.reduce((a, b) => a + b, 0) / t.length;
  const yb = y.reduce((a, b) => a + b, 0) / y.length;
  return t.reduce((a, ti, i) => a + (ti - tb) * (y[i]! - yb), 0) / t.reduce((a, ti) => a + (ti - tb) ** 2, 0);
};
const wls = (t: number[], y: number[], w: number[]): { beta: number; chi2: number } => {
  const sw = w.reduce((a, b) => a + b, 0);
  const tb = w.reduce((a, wi, i) => a + wi * t[i]!, 0) / sw;
  const yb = w.reduce((a, wi, i) => a + wi * y[i]!, 0) / sw;
  const sxx = w.reduce((a, wi, i) => a + wi * (t[i]! - tb) ** 2, 0);
  const beta = w.reduce((a, wi, i) => a + wi * (t[i]! - tb) * (y[i]! - yb), 0) / sxx;
  return { beta, chi2: beta * beta * sxx };
};
const dropEach = <T>(xs: T[]): T[][] => xs.map((_, j) => xs.filter((__, i) => i !== j));

/** Fingertips' rule from χ² and the gradients over all points and each point left out. */
function marker(chi2: number, gradient: (keep: number[]) => number, k: number, polarity: 'High' | 'Low' | null): string {
  const idx = [...Array(k).keys()];
  const gs = [gradient(idx), ...dropEach(idx).map(gradient)];
  const s = (g: number) => (g < 0 ? -1 : 1);
  if (!(chi2 > CRITICAL) || gs.some((g) => s(g) !== s(gs[0]!))) return 'No significant change';
  const up = gs[0]! > 0;
  if (polarity === 'High') return up ? 'Better' : 'Worse';
  if (polarity === 'Low') return up ? 'Worse' : 'Better';
  return up ? 'Increasing' : 'Decreasing';
}

function proportionMarker(x: number[], n: number[], t: number[], polarity: 'High' | 'Low' | null): string {
  const p = x.reduce((a, b) => a + b, 0) / n.reduce((a, b) => a + b, 0);
  const w = n.map((ni) => ni / (p * (1 - p)));
  const chi2 = wls(
    t,
    x.map((xi, i) => xi / n[i]!),
    w,
  ).chi2;
  const half = x.some((xi, i) => xi === 0 || xi === n[i]) ? 0.5 : 0;
  const logit = x.map((xi, i) => Math.log((xi + half) / (n[i]! - xi + half)));
  return marker(
    chi2,
    (keep) =>
      ols(
        keep.map((i) => t[i]!),
        keep.map((i) => logit[i]!),
      ),
    x.length,
    polarity,
  );
}

/** 95% limits of a Poisson count: Byar's from 10 events, exact (bisected) below. */
function countLimits(o: number): [number, number] {
  const z = 1.959963984540054;
  if (o >= 10) return [o * (1 - 1 / (9 * o) - z / (3 * Math.sqrt(o))) ** 3, (o + 1) * (1 - 1 / (9 * (o + 1)) + z / (3 * Math.sqrt(o + 1))) ** 3];
  return [o === 0 ? 0 : bisect((mu) => poissonCdf(o - 1, mu) - 0.975, 0, 100), bisect((mu) => poissonCdf(o, mu) - 0.025, 0, 100)];
}

function rateMarker(o: number[], n: number[], t: number[], multiplier: number, polarity: 'High' | 'Low' | null): string {
  const y = o.map((oi, i) => (oi / n[i]!) * multiplier);
  const w = o.map((oi, i) => {
    const [lo, hi] = countLimits(oi);
    return (3.92 / (((hi - lo) / n[i]!) * multiplier)) ** 2;
  });
  const pick = (keep: number[], v: number[]) => keep.map((i) => v[i]!);
  return marker(wls(t, y, w).chi2, (keep) => wls(pick(keep, t), pick(keep, y), pick(keep, w)).beta, o.length, polarity);
}

describe('CIC.TREND on the real release, every LA, the latest five years', () => {
  const pairs = Object.entries(release.counts ?? {});
  it.each(pairs)('%s', async (key, pair) => {
    const ind = release.indicators.find((i) => i.key === key)!;
    const years = ind.years.slice(-5);
    const tally: Record<string, number> = {};
    for (const la of las) {
      const got = await evaluateFormula(`=CIC.TREND("${key}", ${la.number})`, src);
      const x = years.map((y) => at(pair.numerator, y, la.number));
      const n = years.map((y) => at(pair.denominator, y, la.number));
      const usable =
        years.length === 5 &&
        (!pair.years || years.every((y) => pair.years!.includes(y))) &&
        x.every((v, i) => v !== null && n[i] !== null && n[i]! > 0 && v >= 0 && (pair.method === 'rate' || v <= n[i]!));
      if (!usable) {
        expect(String(got), la.name).toMatch(/^#N\/A/);
        continue;
      }
      const t = years.map(Number);
      const want =
        pair.method === 'proportion'
          ? proportionMarker(x as number[], n as number[], t, ind.polarity)
          : rateMarker(x as number[], n as number[], t, pair.multiplier, ind.polarity);
      expect(got, `${la.name} ${x.join(',')} / ${n.join(',')}`).toBe(want);
      tally[want] = (tally[want] ?? 0) + 1;
    }
    // A pair that does not hold in one of the five years (Stability_School: LAIT publishes nothing for 2020) has no trend anywhere.
    if (years.length === 5 && (!pair.years || years.every((y) => pair.years!.includes(y))))
      expect(Object.values(tally).reduce((a, b) => a + b, 0)).toBeGreaterThan(10);
  });
});

describe('CIC.TREND: the worked example, the words and the refusals', () => {
  it("Leicestershire's placement stability 2021–2025: 32/706 … 66/694, χ² = 17.92 > 9.5495, rising, and a low value is good: Worse", async () => {
    const years = ['2021', '2022', '2023', '2024', '2025'];
    const x = years.map((y) => at('LACStableNum_2016on', y, 855)!);
    const n = years.map((y) => at('LACnum', y, 855)!);
    expect(x).toEqual([32, 40, 45, 63, 66]);
    expect(n).toEqual([706, 696, 681, 725, 694]);
    // The chi-square for trend by hand, t = 1…5: N = 3502, R = 246, Σrt = 829, Σnt = 10511, Σnt² = 38569.
    const [N, R, rt, nt, ntt] = [3502, 246, 829, 10511, 38569];
    const chi2 = (N * (N * rt - R * nt) ** 2) / (R * (N - R) * (N * ntt - nt * nt));
    expect(chi2).toBeCloseTo(17.92, 2);
    expect(await evaluateFormula('=CIC.TREND("LACStable_2016on", "Leicestershire")', src)).toBe('Worse');
    expect(await evaluateFormula('=CIC.TREND("LACStable_2016on", 855, 2025)', src)).toBe('Worse');
    // The five years up to 2024 (2020–2024) are another series with its own answer.
    expect(await evaluateFormula('=CIC.TREND("LACStable_2016on", 855, 2024)', src)).toBe(
      proportionMarker(
        ['2020', '2021', '2022', '2023', '2024'].map((y) => at('LACStableNum_2016on', y, 855)!),
        ['2020', '2021', '2022', '2023', '2024'].map((y) => at('LACnum', y, 855)!),
        [2020, 2021, 2022, 2023, 2024],
        'Low',
      ),
    );
  });

  it('no polarity: Increasing / Decreasing; a lower level finds more trends', async () => {
    const words = new Set<string>();
    for (const la of las.slice(0, 60)) words.add(String(await evaluateFormula(`=CIC.TREND("CPP_rate", ${la.number})`, src)));
    expect([...words].every((w) => /^(Increasing|Decreasing|No significant change|#N\/A.*)$/.test(w))).toBe(true);
    expect(words.has('Increasing') || words.has('Decreasing')).toBe(true);
    let strict = 0;
    let loose = 0;
    for (const la of las) {
      if ((await evaluateFormula(`=CIC.TREND("CPP_rate", ${la.number})`, src)) !== 'No significant change') strict++;
      if ((await evaluateFormula(`=CIC.TREND("CPP_rate", ${la.number}, , 0.95)`, src)) !== 'No significant change') loose++;
    }
    expect(loose).toBeGreaterThan(strict);
  });

  it('#N/A says why: no counts, too few years, a year without counts; bad arguments are #VALUE!', async () => {
    expect(String(await evaluateFormula('=CIC.TREND("CareLeaverEET", 855)', src))).toMatch(
      /^#N\/A CareLeaverEET: the release has no counts .* so no trend test/,
    );
    expect(String(await evaluateFormula('=CIC.TREND("LACStable_2016on", 855, 3)', src))).toMatch(/^#N\/A .*needs at least 5 years.*not 3 \(2023, 2024, 2025\)/);
    expect(String(await evaluateFormula('=CIC.TREND("LACStable_2016on", 855, 2018)', src))).toMatch(/needs at least 5 years.*not 3 \(2016, 2017, 2018\)/);
    // LAC's rate holds only from 2019: 2016–2020 lacks counts for 2016–2018.
    expect(String(await evaluateFormula('=CIC.TREND("LAC", 855, 2020)', src))).toMatch(
      /^#N\/A Leicestershire: LAC has no counts \(LACnum \/ ONS_Pop0to17\) for 2016, 2017, 2018 \(the counts hold for 2019/,
    );
    expect(String(await evaluateFormula('=CIC.TREND("LACStable_2016on", 855, , 95)', src))).toMatch(/^#VALUE! level 95 looks like a percentage/);
    expect(String(await evaluateFormula('=CIC.TREND("LACStable_2016on", "Atlantis")', src))).toMatch(/^#N\/A/);
  });

  it('several year labels are tested as given: seven years 2019–2025', async () => {
    const years = ['2019', '2020', '2021', '2022', '2023', '2024', '2025'];
    const got = await evaluateFormula(`=CIC.TREND("LACStable_2016on", 855, {${years.map((y) => `"${y}"`).join(',')}})`, src);
    expect(got).toBe(
      proportionMarker(
        years.map((y) => at('LACStableNum_2016on', y, 855)!),
        years.map((y) => at('LACnum', y, 855)!),
        years.map(Number),
        'Low',
      ),
    );
  });

  it('its words feed CIC.RAG: No significant change is Similar', async () => {
    expect(await evaluateFormula('=CIC.RAG(2, CIC.TREND("LACStable_2016on", 855))', src)).toBe(await evaluateFormula('=CIC.RAG(2, "Worse")', src));
    expect(await evaluateFormula('=CIC.RAG(2, "No significant change")', src)).toBe(await evaluateFormula('=CIC.RAG(2, "Similar")', src));
  });
});

describe('the trend in SERIES and CARD', () => {
  it("SERIES notes the latest five shown years' trend in its LA header, its shape unchanged", async () => {
    const table = (await evaluateFormula('=CIC.SERIES("LACStable_2016on", 855)', src)) as unknown[][];
    expect(table[0]).toEqual(['Year', 'LA (trend 2021–2025: Worse)', 'Region', 'SN average', 'England', 'Lower 95%', 'Upper 95%', 'Compared with England']);
    expect(table.every((r) => r.length === 8)).toBe(true);
    const three = (await evaluateFormula('=CIC.SERIES("LACStable_2016on", 855, 3)', src)) as unknown[][];
    expect(three[0]![1]).toBe('LA');
    const none = (await evaluateFormula('=CIC.SERIES("CareLeaverEET", 855)', src)) as unknown[][];
    expect(none[0]![1]).toBe('LA');
  });

  it('CARD has a Trend property for the five years up to its year, the reason without counts', async () => {
    const card = (await invoke(functionById('CARD')!, src, ['LACStable_2016on', 855, 2025])) as EntityValue;
    expect(card.properties.Trend).toEqual({ type: 'String', basicValue: 'Worse' });
    expect(card.properties['Trend years']).toEqual({ type: 'String', basicValue: '2021–2025' });
    const older = (await invoke(functionById('CARD')!, src, ['LACStable_2016on', 855, 2024])) as EntityValue;
    expect(older.properties.Trend?.basicValue).toBe(await evaluateFormula('=CIC.TREND("LACStable_2016on", 855, 2024)', src));
    const without = (await invoke(functionById('CARD')!, src, ['CareLeaverEET', 855, 2025])) as EntityValue;
    expect(without.properties.Trend?.basicValue).toMatch(/no counts/);
    expect(without.properties['Trend years']?.basicValue).toBe('none');
  });
});
