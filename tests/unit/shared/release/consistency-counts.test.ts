/** A release's count pairs must name its own measures and years: COMPARE reads their values. */
import { describe, expect, it } from 'vitest';
import { releaseProblems } from '../../../../shared/release/consistency';
import type { CountPair, Indicator, La } from '../../../../shared/release/schema';
import { testIndicator } from '../../../fixtures/indicator';

const ind = (key: string, years = ['2024', '2025']): Indicator => testIndicator(key, years, { unit: '%' });
const las: La[] = [{ number: 855, ons: null, name: 'L', region: null, kind: 'la', current: true }];
const values = { P: { '2024': [1], '2025': [1] }, X: { '2024': [1], '2025': [1] }, N: { '2024': [1], '2025': [1] } };
const pair = (p: Partial<CountPair>): CountPair => ({
  numerator: 'X',
  denominator: 'N',
  multiplier: 100,
  method: 'proportion',
  agreement: 1,
  exact: 1,
  checked: 100,
  ...p,
});
const release = (counts: Record<string, CountPair>) => ({ las, indicators: [ind('P'), ind('X'), ind('N')], values, counts });

describe('releaseProblems: counts', () => {
  it('accepts pairs of its own measures, in years the indicator lists', () => {
    expect(releaseProblems(release({ P: pair({ years: ['2025'] }) }))).toEqual([]);
    expect(releaseProblems({ las, indicators: [ind('P')], values: { P: values.P } })).toEqual([]);
  });

  it('names a pair for a missing indicator, a missing numerator or denominator, or a year not listed', () => {
    expect(releaseProblems(release({ Q: pair({}) }))).toEqual(['counts for Q: no such indicator']);
    expect(releaseProblems(release({ P: pair({ denominator: 'Pop' }) }))).toEqual(['counts for P name Pop, which is not an indicator of the release']);
    expect(releaseProblems(release({ P: pair({ years: ['2019'] }) }))).toEqual(['counts for P hold in year 2019, which P does not list']);
  });
});
