/** LA names as people type them, near misses with a suggestion, and indicator hints that find something. */
import { describe, expect, test } from 'vitest';
import { readReleaseFile } from '../../../../node/release-file';
import { CellError } from '../../../../shared/excel/errors';
import { editDistance, placeName } from '../../../../shared/release/catalog';
import { ReleaseIndex } from '../../../../shared/release/release-index';

const release = readReleaseFile();
const cat = new ReleaseIndex(release).catalog();
const err = (f: () => unknown): CellError => {
  try {
    f();
  } catch (e) {
    if (e instanceof CellError) return e;
    throw e;
  }
  throw new Error('no error');
};

describe('LA names', () => {
  test.each([
    ['Bristol', 801],
    ['Bristol City Council', 801],
    ['bristol, city of', 801],
    ['BRISTOL', 801],
    ['Hull', 810],
    ['Hull City Council', 810],
    ['Kingston upon Hull', 810],
    ['Leicestershire County Council', 855],
    ['leicestershire', 855],
    ['Leicester City Council', 856],
    ['Leicester', 856],
    ['Brighton & Hove', 846],
    ['Brighton and Hove City Council', 846],
    ['St Helens', 342],
    ['St. Helens', 342],
    ['Saint Helens', 342],
    ['St Helens Council', 342],
    ['County Durham', 840],
    ['Durham County Council', 840],
    ['durham', 840],
    ['Southend', 882],
    ['Southend-on-Sea', 882],
    ['southend on sea city council', 882],
    ['Stockton', 808],
    ['Newcastle', 391],
    ['City of York', 816],
    ['Royal Borough of Greenwich', 203],
    ['Manchester City Council', 352],
  ])('%s → %i', (typed, number) => {
    expect(cat.la(typed).number).toBe(number);
  });

  test('every LA still finds itself by name, number and ONS code; ambiguous short forms find nothing', () => {
    for (const la of release.las.filter((l) => l.current)) {
      for (const q of [la.name, la.number, String(la.number), la.ons].filter((x) => x !== null)) expect(cat.la(q).number, String(q)).toBe(la.number);
    }
    expect(err(() => cat.la('Kingston')).code).toBe('#N/A'); // upon Thames or upon Hull?
  });

  test('a near miss gets #N/A with "did you mean"; far misses get no guess', () => {
    expect(err(() => cat.la('Leicestershre')).message).toMatch(/did you mean Leicestershire\?/);
    expect(err(() => cat.la('Camdem')).message).toMatch(/did you mean Camden\?/);
    expect(err(() => cat.la('Nottinghamshire County Counci')).message).toMatch(/Nottinghamshire/);
    const far = err(() => cat.la('Atlantis'));
    expect(far.code).toBe('#N/A');
    expect(far.message).not.toMatch(/did you mean/);
  });

  test('edit distance and place names, against hand-worked values', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('flaw', 'lawn')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(placeName('County Durham')).toBe('durham');
    expect(placeName('Bristol, City of')).toBe('bristol');
    expect(placeName('Leicestershire County Council')).toBe('leicestershire');
  });
});

describe('unknown-indicator hints find something', () => {
  test.each(['LACStable_2016', 'placement stabilty', 'KS2_RWMx', 'NoSuchMeasure', 'zzzz qqq', 'stability nonsenseword'])('%s', (typed) => {
    const e = err(() => cat.indicator(typed));
    expect(e.code).toBe('#N/A');
    const near = /did you mean (.+)\?$/.exec(e.message);
    const search = /=CIC\.INDICATORS\("([^"]*)"\)/.exec(e.message);
    if (near) {
      for (const key of near[1]!.split(' or ')) expect(cat.indicator(key).key).toBe(key);
    } else if (search) {
      expect(cat.searchIndicators(search[1]).length).toBeGreaterThan(0);
    } else {
      expect(e.message).toMatch(/=CIC\.INDICATORS\(\) lists all \d+/);
    }
  });
});
