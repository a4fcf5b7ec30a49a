import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandOf, bandOfQuartile, positionInBand, quartileOfBand } from '../../../../shared/benchmark/band';
import type { Band } from '../../../../shared/benchmark/polarity';
import { boundaries, sortedNumeric, type Boundaries } from '../../../../shared/benchmark/quartile';
import { thrownCode } from '../formulas/cell-error-code';

const B: Boundaries = [0, 25, 50, 75, 100];
const num = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
const pol = fc.constantFrom('High' as const, 'Low' as const);
const bounds = fc.array(num, { minLength: 1, maxLength: 40 }).map((xs) => boundaries(sortedNumeric(xs)));
const MIRROR: Record<Band, Band> = { A: 'D', B: 'C', C: 'B', D: 'A' };

describe('bandOf (LAIT calculate_quartile_band)', () => {
  it.each([
    [10, 'A'],
    [30, 'B'],
    [60, 'C'],
    [80, 'D'],
    [25, 'A'],
    [50, 'B'],
    [75, 'C'],
    [100, 'D'],
    [0, 'A'],
  ])('Low %d → %s (boundary → better band)', (v, want) => expect(bandOf(v, B, 'Low')).toBe(want));

  it.each([
    [10, 'D'],
    [25, 'D'],
    [30, 'C'],
    [50, 'C'],
    [60, 'B'],
    [75, 'B'],
    [80, 'A'],
    [100, 'A'],
    [0, 'D'],
  ])('High %d → %s (boundary → worse band)', (v, want) => expect(bandOf(v, B, 'High')).toBe(want));

  it('bands hypothetical values outside [Q0, Q4] by the same inequalities', () => {
    expect([bandOf(-5, B, 'Low'), bandOf(200, B, 'Low')]).toEqual(['A', 'D']);
    expect([bandOf(-5, B, 'High'), bandOf(200, B, 'High')]).toEqual(['D', 'A']);
  });

  it('tied boundaries: the tie lands in the lowest interval it reaches', () => {
    const tied: Boundaries = [1, 8, 8, 8, 20];
    expect(bandOf(8, tied, 'Low')).toBe('A');
    expect(bandOf(8, tied, 'High')).toBe('D');
    expect(bandOf(9, tied, 'Low')).toBe('D');
  });

  it('bad value or polarity → #VALUE!', () => {
    expect(thrownCode(() => bandOf(Number.NaN, B, 'Low'))).toBe('#VALUE!');
    expect(thrownCode(() => bandOf(1, B, null as never))).toBe('#VALUE!');
  });

  it('property: a better value never gets a worse band', () => {
    fc.assert(
      fc.property(bounds, num, num, (b, x, y) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        expect(bandOf(lo, b, 'Low') <= bandOf(hi, b, 'Low')).toBe(true);
        expect(bandOf(hi, b, 'High') <= bandOf(lo, b, 'High')).toBe(true);
      }),
    );
  });

  it('property: swapping polarity mirrors bands (A↔D, B↔C) off the boundaries', () => {
    fc.assert(
      fc.property(bounds, num, (b, v) => {
        fc.pre(!b.slice(1, 4).includes(v));
        expect(bandOf(v, b, 'High')).toBe(MIRROR[bandOf(v, b, 'Low')]);
      }),
    );
  });
});

describe('quartileOfBand / bandOfQuartile', () => {
  it('A–D ↔ 1–4', () => {
    expect((['A', 'B', 'C', 'D'] as const).map(quartileOfBand)).toEqual([1, 2, 3, 4]);
    expect([1, 2, 3, 4].map(bandOfQuartile)).toEqual(['A', 'B', 'C', 'D']);
  });
  it.each([[0], [5], [1.5], [Number.NaN]])('bandOfQuartile(%d) → #VALUE!', (q) => expect(thrownCode(() => bandOfQuartile(q))).toBe('#VALUE!'));
  it('quartileOfBand rejects other text', () => expect(thrownCode(() => quartileOfBand('E' as Band))).toBe('#VALUE!'));
});

describe('positionInBand (0 = worse edge, 1 = better edge)', () => {
  it('Low: the lower boundary is the better edge', () => {
    expect(positionInBand(30, B, 'Low')).toBeCloseTo(0.8); // band B (25, 50]
    expect(positionInBand(50, B, 'Low')).toBe(0);
    expect(positionInBand(0, B, 'Low')).toBe(1);
  });
  it('High: the upper boundary is the better edge', () => {
    expect(positionInBand(30, B, 'High')).toBeCloseTo(0.2); // band C (25, 50]
    expect(positionInBand(100, B, 'High')).toBe(1);
    expect(positionInBand(75, B, 'High')).toBe(1); // top of B
  });
  it('clamps hypotheticals beyond Q0/Q4; zero-width band → 0.5', () => {
    expect(positionInBand(-10, B, 'Low')).toBe(1);
    expect(positionInBand(150, B, 'Low')).toBe(0);
    expect(positionInBand(150, B, 'High')).toBe(1);
    expect(positionInBand(8, [1, 8, 8, 8, 20], 'High')).toBe(1);
    expect(positionInBand(5, [5, 5, 5, 5, 5], 'Low')).toBe(0.5);
  });
  it('property: within [0, 1], and a better value in the same band sits no lower', () => {
    fc.assert(
      fc.property(bounds, num, num, pol, (b, x, y, p) => {
        const px = positionInBand(x, b, p);
        expect(px).toBeGreaterThanOrEqual(0);
        expect(px).toBeLessThanOrEqual(1);
        fc.pre(bandOf(x, b, p) === bandOf(y, b, p));
        const [better, worse] = (p === 'High') === x >= y ? [x, y] : [y, x];
        expect(positionInBand(better, b, p)).toBeGreaterThanOrEqual(positionInBand(worse, b, p));
      }),
    );
  });
});
