/**
 * Issue 19 item 5: indicators found from plain English, the intended one among the first results of
 * CIC.INDICATORS (and so of the pane's picker, which lists the same search in its order).
 */
import { describe, expect, test } from 'vitest';
import { readReleaseFile } from '../../../../node/release-file';
import { functionById } from '../../../../shared/formulas/index';
import { invoke } from '../../../../shared/formulas/invoke';
import { ReleaseIndex } from '../../../../shared/release/release-index';

const index = new ReleaseIndex(readReleaseFile());
const cat = index.catalog();
const keys = (q: string) => cat.searchIndicators(q).map((i) => i.key);

describe('plain English finds the intended indicator first', () => {
  // [search, the intended key(s), how far down the list each may be]
  test.each<[string, string[], number]>([
    // the phrases
    ['children looked after rate', ['LAC'], 1],
    ['children in care', ['LACnum', 'LAC'], 2],
    ['re-referrals', ['ReReferral'], 1],
    ['NEET', ['16-17 NEET', 'CareLeaversNEET'], 3],
    ['placement stability', ['LACStable_2016on'], 1],
    ['care leavers in education, employment or training', ['CareLeaverEET'], 1],
    ['assessments within 45 days', ['Continue_Assess_Comp'], 1],
    ['timescales', ['CPP_Reviewed_InReqTimeScl', 'RevCP', 'Continue_Assess_Comp'], 5],
    // more of our own
    ['Children Looked After', ['LAC', 'LACnum'], 2],
    ['looked after children rate', ['LAC'], 1],
    ['CLA rate', ['LAC'], 1],
    ['rereferral rate', ['ReReferral'], 1],
    ['re referrals', ['ReReferral'], 1],
    ['children in need rate', ['CIN'], 1],
    ['child protection plans', ['CPP_rate', 'CPP_Num'], 3],
    ['social worker turnover', ['Work_Force_TO_Rate'], 1],
    ['caseload', ['Work_Force_AvgNumCase_SW'], 1],
    ['care leavers accommodation', ['CareLeaverAcc'], 1],
    ['care leavers NEET', ['CareLeaversNEET'], 1],
    ['long term placement stability', ['LAC_LongStable%'], 1],
    ['CLA unit cost', ['LACFinance'], 1],
    ['UASC', ['Unacc_Asylmn_Seek_Childn', 'Unacc_Asylmn_Seek_Childn%'], 3],
    ['children missing from care', ['Children_missing'], 3],
    ['LACStable', ['LACStable_2016on'], 2],
    ['LACStable_2016on', ['LACStable_2016on'], 1],
    ['stab', ['LACStable_2016on'], 10],
  ])('%s', (q, wanted, within) => {
    const found = keys(q);
    for (const k of wanted) expect(found.slice(0, within), `${k} in ${found.slice(0, 8).join(', ')}`).toContain(k);
  });

  test('CIC.INDICATORS spills the ranked list; a blank search still lists every indicator in release order', async () => {
    const out = (await invoke(functionById('INDICATORS')!, index, ['children looked after rate'])) as unknown[][];
    expect(out[0]).toEqual(['Key', 'Indicator', 'Topic', 'Polarity', 'Unit', 'Latest year']);
    expect(out[1]![0]).toBe('LAC');
    const every = (await invoke(functionById('INDICATORS')!, index, [])) as unknown[][];
    expect(every.slice(1).map((r) => r[0])).toEqual(cat.indicators.map((i) => i.key));
    expect(cat.searchIndicators('placement', 'Children Looked After').every((i) => i.topic === 'Children Looked After')).toBe(true);
  });

  test('every word must be found (or a word of the same meaning): nonsense finds nothing', () => {
    expect(keys('placement zzzqqq')).toEqual([]);
    for (const i of cat.searchIndicators('children in care'))
      expect(`${i.key} ${i.name} ${i.topic} ${i.aliases}`.toLowerCase()).toMatch(/looked after|lac|cla|in care/);
  });

  test('an unknown indicator typed in plain English is pointed at what the search finds', () => {
    let message = '';
    try {
      cat.indicator('children in care');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/did you mean LACnum or LAC or /);
  });
});
