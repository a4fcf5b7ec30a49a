/**
 * Release and file text never drives the analyst's terminal: through the real `cic` process, names holding
 * ESC[2K (erase the line), OSC 8 links, CR, BEL and bidi overrides print escaped (\x1b, \u202e …), in
 * tables, JSON, formula results and errors that echo what was given. The bundle is rebuilt from the sources
 * first, so the process runs the code under test.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeReleaseFile } from '../../../node/release-file';
import { hostileRelease } from '../../fixtures/hostile-release';
import { synthetic903 } from '../../fixtures/ssda903';
// @ts-expect-error: a plain .mjs build script without types
import { build } from '../../../cli/build/build.mjs';

const cic = (args: string[], input?: string) => spawnSync(process.execPath, ['bin/cic.mjs', ...args], { input, encoding: 'utf8' });

/** What a terminal would act on; \t and \n are the output's own separators. */
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
const clean = (s: string) => expect(RAW.exec(s)?.[0], JSON.stringify(s.slice(0, 400))).toBeUndefined();

const dir = mkdtempSync(join(tmpdir(), 'cic-terminal-'));
const release = join(dir, 'hostile.json');
const hostile = hostileRelease();
const low = hostile.indicators.find((i) => i.name.includes('LowGood'))!;

beforeAll(async () => {
  await build({ root: process.cwd() });
  writeReleaseFile(release, hostile);
});

describe('cic on release text that holds terminal controls', () => {
  it('table: every LA on its own line, names escaped', () => {
    const r = cic(['table', low.key, '--release', release]);
    expect(r.status).toBe(0);
    clean(r.stdout);
    expect(r.stdout).toContain('\\x1b[2K');
    expect(r.stdout).toContain('\\x1b]8;;http://x.invalid/\\x07link');
    expect(r.stdout).toContain('\\x1b[2K\\x0d\\u202eevil');
    const rows = r.stdout.split('\n').filter((l) => /^\d{3}\t/.test(l));
    expect(rows).toHaveLength(hostile.las.filter((l) => l.kind === 'la').length); // one line per LA: no name starts another
  });

  it('table --json: the same names, escaped in JSON, read back exactly', () => {
    const r = cic(['table', low.key, '--release', release, '--json']);
    expect(r.status).toBe(0);
    clean(r.stdout);
    const t = JSON.parse(r.stdout) as { name: string; rows: { la: number; name: string }[] };
    expect(t.name).toBe(low.name);
    for (const row of t.rows) expect(row.name).toBe(hostile.las.find((l) => l.number === row.la)!.name);
  });

  it('eval: results and errors that echo release text or the formula', () => {
    const r = cic(['eval', '--release', release], `=CIC.INDICATORS()\n=CIC.VALUE("\u001b[2Kx\u202e", 855)\n=CIC.RELEASE("title")\n`);
    expect(r.status).toBe(0);
    clean(r.stdout);
    expect(r.stdout).toContain('\\x1b[2Kx\\u202e');
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(3);
  });

  it('errors echoing input: an unknown indicator, LA or command', () => {
    for (const args of [
      ['table', '\u001b]8;;http://x.invalid/\u0007click\u001b]8;;\u0007', '--release', release],
      ['table', low.key, '--la', '\u001b[1A\u001b[2Kevil\r', '--release', release],
      ['\u001b[2Knope\u009b'],
    ]) {
      const r = cic(args);
      expect(r.status).not.toBe(0);
      clean(r.stderr);
      expect(r.stderr).toMatch(/\\x1b/);
    }
  });

  it('demand: a file cell echoed in an error, and a bad option', () => {
    const s = synthetic903({ seed: 3, years: 2 });
    const header = join(dir, 'header.csv');
    const episodes = join(dir, 'episodes.csv');
    writeFileSync(header, s.header);
    writeFileSync(episodes, `${s.episodes.split('\r\n').slice(0, 3).join('\r\n')}\r\nC1,\u001b]8;;http://x.invalid/\u0007,S,C2,N1,U1,PR1,,,,,,,X,2021\r\n`);
    const r = cic(['demand', '--header', header, '--episodes', episodes]);
    expect(r.status).toBe(1);
    clean(r.stderr);
    expect(r.stderr).toContain('DECOM "\\x1b]8;;http://x.invalid/\\x07"');
    const bad = cic(['demand', '--\u001b[2Kx']);
    clean(bad.stderr);
  });
});
