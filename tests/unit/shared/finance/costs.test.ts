import { describe, expect, it } from 'vitest';
import { annualCost, costForDays, placementCost } from '../../../../shared/finance/costs';

describe('placement costs', () => {
  it('annual cost is weekly × 52 by default, or × the weeks given', () => {
    expect(annualCost(800)).toBe(41_600);
    expect(annualCost(800, 26)).toBe(20_800);
  });

  it('prices part years by days / 7', () => {
    expect(costForDays(700, 7)).toBe(700);
    expect(costForDays(3500, 365)).toBeCloseTo(182_500, 6);
  });

  it('multiplies by children, which may be an average', () => {
    expect(placementCost(4100, 2)).toBe(426_400);
    expect(placementCost(1000, 2.5, 10)).toBe(25_000);
  });

  it.each([
    ['negative weekly cost', () => annualCost(-1)],
    ['NaN weeks', () => annualCost(100, Number.NaN)],
    ['infinite days', () => costForDays(100, Infinity)],
    ['negative children', () => placementCost(100, -2)],
  ])('rejects %s with #VALUE!', (_, f) => {
    expect(f).toThrow(expect.objectContaining({ code: '#VALUE!' }));
  });
});
