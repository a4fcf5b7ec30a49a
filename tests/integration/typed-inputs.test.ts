/**
 * Issue 19 items 1–5 over the API (real HTTP, Azurite, the default release): what an analyst types reads
 * the same as in a cell, because the lookup endpoint runs the same definitions and the read endpoints the
 * same catalog and year rule.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEFAULT_RELEASE_PATH, readReleaseFile } from '../../node/release-file';
import { json, startStack, WRITE_KEY, type Stack } from './stack';

const present = existsSync(DEFAULT_RELEASE_PATH);
let stack: Stack;

beforeAll(async () => {
  if (!present) return;
  const release = readReleaseFile();
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

type Result = { value: unknown } | { error: { code: string; message: string } };
const lookup = async (...items: { fn: string; args: unknown[] }[]): Promise<Result[]> => {
  const res = await stack.api('/api/lookup', json({ items }));
  expect(res.status).toBe(200);
  return ((await res.json()) as { results: Result[] }).results;
};

test.skipIf(!present)('lookup: percentages, rates (workbook functions run in the cell only), years, LA names and successors as in a cell', async () => {
  const [fraction, text, points, growth, year, leics, gone, near] = await lookup(
    { fn: 'BAND', args: ['ReReferral', 0.223] },
    { fn: 'BAND', args: ['ReReferral', '25.5%'] },
    { fn: 'BAND', args: ['ReReferral', 25.5] },
    { fn: 'COSTFORECAST', args: [855, 2, null, 5] },
    { fn: 'VALUE', args: ['LAC', 855, '2024/25'] },
    { fn: 'VALUE', args: ['LAC', 'Leics', 2025] },
    { fn: 'VALUE', args: ['LAC', 'Northants', 2025] },
    { fn: 'VALUE', args: ['LAC', 'Leicestershre', 2025] },
  );
  expect(fraction).toMatchObject({
    error: { code: '#VALUE!', message: expect.stringMatching(/looks like a fraction \(0\.223 = 22\.3%\); LAIT publishes ReReferral in points/) },
  });
  expect(text).toEqual(points);
  expect(growth).toMatchObject({ error: { code: '#VALUE!', message: expect.stringMatching(/^inflation 5 looks like a percentage typed without its % sign/) } });
  expect(year).toEqual(leics);
  expect(year).toMatchObject({ value: expect.any(Number) });
  expect(gone).toMatchObject({
    error: {
      code: '#N/A',
      message: expect.stringMatching(/^Northamptonshire \(928\) no longer exists: .*North Northamptonshire \(940\) and West Northamptonshire \(941\)/),
    },
  });
  expect(near).toMatchObject({ error: { code: '#N/A', message: expect.stringMatching(/did you mean Leicestershire\?/) } });
});

test.skipIf(!present)('read endpoints: a year in any spelling, LAs by everyday names, indicators in plain English', async () => {
  const a = (await (await stack.api('/api/distributions/LAC?year=2024%2F25')).json()) as { year: string };
  expect(a.year).toBe('2025');
  const n = (await (await stack.api(`/api/las/${encodeURIComponent('NE Lincs')}/neighbours`)).json()) as { la: { number: number } };
  expect(n.la.number).toBe(812);
  const s = (await (await stack.api('/api/indicators?q=children%20in%20care')).json()) as { indicators: { key: string }[] };
  expect(s.indicators.slice(0, 2).map((i) => i.key)).toEqual(['LACnum', 'LAC']);
});
