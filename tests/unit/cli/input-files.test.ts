/**
 * Every `cic` command that reads a file the user names reads it with bounds, through the real CLI: only a
 * regular file after following symlinks (a link to a file is fine; a link to /dev/zero, a FIFO or a folder
 * is not) and at most CIC_MAX_INPUT_BYTES (default 512 MiB), unzipped releases included. Each refusal is
 * one line naming the file, exit 1. (An input linked to /dev/zero used to reach 9 GB in 60 s.)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RELEASE_INPUTS } from '../../../shared/importers/build-release';

/** The CLI as a user runs it; the timeout only stops a regression from eating the machine. */
const cic = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['bin/cic.mjs', ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000, killSignal: 'SIGKILL' });

const refused = (r: ReturnType<typeof cic>, line: RegExp): void => {
  expect(r.signal, 'killed: it read without bound').toBeNull();
  expect(r.status).toBe(1);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(line);
  expect(r.stderr).not.toMatch(/\n\s+at |node:internal/);
};

const root = mkdtempSync(join(tmpdir(), 'cic-inputs-'));
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const FIRST = RELEASE_INPUTS[0]!;
const hasDevZero = existsSync('/dev/zero');

beforeAll(() => {
  if (!existsSync('dist/cli/cic.mjs')) execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'ignore' });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A research-data folder whose first input is made by `make` (the importer reads it first). */
function importFolder(name: string, make: (path: string) => void): string {
  const dir = join(root, name);
  mkdirSync(dirname(join(dir, FIRST)), { recursive: true });
  make(join(dir, FIRST));
  return dir;
}

describe('cic import', () => {
  it.skipIf(!hasDevZero)('an input that is a symlink to /dev/zero: one line naming it, exit 1', () => {
    const dir = importFolder('zero', (p) => symlinkSync('/dev/zero', p));
    refused(
      cic(['import', '--from', dir, '--out', join(root, 'zero.json.gz')]),
      new RegExp(`^cic import: ${esc(join(dir, FIRST))} is a character device, not a regular file`),
    );
    expect(existsSync(join(root, 'zero.json.gz'))).toBe(false);
  });

  it('an input that is a FIFO (nobody writing) or a folder: refused at once, naming it', () => {
    const fifo = importFolder('fifo', (p) => execFileSync('mkfifo', [p]));
    refused(
      cic(['import', '--from', fifo, '--out', join(root, 'f.json.gz')]),
      new RegExp(`^cic import: ${esc(join(fifo, FIRST))} is a pipe \\(FIFO\\), not a regular file`),
    );
    const folder = importFolder('folder', (p) => mkdirSync(p));
    refused(cic(['import', '--from', folder, '--out', join(root, 'd.json.gz')]), new RegExp(`^cic import: ${esc(join(folder, FIRST))} is a folder`));
  });

  it('an input over the cap: refused before it is read (a sparse 600 MiB file), or at a lowered CIC_MAX_INPUT_BYTES', () => {
    const huge = importFolder('huge', (p) => {
      writeFileSync(p, '');
      truncateSync(p, 600 * 1024 * 1024);
    });
    refused(
      cic(['import', '--from', huge, '--out', join(root, 'h.json.gz')]),
      new RegExp(`^cic import: ${esc(join(huge, FIRST))} is larger than 512 MiB.*CIC_MAX_INPUT_BYTES`),
    );
    const small = importFolder('small', (p) => writeFileSync(p, 'x'.repeat(5000)));
    refused(
      cic(['import', '--from', small, '--out', join(root, 's.json.gz')], { CIC_MAX_INPUT_BYTES: '4096' }),
      new RegExp(`^cic import: ${esc(join(small, FIRST))} is larger than 4096 bytes`),
    );
  });

  it('an input that is a symlink to a regular file is read (the import goes on to the next file)', () => {
    const target = join(root, 'real.csv');
    writeFileSync(target, 'a,b\n1,2\n');
    const dir = importFolder('link', (p) => symlinkSync(target, p));
    const r = cic(['import', '--from', dir, '--out', join(root, 'l.json.gz')]);
    expect(r.status).toBe(1);
    expect(r.stderr).not.toContain(FIRST);
    expect(r.stderr).toContain(RELEASE_INPUTS[1]!);
  });

  it('a CIC_MAX_INPUT_BYTES that is not a number: one line naming it', () => {
    const dir = importFolder('badcap', (p) => writeFileSync(p, 'x'));
    refused(
      cic(['import', '--from', dir, '--out', join(root, 'b.json.gz')], { CIC_MAX_INPUT_BYTES: 'lots' }),
      /^cic import: CIC_MAX_INPUT_BYTES is not a whole number/,
    );
  });
});

describe('every other command that reads a file', () => {
  it.skipIf(!hasDevZero)('--release that is /dev/zero or a link to it (eval, table, backtest, publish)', () => {
    const link = join(root, 'release-link.json.gz');
    symlinkSync('/dev/zero', link);
    for (const path of ['/dev/zero', link]) {
      const named = new RegExp(`${esc(path)} is a character device, not a regular file`);
      refused(cic(['eval', '--release', path, '=CIC.RELEASE()']), new RegExp(`^cic: ${named.source}`));
      refused(cic(['table', 'LACStable_2016on', '--release', path]), new RegExp(`^cic: ${named.source}`));
      refused(cic(['backtest', '--release', path]), new RegExp(`^cic: ${named.source}`));
      refused(cic(['publish', '--release', path, '--api', 'http://127.0.0.1:9/api']), new RegExp(`^cic publish: ${named.source}`));
    }
  });

  it('--release that is a FIFO or a folder', () => {
    const fifo = join(root, 'release.fifo');
    execFileSync('mkfifo', [fifo]);
    refused(cic(['eval', '--release', fifo, '=CIC.RELEASE()']), /is a pipe \(FIFO\), not a regular file/);
    refused(cic(['eval', '--release', root, '=CIC.RELEASE()']), new RegExp(`^cic: ${esc(root)} is a folder`));
  });

  it('a gzipped release that unzips beyond the cap (a zip bomb) is refused, naming it', () => {
    const bomb = join(root, 'bomb.json.gz');
    writeFileSync(bomb, gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20)));
    refused(
      cic(['eval', '--release', bomb, '=CIC.RELEASE()'], { CIC_MAX_INPUT_BYTES: String(1024 * 1024) }),
      new RegExp(`^cic: ${esc(bomb)} unzips to more than`),
    );
  });

  it.skipIf(!hasDevZero)('cic demand with a header or episodes file that is /dev/zero', () => {
    const episodes = join(root, 'episodes.csv');
    writeFileSync(episodes, 'CHILD,DECOM\n');
    refused(cic(['demand', '--header', '/dev/zero', '--episodes', episodes]), /^cic: \/dev\/zero is a character device, not a regular file/);
    refused(cic(['demand', '--header', episodes, '--episodes', '/dev/zero']), /^cic: \/dev\/zero is a character device, not a regular file/);
  });
});
