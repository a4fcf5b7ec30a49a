/** `cic diff OLD NEW` as a user runs it: a real process over two release files. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeReleaseFile } from '../../../node/release-file';
import { contentHashOf } from '../../../shared/release/hash';
import type { Release } from '../../../shared/release/schema';
import { sha256Hex } from '../../../node/release-file';
import { syntheticRelease } from '../../fixtures/synthetic-release';
// @ts-expect-error: a plain .mjs build script without types
import { build } from '../../../cli/build/build.mjs';

const cic = (args: string[]) => spawnSync(process.execPath, ['bin/cic.mjs', ...args], { encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'cic-diff-'));
const OLD = join(dir, 'old.json.gz');
const NEW = join(dir, 'new.json');

/** The synthetic release, revised: Leicestershire's 2024 LowGood 7.7 → 8.1, England's 9.5 → 9.6, Rutland's suppressed, Nottinghamshire's 2025 published. */
function revised(): Release {
  const r = structuredClone(syntheticRelease('synthetic-2'));
  r.asOf = '2026-02-01';
  r.values.LowGood!['2024'] = [5, 6, 8.1, 9, null, 12, 14, 20, 9.6, 10];
  r.values.LowGood!['2025'] = [4, 8, 8, 10, 12, 12, 7, null, 9, 9.1];
  r.las[4] = { ...r.las[4]!, name: 'Rutland\u001b[2K\u202e' }; // release text, printed escaped
  const { contentHash: _, ...rest } = r;
  return { ...rest, contentHash: contentHashOf(rest, sha256Hex) };
}

beforeAll(async () => {
  await build({ root: process.cwd() });
  writeReleaseFile(OLD, syntheticRelease('synthetic-1'));
  writeReleaseFile(NEW, revised());
});

describe('cic diff', () => {
  it('--json prints exactly one object: old, new, changed, added, removed; items {indicator, la, year, before, after}', () => {
    const r = cic(['diff', OLD, NEW, '--json']);
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
    const d = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(d)).toEqual(['old', 'new', 'changed', 'added', 'removed']);
    expect(d).toEqual({
      old: 'synthetic-1',
      new: 'synthetic-2',
      changed: [
        { indicator: 'LowGood', la: 855, year: '2024', before: 7.7, after: 8.1 },
        { indicator: 'LowGood', la: 970, year: '2024', before: 9.5, after: 9.6 },
      ],
      added: [{ indicator: 'LowGood', la: 891, year: '2025', before: null, after: 7 }],
      removed: [{ indicator: 'LowGood', la: 857, year: '2024', before: 10, after: null }],
    });
  });

  it('prints a summary per indicator, the boundaries that moved and every value, release text escaped', () => {
    const r = cic(['diff', OLD, NEW]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('synthetic-1 (as of 2026-01-01) → synthetic-2 (as of 2026-02-01)');
    expect(r.stdout).toContain('2 values changed, 1 appeared, 1 disappeared; quartile boundaries moved in 2 indicator-years');
    expect(r.stdout).toContain('  LowGood: 2 / 1 / 1; 2024, 2025; boundaries 2024, 2025');
    expect(r.stdout).toMatch(/LowGood\t2024\t5 \| 7\.275 \| 9\.5 \| 12\.5 \| 20 → 5 \| 7\.05 \| 9 \| 13 \| 20/);
    expect(r.stdout).toContain('LowGood\t2024\t855 Leicestershire\t7.7 → 8.1');
    expect(r.stdout).toContain('LowGood\t2024\t857 Rutland\\x1b[2K\\u202e\t10 → -');
    expect(r.stdout).not.toContain('\u001b');
  });

  it('--indicator narrows to the indicators named (a key or an alias); an unknown one is one line and exit 1', () => {
    const one = JSON.parse(cic(['diff', OLD, NEW, '--indicator', 'HighGood', '--json']).stdout) as { changed: unknown[] };
    expect(one.changed).toEqual([]);
    const alias = JSON.parse(cic(['diff', OLD, NEW, '--indicator', 'low good alias', '--json']).stdout) as { changed: unknown[] };
    expect(alias.changed).toHaveLength(2);
    const bad = cic(['diff', OLD, NEW, '--indicator', 'Nope']);
    expect([bad.status, bad.stdout]).toEqual([1, '']);
    expect(bad.stderr).toMatch(/^cic: .*Unknown indicator "Nope"[^\n]*\n$/);
  });

  it('needs two release files', () => {
    expect(cic(['diff', OLD]).status).toBe(2);
    const missing = cic(['diff', OLD, join(dir, 'nope.json')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
