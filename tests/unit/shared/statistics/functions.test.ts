/** CI, COMPAREOF and SIGCHANGE as cells: the spill shape, the verdicts, and errors in the user's terms. */
import { describe, expect, it } from 'vitest';
import { evaluateFormula } from '../../../../shared/formulas/evaluate';
import { functionById } from '../../../../shared/formulas/index';
import { ReleaseIndex } from '../../../../shared/release/release-index';
import { newcombe, wilson } from '../../../../shared/statistics/intervals';
import { syntheticRelease } from '../../../fixtures/synthetic-release';

const src = new ReleaseIndex(syntheticRelease());
const cell = (f: string) => evaluateFormula(f, src);

describe('CIC.CI', () => {
  it('spills one row: value, lower, upper (Wilson, as a percentage by default)', async () => {
    const w = wilson(81, 263, 0.95, 100);
    expect(await cell('=CIC.CI(81, 263)')).toEqual([[w.value, w.lower, w.upper]]);
  });

  it('takes a multiplier, a level and the rate method', async () => {
    const [[v, lo, hi]] = (await cell('=CIC.CI(5, 20000, 10000, 0.95, "rate")')) as number[][] as [[number, number, number]];
    expect(v).toBeCloseTo(2.5, 12);
    expect(lo).toBeCloseTo((1.6235 / 20000) * 10000, 4);
    expect(hi).toBeCloseTo((11.6683 / 20000) * 10000, 4);
    const narrow = (await cell('=CIC.CI(81, 263, 1, 0.8)')) as number[][];
    const wide = (await cell('=CIC.CI(81, 263, 1, 0.998)')) as number[][];
    expect(wide[0]![1]!).toBeLessThan(narrow[0]![1]!);
  });

  it.each([
    ['=CIC.CI(5, 4)', /^#VALUE! numerator \(5\) is larger than the denominator/],
    ['=CIC.CI(5, 0)', /^#VALUE! denominator must be greater than 0/],
    ['=CIC.CI(5, 10, 100, 95)', /^#VALUE! level 95 looks like a percentage typed without its % sign \(95 = 9500%\): type 95% or 0\.95$/],
    ['=CIC.CI(5, 10, 100, 0.95, "bayes")', /^#VALUE! method must be "proportion" or "rate"/],
    ['=CIC.CI(, 10)', /^#VALUE! numerator is required/],
  ])('%s → %s', async (f, msg) => expect(String(await cell(f))).toMatch(msg));

  it('runs in the workbook; COMPAREOF and SIGCHANGE read the release only for a polarity by indicator', () => {
    expect(['CI', 'COMPAREOF', 'SIGCHANGE'].map((id) => functionById(id)!.data)).toEqual(['workbook', 'workbook+release', 'workbook+release']);
  });
});

describe('CIC.COMPAREOF', () => {
  // 30/100: Wilson 95% is 21.9% to 39.6%.
  it.each([
    ['=CIC.COMPAREOF(30, 100, 25, "High")', 'Similar'],
    ['=CIC.COMPAREOF(30, 100, 45, "High")', 'Worse'],
    ['=CIC.COMPAREOF(30, 100, 45, "Low")', 'Better'],
    ['=CIC.COMPAREOF(30, 100, 15, "Low")', 'Worse'],
    ['=CIC.COMPAREOF(30, 100, 15, "")', 'Higher'],
    ['=CIC.COMPAREOF(30, 100, 45, )', 'Lower'],
    ['=CIC.COMPAREOF(30, 100, 45, "LowGood")', 'Better'],
    ['=CIC.COMPAREOF(300, 1000, 25, "High")', 'Better'],
  ])('%s → %s', async (f, want) => expect(await cell(f)).toBe(want));

  it('counts a benchmark exactly on a limit as inside (Similar)', async () => {
    const w = wilson(30, 100, 0.95, 100);
    expect(await cell(`=CIC.COMPAREOF(30, 100, ${w.upper}, "High")`)).toBe('Similar');
  });
});

describe('CIC.SIGCHANGE', () => {
  it("is Newcombe's verdict: a real change when the difference's interval excludes 0", async () => {
    // 56/70 vs 48/80: the difference 0.2 has interval 0.0524 to 0.3339 → a real rise.
    expect(newcombe(56, 70, 48, 80).lower).toBeGreaterThan(0);
    expect(await cell('=CIC.SIGCHANGE(56, 70, 48, 80, "High")')).toBe('Better');
    expect(await cell('=CIC.SIGCHANGE(56, 70, 48, 80, "Low")')).toBe('Worse');
    expect(await cell('=CIC.SIGCHANGE(56, 70, 48, 80)')).toBe('Higher');
    expect(await cell('=CIC.SIGCHANGE(48, 80, 56, 70)')).toBe('Lower');
    // 5/56 vs 0/29: −0.0381 to 0.1926 includes 0 → no real change.
    expect(await cell('=CIC.SIGCHANGE(5, 56, 0, 29, "High")')).toBe('Similar');
  });

  it('"overlap" is the stricter Fingertips test: two Wilson intervals that do not overlap', async () => {
    // 56/70 (0.694–0.875) and 48/80 (0.491–0.700) overlap, though Newcombe calls the change real.
    expect(await cell('=CIC.SIGCHANGE(56, 70, 48, 80, "High", 0.95, "overlap")')).toBe('Similar');
    expect(await cell('=CIC.SIGCHANGE(90, 100, 50, 100, "High", 0.95, "overlap")')).toBe('Better');
  });

  it('feeds CIC.RAG as the change', async () => {
    expect(await cell('=CIC.RAG(2, CIC.SIGCHANGE(56, 70, 48, 80, "High"))')).toBe('G');
    expect(await cell('=CIC.RAG(3, CIC.SIGCHANGE(48, 80, 56, 70, "High"))')).toBe('R');
  });
});
