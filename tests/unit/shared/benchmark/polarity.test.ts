import { describe, expect, it } from 'vitest';
import { parsePolarity } from '../../../../shared/benchmark/polarity';
import { thrownCode } from '../formulas/cell-error-code';

describe('parsePolarity', () => {
  it.each([
    ['High', 'High'],
    ['high', 'High'],
    [' HIGH ', 'High'],
    ['high = good', 'High'],
    ['High=Good', 'High'],
    ['higher is better', 'High'],
    ['Low', 'Low'],
    ['low', 'Low'],
    ['low = good', 'Low'],
    ['Lower is better', 'Low'],
  ])('%j → %s', (text, want) => expect(parsePolarity(text)).toBe(want));

  it.each([['-'], ['NA'], ['na'], ['N/A'], [''], ['  '], [null], [undefined]])('%j → no polarity', (text) => expect(parsePolarity(text)).toBeNull());

  it.each([['up'], ['good'], ['highest'], ['high = bad'], [1], [true], [{}]])('%j → #VALUE!', (text) =>
    expect(thrownCode(() => parsePolarity(text))).toBe('#VALUE!'),
  );
});
