/**
 * `cic table` bands exactly as the cells do: for every indicator and year, each LA's band and quartile are
 * what CIC.BAND and CIC.QUARTILE give for its value, and no band where the cell answers #N/A (no polarity,
 * or LAIT's No_Quartile flag).
 */
import { describe, expect, it } from 'vitest';
import { buildTable } from '../../../cli/table';
import { bandPolarity } from '../../../shared/benchmark/polarity';
import { isCellError } from '../../../shared/excel/errors';
import { functionById } from '../../../shared/formulas/index';
import { invoke } from '../../../shared/formulas/invoke';
import { ReleaseIndex } from '../../../shared/release/release-index';
import { syntheticRelease } from '../../fixtures/synthetic-release';

const src = new ReleaseIndex(syntheticRelease());
const cell = async (fn: string, ...args: unknown[]) => {
  const v = await invoke(functionById(fn)!, src, args);
  return isCellError(v) ? v.code : v;
};

describe('bandPolarity', () => {
  it('is the polarity, except where there is none or LAIT flags No_Quartile', () => {
    expect(bandPolarity({ polarity: 'High', noQuartile: false })).toBe('High');
    expect(bandPolarity({ polarity: 'Low', noQuartile: false })).toBe('Low');
    expect(bandPolarity({ polarity: null, noQuartile: false })).toBeNull();
    expect(bandPolarity({ polarity: 'Low', noQuartile: true })).toBeNull();
  });
});

describe('cic table bands as CIC.BAND does', () => {
  const cases = src.catalog().indicators.flatMap((i) => i.years.map((y) => [i.key, y] as const));
  it.each(cases)('%s %s', async (key, year) => {
    const t = await buildTable(src, key, year);
    expect(t.rows.length).toBeGreaterThan(0);
    for (const r of t.rows) {
      if (r.value === null) continue;
      const band = await cell('BAND', key, r.value, year);
      expect(r.band ?? '#N/A').toBe(band);
      expect(r.quartile ?? '#N/A').toBe(await cell('QUARTILE', key, r.value, year));
    }
  });

  it('covers a banded measure, one without polarity and one flagged No_Quartile', () => {
    const kinds = new Set(src.catalog().indicators.map((i) => (bandPolarity(i) ? 'banded' : i.noQuartile ? 'noQuartile' : 'noPolarity')));
    expect([...kinds].sort()).toEqual(['banded', 'noPolarity', 'noQuartile']);
  });
});
