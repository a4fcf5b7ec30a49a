import { describe, expect, it } from 'vitest';
import { parsePublishedValue } from '../../../../shared/importers/values';
import { importErrorOf } from './helpers';

describe('parsePublishedValue', () => {
  it.each(['-', 'c', 'z', 'x', '..', ':', 'low', 'k', 'u', '~', '', '   ', 'C', 'LOW', ' z ', 'X'])('%j is missing (null), never 0', (s) => {
    expect(parsePublishedValue(s)).toBeNull();
  });

  it('reads the double the text denotes, as LAIT (R) does: 17-digit renderings are the short number, real artefacts stay', () => {
    expect(parsePublishedValue('18.399999999999999')).toBe(18.4);
    expect(parsePublishedValue('9.3699999999999992')).toBe(9.37);
    expect(parsePublishedValue('609.70000000000005')).toBe(609.7);
    // LAIT ranks an LA published as 82.30000000000001 below (High polarity) one published as 82.3: not the same number.
    expect(parsePublishedValue('82.30000000000001')).not.toBe(82.3);
    expect(parsePublishedValue('82.30000000000001')).toBe(82.3 + 1.4210854715202004e-14);
    expect(parsePublishedValue('-7.0000000000000007E-2')).toBe(-0.07); // the same double
    expect(Object.is(parsePublishedValue('-0'), 0)).toBe(true);
  });

  it('keeps real numbers, including zero', () => {
    expect(parsePublishedValue('0')).toBe(0);
    expect(parsePublishedValue('7385')).toBe(7385);
    expect(parsePublishedValue(' 21.8 ')).toBe(21.8);
    expect(parsePublishedValue('.5')).toBe(0.5);
    expect(parsePublishedValue('1e3')).toBe(1000);
  });

  it.each(['abc', '1,234', '12%', 'NaN', 'Infinity', '1.2.3', '£5'])('rejects %j with an ImportError', (s) => {
    expect(importErrorOf(() => parsePublishedValue(s)).reason).toContain(`"${s}"`);
  });
});
