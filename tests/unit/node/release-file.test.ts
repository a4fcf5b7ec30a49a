import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readReleaseFile, writeReleaseFile } from '../../../node/release-file';
import { syntheticRelease } from '../../fixtures/synthetic-release';

describe('release files verified once', () => {
  const before = process.env.CIC_CACHE_DIR;
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cic-cache-'));
    process.env.CIC_CACHE_DIR = dir;
  });
  afterEach(() => {
    if (before === undefined) delete process.env.CIC_CACHE_DIR;
    else process.env.CIC_CACHE_DIR = before;
  });

  it('records the digest of bytes it verified, and reads the same bytes again to the same release', () => {
    const file = join(dir, 'r.json.gz');
    writeReleaseFile(file, syntheticRelease('synthetic-0'));
    const first = readReleaseFile(file);
    expect(readdirSync(join(dir, 'verified-releases'))).toHaveLength(1);
    expect(readReleaseFile(file)).toEqual(first);
  });

  it('verifies other bytes afresh: a file changed after its verification is refused', () => {
    const file = join(dir, 'r.json');
    const release = syntheticRelease('synthetic-0');
    writeReleaseFile(file, release);
    readReleaseFile(file);
    // Same id and content hash, other values: only a fresh verification can see it.
    const tampered = { ...release, values: { ...release.values, LowGood: { ...release.values.LowGood, '2025': release.las.map(() => 1) } } };
    writeFileSync(file, JSON.stringify(tampered));
    expect(() => readReleaseFile(file)).toThrow(/content hash mismatch/);
    expect(existsSync(join(dir, 'verified-releases'))).toBe(true);
  });
});
