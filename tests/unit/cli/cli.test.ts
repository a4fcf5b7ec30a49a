/** The `cic` command as a user runs it: a real process, formulas on stdin or as arguments, exit codes. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const cic = (args: string[], input?: string) => spawnSync(process.execPath, ['bin/cic.mjs', ...args], { input, encoding: 'utf8' });

beforeAll(() => {
  if (!existsSync('dist/cli/cic.mjs')) execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'ignore' });
});

describe('cic eval', () => {
  it('prints one result per formula line, in order, blank lines skipped', () => {
    const r = cic(['eval'], '=CIC.BAND("LACStable_2016on", 14, "2025")\n\n=CIC.COUNT("LACStable_2016on")\n=CIC.NOPE()\n=CIC.QUARTILEOF(3, {1,2;3,4}, "Low")\n');
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toEqual(['D', '151', expect.stringMatching(/^#NAME\? Unknown function CIC.NOPE/), '3']);
  });

  it('takes formulas as arguments and prints errors with their message on one line', () => {
    const r = cic(['eval', '=CIC.VALUE("LACStable_2016on", "Nowhere")', '=CIC.BAND("LACStable_2016on", "x")']);
    expect(r.stdout.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^#N\/A Unknown local authority "Nowhere"/),
      expect.stringMatching(/^#VALUE! value must be a number/),
    ]);
  });

  it('uses --release FILE, and fails clearly on a bad one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cic-'));
    writeFileSync(join(dir, 'bad.json'), '{"schemaVersion": 1}');
    const r = cic(['eval', '--release', join(dir, 'bad.json'), '=CIC.RELEASE()']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad\.json: not a valid release/);
  });
});

describe('cic table', () => {
  it('--json gives every LA with value, band, quartile and rank, plus boundaries and n', () => {
    const r = cic(['table', 'LACStable_2016on', '--year', '2025', '--json']);
    const t = JSON.parse(r.stdout) as { n: number; boundaries: number[]; rows: { band: string | null; value: number | null }[] };
    expect(t.n).toBe(151);
    expect(t.boundaries).toEqual([0, 8, 10, 12, 18]);
    const counts = Object.fromEntries(['A', 'B', 'C', 'D'].map((b) => [b, t.rows.filter((x) => x.band === b).length]));
    expect(counts).toEqual({ A: 39, B: 38, C: 45, D: 29 });
  });

  it('--la narrows to one LA; a bad indicator exits 1 with the message', () => {
    const one = cic(['table', 'LACStable_2016on', '--la', 'Leicestershire']);
    expect(one.stdout).toMatch(/\n855\tE10000018\tLeicestershire\t/);
    expect(
      one.stdout
        .trimEnd()
        .split('\n')
        .filter((l) => /^\d{3}\t/.test(l)),
    ).toHaveLength(1);
    const bad = cic(['table', 'NoSuchMeasure']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/#N\/A Unknown indicator "NoSuchMeasure"/);
  });
});

describe('cic import', () => {
  it('on a directory without the DfE files exits non-zero and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cic-'));
    const r = cic(['import', '--from', dir, '--out', join(dir, 'out.json.gz')]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/cic import: /);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('without a command prints usage and exits 2', () => {
    const r = cic([]);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/usage:/);
  });
});
