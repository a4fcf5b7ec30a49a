/**
 * What one lookup item may be, as LookupItemSchema (the one statement of it, used by the service and its
 * clients) decides: an object of `fn` (1–40 characters) and optional `args` (at most 20 scalars or ranges
 * up to 1000 × 1000, texts up to 1000 characters) and nothing else.
 */
import * as z from 'zod/mini';
import { describe, expect, test } from 'vitest';
import { LookupItemSchema } from '../../../shared/api/schemas';

const long = 'x'.repeat(1001);
const accepted: unknown[] = [
  { fn: 'QUARTILE', args: ['LACStable_2016on', 7.7, '2025'] },
  { fn: 'COUNT', args: [] },
  { fn: 'COUNT' },
  { fn: 'x'.repeat(40), args: [] },
  { fn: 'A', args: [null, true, false, 0, -1.5] },
  { fn: 'A', args: ['x'.repeat(1000)] },
  { fn: 'A', args: Array(20).fill(1) },
  {
    fn: 'A',
    args: [
      [
        [1, 2],
        [3, 4],
      ],
    ],
  },
  { fn: 'A', args: [[[1], [2, 3]]] },
];
const refused: unknown[] = [
  { fn: '', args: [] },
  { fn: 'x'.repeat(41), args: [] },
  { fn: 'A', args: [long] },
  { fn: 'A', args: Array(21).fill(1) },
  { fn: 'A', args: [[1, 2]] },
  { fn: 'A', args: [[[{}]]] },
  { fn: 'A', args: [{}] },
  { fn: 'A', args: [[[long]]] },
  { fn: 'A', args: [], extra: 1 },
  JSON.parse('{"fn":"A","args":[],"__proto__":{"x":1}}'),
  { fn: 1, args: [] },
  { args: [] },
  null,
  [],
  'QUARTILE',
  7,
  { fn: 'A', args: 'x' },
  { fn: 'A', args: [Array.from({ length: 1001 }, () => [1])] },
  { fn: 'A', args: [[Array(1001).fill(1)]] },
  { fn: 'A', args: [undefined] },
];

describe('LookupItemSchema', () => {
  test.each(accepted.map((s, i) => [i, s] as const))('accepts sample %i', (_i, s) => {
    expect(z.safeParse(LookupItemSchema, s).success).toBe(true);
  });
  test.each(refused.map((s, i) => [i, s] as const))('refuses sample %i', (_i, s) => {
    expect(z.safeParse(LookupItemSchema, s).success).toBe(false);
  });
  test('an item without args has none', () => {
    expect(z.parse(LookupItemSchema, { fn: 'COUNT' })).toEqual({ fn: 'COUNT', args: [] });
  });
});
