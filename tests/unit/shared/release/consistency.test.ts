/** A release that contradicts itself is refused with the reason, wherever it is read or built. */
import { describe, expect, test } from 'vitest';
import { parseRelease, readReleaseFile, sha256Hex } from '../../../../node/release-file';
import { releaseProblems } from '../../../../shared/release/consistency';
import { contentHashOf } from '../../../../shared/release/hash';
import type { Release } from '../../../../shared/release/schema';
import { syntheticRelease } from '../../../fixtures/synthetic-release';

const base = syntheticRelease('consist-1');
const rehash = (r: Release): string => {
  const { contentHash: _c, ...rest } = r;
  return JSON.stringify({ ...rest, contentHash: contentHashOf(rest, sha256Hex) });
};

describe('releaseProblems', () => {
  test('the committed default release and the fixtures are consistent', () => {
    expect(releaseProblems(readReleaseFile())).toEqual([]);
    expect(releaseProblems(base)).toEqual([]);
  });

  const key = base.indicators[0]!.key;
  const year = base.indicators[0]!.years[0]!;
  test.each<[string, (r: Release) => Release, RegExp]>([
    [
      'short column',
      (r) => ({ ...r, values: { ...r.values, [key]: { ...r.values[key], [year]: r.values[key]![year]!.slice(0, 3) } } }),
      new RegExp(`${key} ${year} has 3 values but the release lists ${base.las.length} LAs`),
    ],
    [
      'long column',
      (r) => ({ ...r, values: { ...r.values, [key]: { ...r.values[key], [year]: [...r.values[key]![year]!, 1] } } }),
      /has \d+ values but the release lists/,
    ],
    ['duplicate LA number', (r) => ({ ...r, las: [...r.las, { ...r.las[0]! }] }), new RegExp(`LA number ${base.las[0]!.number} appears twice`)],
    [
      'duplicate indicator key, any case',
      (r) => ({ ...r, indicators: [...r.indicators, { ...r.indicators[0]!, key: key.toUpperCase(), polarity: 'High' }] }),
      /appears twice/,
    ],
    [
      'listed year without data',
      (r) => ({ ...r, indicators: r.indicators.map((i, n) => (n === 0 ? { ...i, years: [...i.years, '2030'] } : i)) }),
      new RegExp(`${key} lists year 2030 but the release has no data`),
    ],
    ['over-long key', (r) => ({ ...r, indicators: [...r.indicators, { ...r.indicators[0]!, key: 'K'.repeat(300) }] }), /is 300 characters/],
    [
      'key with half a surrogate pair',
      (r) => ({ ...r, indicators: [...r.indicators, { ...r.indicators[0]!, key: 'K\uD800' }], values: { ...r.values, 'K\uD800': r.values[key]! } }),
      /is not valid Unicode/,
    ],
  ])('%s', (_what, mutate, reason) => {
    const bad = mutate(structuredClone(base));
    expect(releaseProblems(bad).join('\n')).toMatch(reason);
    // Reading it (the upload endpoint and `cic` both parse this way) refuses it with the reason.
    expect(() => parseRelease(rehash(bad), 'upload')).toThrow(reason);
  });
});
