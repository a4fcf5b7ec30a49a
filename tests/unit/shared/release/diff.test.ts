/** What changed between two releases: values by indicator, LA and year; boundaries; a summary. */
import { describe, expect, it } from 'vitest';
import { diffReleases } from '../../../../shared/release/diff';
import { POPULATION_KEY } from '../../../../shared/importers/population';
import type { Release } from '../../../../shared/release/schema';
import { syntheticRelease } from '../../../fixtures/synthetic-release';
import { testIndicator } from '../../../fixtures/indicator';

/** The synthetic release revised: the same figures with a few moved, its LAs in another order. */
function revised(): Release {
  const r = structuredClone(syntheticRelease('synthetic-2'));
  r.asOf = '2026-02-01';
  // LowGood 2024: Leicestershire (855) 7.7 → 8.1 (a revision), Rutland (857) 10 → suppressed, England 9.5 → 9.6.
  const low = r.values.LowGood!;
  low['2024'] = [5, 6, 8.1, 9, null, 12, 14, 20, 9.6, 10];
  // LowGood 2025: Nottinghamshire (891) newly published; 18.399999999999999 is 18.4, the same number.
  low['2025'] = [4, 8, 8, 10, 12, 12, 7, null, 9, 9.1];
  // A new year of HighGood, and WeeklyCost gone.
  r.values.HighGood!['2026'] = r.las.map((l) => (l.number === 855 ? 67 : null));
  r.indicators.find((i) => i.key === 'HighGood')!.years.push('2026');
  r.indicators = r.indicators.filter((i) => i.key !== 'WeeklyCost');
  delete r.values.WeeklyCost;
  // The same LAs in reverse: values follow their LA, not their position.
  const order = [...r.las.keys()].reverse();
  r.las = order.map((i) => r.las[i]!);
  for (const byYear of Object.values(r.values)) for (const y of Object.keys(byYear)) byYear[y] = order.map((i) => byYear[y]![i] ?? null);
  return r;
}

describe('diffReleases', () => {
  const before = syntheticRelease('synthetic-1');

  it('lists every value that changed, appeared or disappeared, by indicator, LA number and year (England and regions included)', () => {
    const d = diffReleases(before, revised());
    expect([d.old, d.new]).toEqual(['synthetic-1', 'synthetic-2']);
    expect(d.changed).toEqual([
      { indicator: 'LowGood', la: 855, year: '2024', before: 7.7, after: 8.1 },
      { indicator: 'LowGood', la: 970, year: '2024', before: 9.5, after: 9.6 },
    ]);
    // In the newer release's order of indicators, then by year, then by LA number.
    expect(d.added).toEqual([
      { indicator: 'LowGood', la: 891, year: '2025', before: null, after: 7 },
      { indicator: 'HighGood', la: 855, year: '2026', before: null, after: 67 },
    ]);
    expect(d.removed).toEqual([
      { indicator: 'LowGood', la: 857, year: '2024', before: 10, after: null },
      ...[201, 202, 830, 855, 856, 857, 891, 970, 985].map((la, k) => ({
        indicator: 'WeeklyCost',
        la,
        year: '2024-25 (OT)',
        before: [6000, 5000, 3800, 4100, 4000, 3900, 3700, 4500, 4200][k],
        after: null,
      })),
    ]);
  });

  it('compares values as numbers: 18.399999999999999 is 18.4, but 82.30000000000001 is not 82.3', () => {
    expect(diffReleases(before, before)).toMatchObject({ changed: [], added: [], removed: [], boundaries: [], summary: [] });
    const a = structuredClone(before);
    const b = structuredClone(before);
    a.values.NoPolarity!['2024']![0] = Number('18.399999999999999');
    b.values.NoPolarity!['2024']![0] = 18.4;
    expect(diffReleases(a, b).changed).toEqual([]);
    a.values.NoPolarity!['2024']![1] = Number('82.30000000000001');
    b.values.NoPolarity!['2024']![1] = 82.3;
    expect(diffReleases(a, b).changed).toEqual([{ indicator: 'NoPolarity', la: 202, year: '2024', before: 82.30000000000001, after: 82.3 }]);
  });

  it('reports the quartile boundaries that moved (LAs only, banded indicators only) and a summary per indicator', () => {
    const d = diffReleases(before, revised());
    expect(d.boundaries.map((b) => [b.indicator, b.year])).toEqual([
      ['LowGood', '2024'],
      ['LowGood', '2025'],
      ['HighGood', '2026'],
    ]);
    const low2024 = d.boundaries.find((b) => b.indicator === 'LowGood' && b.year === '2024');
    const round = (b: readonly number[] | null | undefined) => b?.map((x) => Number(x.toPrecision(12)));
    expect(round(low2024?.before)).toEqual([5, 7.275, 9.5, 12.5, 20]); // R type 7 over 5 6 7.7 9 10 12 14 20
    expect(round(low2024?.after)).toEqual([5, 7.05, 9, 13, 20]); // … over 5 6 8.1 9 12 14 20
    expect(d.boundaries.find((b) => b.indicator === 'HighGood')).toMatchObject({ before: null, after: [67, 67, 67, 67, 67] });
    expect(d.summary).toEqual([
      { indicator: 'LowGood', changed: 2, added: 1, removed: 1, years: ['2024', '2025'], boundaryYears: ['2024', '2025'] },
      { indicator: 'HighGood', changed: 0, added: 1, removed: 0, years: ['2026'], boundaryYears: ['2026'] },
      { indicator: 'WeeklyCost', changed: 0, added: 0, removed: 9, years: ['2024-25 (OT)'], boundaryYears: [] },
    ]);
  });

  it('keeps to the indicators asked for, and leaves the ONS population and EES counts out unless asked', () => {
    const withPop = (r: Release, v: number): Release => {
      const c = structuredClone(r);
      c.indicators.push(testIndicator(POPULATION_KEY, ['2025']));
      c.values[POPULATION_KEY] = { '2025': c.las.map(() => v) };
      return c;
    };
    const a = withPop(before, 1000);
    const b = withPop(revised(), 1001);
    expect(diffReleases(a, b, { indicators: ['HighGood'] }).summary.map((s) => s.indicator)).toEqual(['HighGood']);
    expect(diffReleases(a, b).changed.some((i) => i.indicator === POPULATION_KEY)).toBe(false);
    expect(diffReleases(a, b, { indicators: [POPULATION_KEY] }).changed).toHaveLength(10);
    const withEes = (r: Release, v: number): Release => {
      const c = structuredClone(r);
      c.indicators.push(testIndicator('EES_c1_referrals', ['2025']));
      c.values.EES_c1_referrals = { '2025': c.las.map(() => v) };
      return c;
    };
    expect(diffReleases(withEes(before, 1), withEes(revised(), 2)).changed.some((i) => i.indicator === 'EES_c1_referrals')).toBe(false);
  });
});
