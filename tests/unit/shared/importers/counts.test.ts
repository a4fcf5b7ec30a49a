/** Which published counts a LAIT percentage is made of (counts.ts). */
import { describe, expect, it } from 'vitest';
import { proveCountPairs } from '../../../../shared/importers/counts';
import type { La } from '../../../../shared/release/schema';
import { testIndicator } from '../../../fixtures/indicator';

const LAS: La[] = Array.from({ length: 120 }, (_, i) => ({ number: 301 + i, ons: null, name: `LA ${301 + i}`, region: null, kind: 'la', current: true }));
// No count a multiple of 5, so agreement must be exact.
const num = LAS.map((_, i) => 201 + 10 * (i % 7));
const den = LAS.map((_, i) => 1003 + 10 * i);
const indicators = [
  testIndicator('Pct', ['2025'], { unit: '% of referrals', dps: null }),
  testIndicator('PctNum', ['2025'], { unit: 'Number' }),
  testIndicator('PctDen', ['2025'], { unit: 'Number' }),
];

describe('proveCountPairs', () => {
  it('reads the places a percentage is published to from its text, not its binary artefacts (22.700000000000003 has one)', () => {
    // LAIT's R writes some one-decimal values with artefacts, and the importer keeps the double the text denotes.
    const pct = num.map((x, i) => Number(((x / den[i]!) * 100).toFixed(1)) + (i % 3 === 0 ? 3.552713678800501e-15 : 0));
    expect(pct.filter((v) => String(v).length > 8).length).toBeGreaterThan(10);
    const pairs = proveCountPairs(indicators, { Pct: { '2025': pct }, PctNum: { '2025': num }, PctDen: { '2025': den } }, LAS);
    expect(pairs).toEqual([expect.objectContaining({ indicator: 'Pct', numerator: 'PctNum', denominator: 'PctDen', agreement: 1, exact: 1, checked: 120 })]);
  });
});
