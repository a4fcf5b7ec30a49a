/**
 * Availability under hostile lookups (issue 17): what requests make the service remember stays within
 * its byte budget (a unique 200 KB argument per request once grew the answer cache by its own size), and
 * thousands of unknown multi-word names cost a bounded number of "did you mean" hints, with
 * /api/health answering alongside. Work is counted, never timed.
 */
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { Catalog } from '../../shared/release/catalog';
import type { StoredRelease } from '../../functions/src/release-cache';
import { syntheticRelease } from './fixture';
import { json, startStack, type Stack } from './stack';

const CACHE_BYTES = 64 * 1024;
const MAX_HINTS = 20;

let stack: Stack;
let rel: StoredRelease;
beforeAll(async () => {
  stack = await startStack({ CIC_LOOKUP_CACHE_BYTES: String(CACHE_BYTES), CIC_MAX_LOOKUP_HINTS: String(MAX_HINTS) });
  const r = syntheticRelease('avail-1');
  await stack.store.putRelease(r);
  await stack.store.publish(r.id);
  rel = await stack.services.releases.resolve();
});
afterAll(() => stack?.close());

interface Answer {
  release: string;
  results: { value?: unknown; error?: { code: string; message: string } }[];
}
const lookup = async (items: unknown[]): Promise<Answer> => {
  const res = await stack.api('/api/lookup', json({ items }));
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Answer;
};

/** Characters held by every map or cache the release keeps beside its data (keys and values). */
function retained(r: StoredRelease): number {
  let n = 0;
  for (const v of Object.values(r) as unknown[]) {
    if (!v || typeof (v as Map<unknown, unknown>).entries !== 'function' || v instanceof Set) continue;
    for (const [k, x] of (v as Map<unknown, unknown>).entries()) {
      n += typeof k === 'string' ? k.length : 0;
      n += typeof x === 'string' ? x.length : Buffer.isBuffer(x) ? x.byteLength : 0;
    }
  }
  return n;
}

describe('memory a request can grow is bounded in bytes', () => {
  test('INDICATORS with a unique 200 KB argument, request after request, is never kept', async () => {
    for (let i = 0; i < 30; i++) {
      const range = Array.from({ length: 200 }, (_, r) => [`${i}-${r}-${'x'.repeat(990)}`]);
      const body = await lookup([{ fn: 'INDICATORS', args: [range] }]);
      expect(body.results[0]?.error?.code).toBeDefined();
    }
    expect(retained(rel)).toBeLessThan(CACHE_BYTES);
  });

  test('unique cacheable answers fill the answer cache up to its byte bound, no further; repeats are still served', async () => {
    for (let k = 0; k < 3; k++) {
      const items = Array.from({ length: 100 }, (_, i) => ({ fn: 'INDICATORS', args: [`${' '.repeat(k * 100 + i)}a`] }));
      const body = await lookup(items);
      for (const r of body.results) expect(Array.isArray(r.value)).toBe(true);
    }
    expect(rel.answers.calculatedSize).toBeLessThanOrEqual(CACHE_BYTES);
    expect(retained(rel)).toBeLessThan(CACHE_BYTES);
    expect(rel.answers.size).toBeGreaterThan(10); // the cache still works
    const again = await lookup([{ fn: 'INDICATORS', args: [`${' '.repeat(299)}a`] }]);
    expect(Array.isArray(again.results[0]?.value)).toBe(true);
  });

  test('error answers are not kept', async () => {
    const before = rel.answers.size;
    await lookup(Array.from({ length: 50 }, (_, i) => ({ fn: 'CARD', args: [`NoSuchIndicator${i}`, 'Testshire 1'] })));
    expect(rel.answers.size).toBe(before);
  });
});

describe('"did you mean" is charged, capped and cached', () => {
  const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo'];
  const unknownName = (i: number): string => `${words[i % 11]} ${words[(i * 7) % 11]} placement zz${i} ${words[(i * 3) % 11]} stability qq${i}`;
  const plain = (m: string | undefined): boolean => /^Unknown indicator "[^"]*" in release avail-1$/.test(m ?? '');

  test('5,000 unknown multi-word items work out at most the cap of hints, and /api/health answers alongside', async () => {
    const worked = vi.spyOn(Catalog.prototype, 'indicatorHint');
    try {
      const items = Array.from({ length: 5000 }, (_, i) => ({ fn: 'COUNT', args: [unknownName(i)] }));
      const [body, health] = await Promise.all([lookup(items), stack.api('/api/health')]);
      expect(health.status).toBe(200);
      expect(worked.mock.calls.length).toBeLessThanOrEqual(MAX_HINTS);
      expect(body.results).toHaveLength(5000);
      for (const r of body.results) expect(r.error?.code).toBe('#N/A');
      const hinted = body.results.filter((r) => !plain(r.error?.message));
      expect(hinted.length).toBe(worked.mock.calls.length);
      expect(body.results.filter((r) => plain(r.error?.message)).length).toBeGreaterThanOrEqual(5000 - MAX_HINTS);
    } finally {
      worked.mockRestore();
    }
  });

  test('a hint worked out once is served from the cache to later lookups without charge', async () => {
    const worked = vi.spyOn(Catalog.prototype, 'indicatorHint');
    try {
      const first = await lookup([{ fn: 'COUNT', args: ['LACStable_2016 on'] }]);
      expect(first.results[0]?.error?.message).toMatch(/did you mean LACStable_2016on\?/);
      expect(worked).toHaveBeenCalledTimes(1);
      const again = await lookup(Array.from({ length: 3000 }, () => ({ fn: 'COUNT', args: ['LACStable_2016 on'] })));
      for (const r of again.results) expect(r.error?.message).toMatch(/did you mean LACStable_2016on\?/);
      expect(worked).toHaveBeenCalledTimes(1);
    } finally {
      worked.mockRestore();
    }
  });

  test('a lookup whose items use its whole work budget gets no hints at all', async () => {
    const worked = vi.spyOn(Catalog.prototype, 'indicatorHint');
    try {
      // CARD costs 10: 1,000 of them are the whole default budget of 10,000.
      const body = await lookup(Array.from({ length: 1000 }, (_, i) => ({ fn: 'CARD', args: [unknownName(i + 10_000), 'Testshire 1'] })));
      expect(worked).not.toHaveBeenCalled();
      for (const r of body.results) expect(plain(r.error?.message)).toBe(true);
    } finally {
      worked.mockRestore();
    }
  });

  test('unknown LAs are charged the same way', async () => {
    const worked = vi.spyOn(Catalog.prototype, 'nearestLas');
    try {
      await lookup(Array.from({ length: 2000 }, (_, i) => ({ fn: 'VALUE', args: ['LACStable_2016on', `Testshirx ${i}`] })));
      expect(worked.mock.calls.length).toBeLessThanOrEqual(MAX_HINTS);
    } finally {
      worked.mockRestore();
    }
  });
});
