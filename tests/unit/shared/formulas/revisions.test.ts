/** CIC.REVISIONS: one value as each release a source holds published it, oldest as-of first. */
import { describe, expect, it } from 'vitest';
import { isCellError } from '../../../../shared/excel/errors';
import { functionById } from '../../../../shared/formulas/index';
import { invoke } from '../../../../shared/formulas/invoke';
import { ReleaseIndex } from '../../../../shared/release/release-index';
import { ReleaseSet } from '../../../../shared/release/release-set';
import type { Release } from '../../../../shared/release/schema';
import { syntheticRelease } from '../../../fixtures/synthetic-release';

const REVISIONS = functionById('REVISIONS')!;

/** The synthetic release as of a day, with Leicestershire's (855, third LA) 2024 LowGood set. */
function asOf(id: string, day: string, leicestershire2024: number | null, extra: (r: Release) => void = () => undefined): Release {
  const r = structuredClone(syntheticRelease(id));
  r.asOf = day;
  r.values.LowGood!['2024']![2] = leicestershire2024;
  extra(r);
  return r;
}

// Given out of order: the set orders them by as-of. The March release withdrew the figure (suppressed).
const set = new ReleaseSet([
  asOf('rel-2026-02', '2026-02-01', 8.1),
  asOf('rel-2025-12', '2025-12-01', 7.7),
  asOf('rel-2026-03', '2026-03-01', null),
  asOf('rel-2026-04', '2026-04-01', 8.1, (r) => {
    r.values.LowGood!['2026'] = r.las.map(() => 5);
    r.indicators.find((i) => i.key === 'LowGood')!.years.push('2026');
  }),
]);

describe('CIC.REVISIONS', () => {
  it('spills a header, then one row per release that publishes the value, oldest first: id, as-of, value', async () => {
    expect(await invoke(REVISIONS, set, ['LowGood', 'Leicestershire', 2024])).toEqual([
      ['Release', 'As of', 'Value'],
      ['rel-2025-12', '2025-12-01', 7.7],
      ['rel-2026-02', '2026-02-01', 8.1],
      ['rel-2026-04', '2026-04-01', 8.1],
    ]);
  });

  it('resolves the indicator, LA and year against the current (newest) release: no year is its latest', async () => {
    // 2026 exists only in the newest release, so only it publishes the value.
    expect(await invoke(REVISIONS, set, ['low good alias', 'E10000018', null])).toEqual([
      ['Release', 'As of', 'Value'],
      ['rel-2026-04', '2026-04-01', 5],
    ]);
    expect((await set.catalog()).release.id).toBe('rel-2026-04');
  });

  it('reads the one release of a source without history', async () => {
    const one = new ReleaseIndex(asOf('only', '2026-01-01', 9));
    expect(await invoke(REVISIONS, one, ['LowGood', 855, '2024'])).toEqual([
      ['Release', 'As of', 'Value'],
      ['only', '2026-01-01', 9],
    ]);
  });

  it('is #N/A with a message when no release publishes it, or the LA or indicator is unknown', async () => {
    const none = await invoke(REVISIONS, set, ['LowGood', 'Northamptonshire', 2025]);
    expect(isCellError(none) && [none.code, none.message]).toEqual(['#N/A', 'LowGood 2025: Northamptonshire has no published value in any of the 4 releases']);
    for (const args of [
      ['LowGood', 'Atlantis', 2024],
      ['Nope', 855, 2024],
      ['LowGood', 855, 1999],
    ]) {
      const e = await invoke(REVISIONS, set, args);
      expect(isCellError(e) && e.code, JSON.stringify(args)).toBe('#N/A');
    }
  });

  it('a set lists its releases oldest first, refuses the same release twice, and computes with the newest', async () => {
    expect((await set.history()).releases.map((r) => r.id)).toEqual(['rel-2025-12', 'rel-2026-02', 'rel-2026-03', 'rel-2026-04']);
    expect((await set.history()).current).toBe('rel-2026-04');
    expect(() => new ReleaseSet([syntheticRelease('a-1'), syntheticRelease('a-1')])).toThrow(/given twice/);
    expect(await invoke(functionById('VALUE')!, set, ['LowGood', 855, 2024])).toBe(8.1);
  });
});
