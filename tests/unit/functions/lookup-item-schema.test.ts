/** The lookup's plain item check accepts exactly what the shared schema accepts (it only skips building zod's result). */
import * as z from 'zod/mini';
import { describe, expect, test } from 'vitest';
import { LookupItemSchema } from '../../../shared/api/schemas';
import { isPlainItem } from '../../../functions/src/http/lookup-items';

const long = 'x'.repeat(1001);
const samples: unknown[] = [
  { fn: 'QUARTILE', args: ['LACStable_2016on', 7.7, '2025'] },
  { fn: 'COUNT', args: [] },
  { fn: 'COUNT' },
  { fn: '', args: [] },
  { fn: 'x'.repeat(41), args: [] },
  { fn: 'x'.repeat(40), args: [] },
  { fn: 'A', args: [null, true, false, 0, -1.5] },
  { fn: 'A', args: [long] },
  { fn: 'A', args: ['x'.repeat(1000)] },
  { fn: 'A', args: Array(21).fill(1) },
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
  { fn: 'A', args: [[[1], [2, 3]]] },
  { fn: 'A', args: [Array.from({ length: 1001 }, () => [1])] },
  { fn: 'A', args: [[Array(1001).fill(1)]] },
  { fn: 'A', args: [undefined] },
];

describe('isPlainItem', () => {
  test.each(samples.map((s, i) => [i, s] as const))('sample %i agrees with LookupItemSchema', (_i, s) => {
    const ok = z.safeParse(LookupItemSchema, s).success;
    // A plain yes must be a schema yes; a plain no only sends the item to the schema, which decides.
    if (isPlainItem(s)) expect(ok).toBe(true);
    if (ok && s !== null && typeof s === 'object' && 'args' in s) expect(isPlainItem(s)).toBe(true);
  });
});
