/**
 * LAIT vintages loaded into a running service as history (`npm run vintages:load`, which runs `cic import`
 * and `cic publish --no-publish` per vintage): the current release stays the one published, and
 * GET /api/revisions reads the vintages. Two real vintages from ../shared/research-data/lait-vintages
 * (a copy of the folder with only them); skips when that folder is absent.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readReleaseFile } from '../../node/release-file';
import { startStack, WRITE_KEY, type Stack } from './stack';
// @ts-expect-error: a plain .mjs build script without types
import { build } from '../../cli/build/build.mjs';

const ROOT = resolve(__dirname, '../..');
const VINTAGES = resolve(ROOT, '../shared/research-data/lait-vintages');
const present = existsSync(VINTAGES) && existsSync(resolve(ROOT, 'data/releases/default.json.gz'));
if (!present) console.warn(`vintage-history: skipped because ../shared/research-data/lait-vintages is absent (${VINTAGES} not found)`);

const TWO = ['2025-11-03_4aaa0dd', '2025-11-25_eefad99'];

describe.skipIf(!present)('LAIT vintages as history in the store', () => {
  let stack: Stack;
  let loaded: { status: number; stdout: string; stderr: string };
  const current = present ? readReleaseFile() : null;

  beforeAll(async () => {
    await build({ root: ROOT });
    stack = await startStack();
    await stack.store.putRelease(current!);
    await stack.store.publish(current!.id);
    const some = mkdtempSync(join(tmpdir(), 'cic-vintages-'));
    for (const name of TWO) symlinkSync(join(VINTAGES, name), join(some, name));
    copyFileSync(join(VINTAGES, 'vintages.csv'), join(some, 'vintages.csv'));
    const out = join(some, 'out');
    mkdirSync(out);
    // Asynchronously: the service answers from this very process, so a blocking spawn would starve it.
    loaded = await promisify(execFile)(process.execPath, [join(ROOT, 'scripts/vintages-load.mjs')], {
      env: { ...process.env, CIC_VINTAGES: some, CIC_VINTAGES_OUT: out, CIC_API_URL: `${stack.url}/api`, CIC_WRITE_KEY: WRITE_KEY },
    }).then(
      ({ stdout, stderr }) => ({ status: 0, stdout, stderr }),
      (e: { code?: number; stdout?: string; stderr?: string }) => ({ status: e.code ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }),
    );
  }, 600_000);
  afterAll(() => stack?.close());

  test('loads each vintage as history and leaves the current release alone', async () => {
    expect(loaded.stderr).toBe('');
    expect(loaded.status).toBe(0);
    expect(loaded.stdout).toMatch(/2 vintages in the store/);
    console.log(loaded.stdout.trim());
    const list = (await (await stack.api('/api/releases')).json()) as { current: string; releases: { id: string; asOf: string }[] };
    expect(list.current).toBe(current!.id);
    expect(list.releases.map((r) => [r.id, r.asOf])).toEqual([
      [current!.id, current!.asOf],
      ['lait-2025-11-25-eefad99', '2025-11-25'],
      ['lait-2025-11-03-4aaa0dd', '2025-11-03'],
    ]);
  });

  test("GET /api/revisions then shows Leicestershire's 2023 stability as each release published it", async () => {
    const body = (await (await stack.api('/api/revisions/LACStable_2016on?la=Leicestershire&year=2023')).json()) as { revisions: unknown[] };
    expect(body.revisions).toEqual([
      { release: 'lait-2025-11-03-4aaa0dd', asOf: '2025-11-03', value: 6 },
      { release: 'lait-2025-11-25-eefad99', asOf: '2025-11-25', value: 7 },
      { release: current!.id, asOf: current!.asOf, value: 7 },
    ]);
  });
});
