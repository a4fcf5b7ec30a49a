/** `cic` on hostile or everyday-wrong input: one clear line on stderr, exit 1, never a stack trace. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RELEASE_INPUTS } from '../../../shared/importers/build-release';

const cic = (args: string[], input?: string) => spawnSync(process.execPath, ['bin/cic.mjs', ...args], { input, encoding: 'utf8' });
const oneLine = (s: string): void => {
  expect(s.trimEnd().split('\n')).toHaveLength(1);
  expect(s).not.toMatch(/\n\s+at |RangeError|node:internal/);
};

beforeAll(() => {
  if (!existsSync('dist/cli/cic.mjs')) execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'ignore' });
});

describe('cic eval', () => {
  it('a formula nested thousands deep: one line, exit 1', () => {
    const deep = `=CIC.COUNT(${'CIC.COUNT('.repeat(20_000)}1${')'.repeat(20_001)}`;
    const r = cic(['eval'], `${deep}\n`);
    expect(r.status).toBe(1);
    oneLine(r.stderr);
    expect(r.stderr).toMatch(/^cic: formula 1 nests \d+ levels deep; at most 64/);
  });

  it('ordinary nesting still evaluates', () => {
    const r = cic(['eval', '=CIC.RAG(CIC.QUARTILE("LACStable_2016on", 14, "2025"), CIC.CHANGE(14, 15, "LACStable_2016on"))']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^[RAG]$/);
  });
});

describe('cic import', () => {
  it('a bad --id: one line naming the rule, exit 1, nothing written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cic-'));
    const r = cic(['import', '--from', dir, '--out', join(dir, 'r.json.gz'), '--id', 'BAD ID!']);
    expect(r.status).toBe(1);
    oneLine(r.stderr);
    expect(r.stderr).toMatch(/--id "BAD ID!" is not a release id: 3 to 64 characters/);
    expect(r.stderr).not.toMatch(/[{[]/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a CSV saved as UTF-16 is named as such, not reported as truncated', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cic-'));
    const first = RELEASE_INPUTS[0]!;
    mkdirSync(dirname(join(dir, first)), { recursive: true });
    writeFileSync(join(dir, first), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('time_period,la_code,value\r\n2025,855,1\r\n', 'utf16le')]));
    const r = cic(['import', '--from', dir, '--out', join(dir, 'r.json.gz')]);
    expect(r.status).toBe(1);
    oneLine(r.stderr);
    expect(r.stderr).toContain(first);
    expect(r.stderr).toMatch(/UTF-16 LE, not UTF-8/);
    expect(r.stderr).not.toMatch(/truncated/i);
  });
});
