/**
 * History in the store over real HTTP against Azurite: GET /api/revisions reads every complete release,
 * oldest as-of first; the add-in's HttpSource gives CIC.REVISIONS the same; a release added later shows
 * once the instance re-lists (CIC_CURRENT_TTL_MS); POST /api/lookup answers REVISIONS from the same history.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { HttpSource } from '../../addin/client/http-source';
import { RevisionsDtoSchema } from '../../shared/api/schemas';
import { functionById } from '../../shared/formulas/index';
import { invoke } from '../../shared/formulas/invoke';
import { contentHashOf } from '../../shared/release/hash';
import type { Release } from '../../shared/release/schema';
import { sha256Hex } from '../../node/release-file';
import { syntheticRelease } from './fixture';
import { expectProblem, json, startStack, type Stack } from './stack';

/** The fixture release as of a day, with Testshire 3's (803) 2024 value set (null: suppressed). */
function vintage(id: string, asOf: string, testshire3: number | null): Release {
  const { contentHash: _, ...r } = structuredClone(syntheticRelease(id));
  r.asOf = asOf;
  r.values.LACStable_2016on!['2024']![2] = testshire3;
  return { ...r, contentHash: contentHashOf(r, sha256Hex) };
}

let stack: Stack;
const revisions = (path: string, init?: RequestInit) => stack.api(`/api/revisions${path}`, init);

beforeAll(async () => {
  stack = await startStack({ CIC_CURRENT_TTL_MS: '200' });
  // Loaded out of order; the newest is not the current one: history is every complete release.
  await stack.store.putRelease(vintage('lait-2025-11-25-eefad99', '2025-11-25', 7));
  await stack.store.putRelease(vintage('lait-2025-11-03-4aaa0dd', '2025-11-03', 6));
  await stack.store.putRelease(vintage('lait-2025-11-17-a893414', '2025-11-17', null));
  await stack.store.publish('lait-2025-11-17-a893414');
});
afterAll(() => stack?.close());

describe('GET /api/revisions', () => {
  test('one value in every complete release, oldest as-of first, resolved by key or alias, LA number, code or name', async () => {
    const want = {
      indicator: 'LACStable_2016on',
      la: 803,
      year: '2024',
      revisions: [
        { release: 'lait-2025-11-03-4aaa0dd', asOf: '2025-11-03', value: 6 },
        { release: 'lait-2025-11-17-a893414', asOf: '2025-11-17', value: null },
        { release: 'lait-2025-11-25-eefad99', asOf: '2025-11-25', value: 7 },
      ],
    };
    for (const q of [
      '/LACStable_2016on?la=803&year=2024',
      '/placement%20stability?la=Testshire%203&year=2024',
      '?indicator=LACStable_2016on&la=E06000003&year=2024',
    ]) {
      const res = await revisions(q);
      expect(res.status, q).toBe(200);
      expect(RevisionsDtoSchema.parse(await res.json())).toEqual(want);
    }
  });

  test('revalidates with an ETag of the release set', async () => {
    const res = await revisions('/LACStable_2016on?la=803&year=2024');
    expect(res.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    const again = await revisions('/LACStable_2016on?la=803&year=2024', { headers: { 'if-none-match': res.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);
  });

  test('bad input is a problem: no LA (400), an unknown indicator, LA or year (404), an unknown parameter (400)', async () => {
    await expectProblem(await revisions('/LACStable_2016on?year=2024'), 400);
    await expectProblem(await revisions('/Nope?la=803'), 404);
    await expectProblem(await revisions('/LACStable_2016on?la=Atlantis'), 404);
    await expectProblem(await revisions('/LACStable_2016on?la=803&year=1999'), 404);
    await expectProblem(await revisions('/LACStable_2016on?la=803&colour=red'), 400);
  });
});

describe('CIC.REVISIONS over the service', () => {
  test("the add-in's source spills the releases that publish the value, oldest first", async () => {
    const src = new HttpSource({ baseUrl: `${stack.url}/api/`, timeoutMs: 5000 });
    expect(await invoke(functionById('REVISIONS')!, src, ['LACStable_2016on', 'Testshire 3', 2024])).toEqual([
      ['Release', 'As of', 'Value'],
      ['lait-2025-11-03-4aaa0dd', '2025-11-03', 6],
      ['lait-2025-11-25-eefad99', '2025-11-25', 7],
    ]);
    expect((await src.history()).releases.map((r) => r.id)).toEqual(['lait-2025-11-03-4aaa0dd', 'lait-2025-11-17-a893414', 'lait-2025-11-25-eefad99']);
  });

  test('POST /api/lookup answers it from the same history; a release added later appears once the list is re-read', async () => {
    const item = { fn: 'REVISIONS', args: ['LACStable_2016on', 803, 2024] };
    const first = (await (await stack.api('/api/lookup', json({ items: [item] }))).json()) as { results: { value: unknown[][] }[] };
    expect(first.results[0]?.value).toHaveLength(3);
    await stack.store.putRelease(vintage('lait-2025-12-02-6f8631b', '2025-12-02', 7.5));
    await new Promise((r) => setTimeout(r, 250)); // past CIC_CURRENT_TTL_MS
    const later = (await (await stack.api('/api/lookup', json({ items: [item] }))).json()) as { results: { value: unknown[][] }[] };
    expect(later.results[0]?.value.at(-1)).toEqual(['lait-2025-12-02-6f8631b', '2025-12-02', 7.5]);
  });
});
