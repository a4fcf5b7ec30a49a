/**
 * "Did you mean" hints over the committed default release (435 indicators): a catalog viewed through a
 * hint meter works out only as many as the meter allows, answers "unknown" alone after that, and takes a
 * hint it has already worked out from its cache without charge. Without a meter (the add-in, `cic`)
 * every unknown name gets its hint as before. Work is counted, never timed.
 */
import { describe, expect, test, vi } from 'vitest';
import { readReleaseFile } from '../../../../node/release-file';
import { CellError } from '../../../../shared/excel/errors';
import { functionById } from '../../../../shared/formulas/index';
import { invoke } from '../../../../shared/formulas/invoke';
import { Catalog } from '../../../../shared/release/catalog';
import { ReleaseIndex } from '../../../../shared/release/release-index';
import type { BenchmarkSource } from '../../../../shared/source';

const release = readReleaseFile();
const unknownName = (i: number): string => `placement stability zz${i} children looked after qq${i}`;
const messageOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof CellError) return e.message;
    throw e;
  }
  throw new Error('no error');
};
const allow = (n: number) => {
  const m = { left: n, take: () => m.left-- > 0 };
  return m;
};

describe('metered hints', () => {
  test('without a meter every unknown name gets its hint', () => {
    const cat = new ReleaseIndex(release).catalog();
    for (let i = 0; i < 5; i++)
      expect(messageOf(() => cat.indicator(unknownName(i)))).toMatch(/; try =CIC\.INDICATORS\("(placement|stability|children|looked|after)"\)/);
  });

  test('a meter allowing 3 gives 3 hints; the rest say "unknown" alone', () => {
    const cat = new ReleaseIndex(release).catalog().withHints(allow(3));
    const messages = Array.from({ length: 10 }, (_, i) => messageOf(() => cat.indicator(unknownName(i))));
    expect(messages.filter((m) => m.includes('; try ')).length).toBe(3);
    for (const m of messages.slice(3)) expect(m).toBe(`Unknown indicator "${unknownName(messages.indexOf(m))}" in release ${release.id}`);
  });

  test('a cached hint is free: the same name hinted again costs the meter nothing', () => {
    const base = new ReleaseIndex(release).catalog();
    base.useHintCache(new Map<string, string>());
    const m = allow(1);
    const cat = base.withHints(m);
    const first = messageOf(() => cat.indicator('LACStable_2016 on'));
    expect(first).toMatch(/did you mean LACStable_2016on\?/);
    for (let i = 0; i < 100; i++) expect(messageOf(() => cat.indicator('lacstable_2016 ON'))).toBe(first.replace('LACStable_2016 on', 'lacstable_2016 ON'));
    expect(m.left).toBe(0);
    // Another lookup (another meter) is served from the same cache.
    expect(messageOf(() => base.withHints(allow(0)).indicator('LACStable_2016 on'))).toBe(first);
  });

  test('5,000 unknown multi-word cells through a metered source work out at most the allowance of hints', async () => {
    const index = new ReleaseIndex(release);
    const cat = index.catalog().withHints(allow(20));
    const src: BenchmarkSource = { catalog: () => cat, distribution: (k, y) => index.distribution(k, y) };
    const hints = vi.spyOn(Catalog.prototype, 'indicatorHint');
    const near = vi.spyOn(Catalog.prototype, 'searchIndicators');
    try {
      const count = functionById('COUNT')!;
      for (let i = 0; i < 5000; i++) expect(await invoke(count, src, [unknownName(i)])).toMatchObject({ code: '#N/A' });
      expect(hints.mock.calls.length).toBe(20);
      expect(near).not.toHaveBeenCalled(); // a hint's word search reads the lower-cased texts kept once
    } finally {
      hints.mockRestore();
      near.mockRestore();
    }
  });

  test('unknown LAs draw on the same meter', () => {
    const cat = new ReleaseIndex(release).catalog().withHints(allow(2));
    const messages = ['Leicestershirx', 'Leicestershirz', 'Leicestershiry'].map((q) => messageOf(() => cat.la(q)));
    expect(messages.filter((m) => m.includes('did you mean Leicestershire')).length).toBe(2);
    expect(messages[2]).toBe(`Unknown local authority "Leicestershiry" in release ${release.id}`);
  });

  test('the view shares the catalog: lookups through it answer as the catalog does', () => {
    const base = new ReleaseIndex(release).catalog();
    const view = base.withHints(allow(0));
    expect(view.indicator('LACStable_2016on')).toBe(base.indicator('LACStable_2016on'));
    expect(view.la('Leicestershire')).toBe(base.la('Leicestershire'));
    expect(view.searchIndicators('stability')).toEqual(base.searchIndicators('stability'));
    expect(view).toBeInstanceOf(Catalog);
  });
});
