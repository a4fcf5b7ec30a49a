/**
 * The real default release (data/releases/default.json.gz, built from DfE's files) uploaded over HTTP,
 * published and served: LAIT-exact boundaries, and bands/ranks equal to the shared engine's (`cic eval`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEFAULT_RELEASE_PATH, readReleaseFile } from '../../node/release-file';
import { isCellError } from '../../shared/excel/errors';
import { functionById } from '../../shared/formulas/index';
import { invoke } from '../../shared/formulas/invoke';
import { ReleaseIndex } from '../../shared/release/release-index';
import type { Release } from '../../shared/release/schema';
import { json, startStack, WRITE_KEY, type Stack } from './stack';

const present = existsSync(DEFAULT_RELEASE_PATH);
let stack: Stack;
let release: Release;

beforeAll(async () => {
  if (!present) return;
  release = readReleaseFile();
  stack = await startStack();
  const put = await stack.api(`/api/releases/${release.id}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'x-functions-key': WRITE_KEY },
    body: readFileSync(DEFAULT_RELEASE_PATH),
  });
  expect(put.status, await put.clone().text()).toBe(201);
  expect((await stack.api(`/api/releases/${release.id}/publish`, { method: 'POST', headers: { 'x-functions-key': WRITE_KEY } })).status).toBe(200);
}, 120_000);
afterAll(() => stack?.close());

test.skipIf(!present)('LACStable_2016on 2025: n = 151, Q1 = 8, Q2 = 10, Q3 = 12', async () => {
  const body = (await (await stack.api('/api/distributions/LACStable_2016on?year=2025')).json()) as { n: number; boundaries: number[] };
  expect(body.n).toBe(151);
  expect(body.boundaries.slice(1, 4)).toEqual([8, 10, 12]);
});

test.skipIf(!present)('bands, quartiles, ranks and SN averages equal the engine over the same release', async () => {
  const index = new ReleaseIndex(release);
  const bandable = release.indicators.filter((i) => i.polarity && !i.noQuartile).slice(0, 40);
  const las = release.las
    .filter((l) => l.kind === 'la' && l.current)
    .slice(0, 25)
    .map((l) => l.number);
  const items = bandable.flatMap((ind, k) =>
    las.slice(k % 5, (k % 5) + 5).flatMap((la) => ['BAND', 'QUARTILE', 'RANK', 'SNAVG'].map((fn) => ({ fn, args: [ind.key, la] }))),
  );
  const res = await stack.api('/api/lookup', json({ items }));
  expect(res.status).toBe(200);
  const { results } = (await res.json()) as { results: unknown[] };
  const expected = await Promise.all(
    items.map(async ({ fn, args }) => {
      const out = await invoke(functionById(fn)!, index, args);
      return isCellError(out) ? { error: { code: out.code, message: out.message } } : { value: out };
    }),
  );
  expect(results).toEqual(expected);
  expect(results.filter((r) => 'value' in (r as object)).length).toBeGreaterThan(items.length / 2);
});
