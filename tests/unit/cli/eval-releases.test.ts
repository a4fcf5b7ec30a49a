/** `cic eval` given several --release files: the newest as-of is current, CIC.REVISIONS reads them all. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex, writeReleaseFile } from '../../../node/release-file';
import { contentHashOf } from '../../../shared/release/hash';
import type { Release } from '../../../shared/release/schema';
import { syntheticRelease } from '../../fixtures/synthetic-release';
// @ts-expect-error: a plain .mjs build script without types
import { build } from '../../../cli/build/build.mjs';

const cic = (args: string[]) => spawnSync(process.execPath, ['bin/cic.mjs', ...args], { encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'cic-releases-'));

function release(id: string, asOf: string, leicestershire2024: number): string {
  const { contentHash: _, ...r } = structuredClone(syntheticRelease(id));
  r.asOf = asOf;
  r.values.LowGood!['2024']![2] = leicestershire2024;
  const file = join(dir, `${id}.json`);
  writeReleaseFile(file, { ...r, contentHash: contentHashOf(r, sha256Hex) } as Release);
  return file;
}

let files: string[] = [];
beforeAll(async () => {
  await build({ root: process.cwd() });
  files = [release('rel-b', '2026-02-01', 8.1), release('rel-a', '2025-12-01', 7.7)];
});

describe('cic eval --release A --release B', () => {
  it('computes with the newest as-of and spills every release for CIC.REVISIONS, oldest first', () => {
    const r = cic([
      'eval',
      '--release',
      files[0]!,
      '--release',
      files[1]!,
      '=CIC.RELEASE()',
      '=CIC.VALUE("LowGood", 855, 2024)',
      '=CIC.REVISIONS("LowGood", "Leicestershire", 2024)',
    ]);
    expect(r.stderr).toBe('');
    expect(r.stdout.trimEnd().split('\n')).toEqual(['rel-b', '8.1', '[["Release","As of","Value"],["rel-a","2025-12-01",7.7],["rel-b","2026-02-01",8.1]]']);
  });

  it('with one release, REVISIONS is that release alone; the same release twice is one line and exit 1', () => {
    expect(cic(['eval', '--release', files[1]!, '=CIC.REVISIONS("LowGood", 855, 2024)']).stdout.trim()).toBe(
      '[["Release","As of","Value"],["rel-a","2025-12-01",7.7]]',
    );
    const twice = cic(['eval', '--release', files[1]!, '--release', files[1]!, '=CIC.RELEASE()']);
    expect([twice.status, twice.stderr]).toEqual([1, 'cic: #VALUE! release rel-a is given twice\n']);
  });
});
