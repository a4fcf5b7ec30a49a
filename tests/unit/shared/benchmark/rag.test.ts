import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Direction } from '../../../../shared/benchmark/direction';
import { parseQuartileOrBand, rag } from '../../../../shared/benchmark/rag';
import { thrownCode } from '../formulas/cell-error-code';

const directions: (Direction | null)[] = ['Better', 'Worse', 'Similar', 'Higher', 'Lower', 'Same', null];
const direction = fc.constantFrom(...directions);
const position = fc.oneof(fc.constant(null), fc.constant(undefined), fc.double({ min: 0, max: 1, noNaN: true }));

describe('rag', () => {
  it('quartile 2: G only when improving and high in the band (or position omitted)', () => {
    expect(rag(2, 'Better')).toBe('G');
    expect(rag(2, 'Better', null)).toBe('G');
    expect(rag(2, 'Better', 0.5)).toBe('G');
    expect(rag(2, 'Better', 0.49)).toBe('A');
    expect(rag(2, 'Similar', 0.9)).toBe('A');
    expect(rag(2, 'Worse', 1)).toBe('A');
    expect(rag(2, null)).toBe('A');
  });

  it('quartile 3: R only when declining and low in the band (or position omitted)', () => {
    expect(rag(3, 'Worse')).toBe('R');
    expect(rag(3, 'Worse', 0.49)).toBe('R');
    expect(rag(3, 'Worse', 0.5)).toBe('A');
    expect(rag(3, 'Better', 0)).toBe('A');
    expect(rag(3, 'Lower')).toBe('A');
    expect(rag(3, null, 0)).toBe('A');
  });

  it('Higher/Lower/Same/Similar are neither improving nor declining', () => {
    for (const d of ['Higher', 'Lower', 'Same', 'Similar'] as const) {
      expect([rag(2, d), rag(3, d)]).toEqual(['A', 'A']);
    }
  });

  it('position outside [0, 1] or quartile outside 1–4 → #VALUE!', () => {
    for (const p of [-0.1, 1.1, Number.NaN]) expect(thrownCode(() => rag(2, 'Better', p))).toBe('#VALUE!');
    expect(thrownCode(() => rag(5 as never, 'Better'))).toBe('#VALUE!');
  });

  it('property: quartile 1 is always G and quartile 4 always R', () => {
    fc.assert(
      fc.property(direction, position, (d, p) => {
        expect(rag(1, d, p)).toBe('G');
        expect(rag(4, d, p)).toBe('R');
        expect(['G', 'A']).toContain(rag(2, d, p));
        expect(['A', 'R']).toContain(rag(3, d, p));
      }),
    );
  });
});

describe('parseQuartileOrBand', () => {
  it.each([
    [1, 1],
    [4, 4],
    ['2', 2],
    [' 3 ', 3],
    ['A', 1],
    ['b', 2],
    ['C', 3],
    ['d', 4],
  ])('%j → %d', (x, want) => expect(parseQuartileOrBand(x)).toBe(want));
  it.each([[0], [5], [1.5], ['E'], [''], [null], ['Q1'], [true]])('%j → #VALUE!', (x) => expect(thrownCode(() => parseQuartileOrBand(x))).toBe('#VALUE!'));
});
