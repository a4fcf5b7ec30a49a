/**
 * The committed default release, through the CIC functions (no ../shared needed): it loads with a valid
 * content hash, reproduces LAIT's worked example, and finds LAs however a user names them.
 */
import { describe, expect, it } from 'vitest';
import { readReleaseFile } from '../../../node/release-file';
import { evaluateFormula, formatOutcome } from '../../../shared/formulas/evaluate';
import { ReleaseIndex } from '../../../shared/release/release-index';

const index = new ReleaseIndex(readReleaseFile());
const ev = async (f: string) => formatOutcome(await evaluateFormula(f, index));

describe('default release', () => {
  it('reproduces LAIT: LACStable_2016on 2025, n = 151, Q1/Q2/Q3 = 8/10/12', async () => {
    expect(await ev('=CIC.COUNT("LACStable_2016on", 2025)')).toBe('151');
    expect(await ev('=CIC.BOUNDARIES("LACStable_2016on", "2025")')).toBe('[[0,8,10,12,18]]');
    expect(await ev('=CIC.BAND("LACStable_2016on", 14, "2025")')).toBe('D');
  });

  it('finds an LA by DfE number, current or former ONS code, or name', async () => {
    const barnsley = '=CIC.VALUE("LACStable_2016on", %s, 2025)';
    const answers = await Promise.all(['370', '"E08000016"', '"E08000038"', '"barnsley"'].map((la) => ev(barnsley.replace('%s', la))));
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).toMatch(/^\d+(\.\d+)?$/);
    expect(await ev('=CIC.VALUE("LACStable_2016on", "E10000023", 2025)')).toBe(await ev('=CIC.VALUE("LACStable_2016on", "North Yorkshire", 2025)'));
  });

  it('pre-reorganisation LAs are kept for history but have no current values', async () => {
    const northants = index.catalog().la(928);
    expect(northants.current).toBe(false);
    expect(await ev('=CIC.VALUE("LACStable_2016on", 928, 2025)')).toMatch(/^#N\/A /);
  });
});
