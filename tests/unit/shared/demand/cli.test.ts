/** `cic demand` in-process: the same tables as the pane, printed; bad files fail with file:line: reason. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../../cli/cic';
import { synthetic903 } from '../../../fixtures/ssda903';

const run = async (argv: string[]) => {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  const code = await main(argv);
  vi.restoreAllMocks();
  return { code, out, err };
};
afterEach(() => vi.restoreAllMocks());

describe('cic demand', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cic-demand-'));
  const s = synthetic903({ seed: 11, years: 3 });
  writeFileSync(join(dir, 'header.csv'), s.header);
  writeFileSync(join(dir, 'episodes.csv'), s.episodes);

  it('prints the cleaning, the states and a forecast by financial year', async () => {
    const r = await run(['demand', '--header', join(dir, 'header.csv'), '--episodes', join(dir, 'episodes.csv'), '--years', '2']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Reference window 2022-04-01 to 2023-03-31 \(365 days\)/);
    expect(r.out).toMatch(/Continuation episodes \(RNE L\/T\/U\) folded into the one before\s+\d+/);
    expect(r.out).toMatch(/10 to 16 - Fostering\s+\d+/);
    expect(r.out).toMatch(/2023\/24\s+\d+\s+\d+\s+\d+\n2024\/25/);
  });
  it('--from and --to set the reference window, checked against the returns', async () => {
    const files = ['--header', join(dir, 'header.csv'), '--episodes', join(dir, 'episodes.csv')];
    const r = await run(['demand', ...files, '--from', '2022-10-01', '--to', '2023-03-31']);
    expect(r.out).toMatch(/Reference window 2022-10-01 to 2023-03-31 \(182 days\)/);
    const early = await run(['demand', ...files, '--from', '2019-04-01']);
    expect(early.code).toBe(1);
    expect(early.err).toMatch(/before the first return does \(2020-04-01\)/);
  });
  it('--json has the rates and the forecast', async () => {
    const r = await run(['demand', '--header', join(dir, 'header.csv'), '--episodes', join(dir, 'episodes.csv'), '--json']);
    const j = JSON.parse(r.out);
    expect(j.states).toHaveLength(20);
    expect(j.transitions).toHaveLength(20);
    expect(j.forecast).toHaveLength(3);
    expect(j.stock).toEqual(s.stockAtEnd);
  });
  it('a malformed row fails with the file, line and reason; missing flags print usage', async () => {
    writeFileSync(join(dir, 'bad.csv'), `${s.episodes.split('\r\n').slice(0, 4).join('\r\n')}\r\nC1,31/02/2021,S,C2,N1,U1,PR1,,,,,,,X,2021\r\n`);
    const r = await run(['demand', '--header', join(dir, 'header.csv'), '--episodes', join(dir, 'bad.csv')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad\.csv:5: DECOM "31\/02\/2021" is not a date/);
    expect((await run(['demand', '--header', join(dir, 'header.csv')])).code).toBe(2);
  });
});

describe('cic demand on a typo’d date', () => {
  it('an end date after the last return: exit 1, one line naming the file, the line and the date; no forecast printed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cic-demand-late-'));
    const s = synthetic903({ seed: 11, years: 3 });
    const lines = s.episodes.split('\r\n');
    const i = lines.findIndex((l, k) => k > 0 && /,(?:\d{2}\/){2}\d{4},[A-Z0-9]+,,,,,Synthshire,2023$/.test(l));
    const f = lines[i]!.split(',');
    f[7] = '13/06/2033';
    lines[i] = f.join(',');
    writeFileSync(join(dir, 'header.csv'), s.header);
    writeFileSync(join(dir, 'episodes.csv'), lines.join('\r\n'));
    const r = await run(['demand', '--header', join(dir, 'header.csv'), '--episodes', join(dir, 'episodes.csv')]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      `cic: episodes.csv:${i + 1}: DEC "13/06/2033" is after 31 March 2023, when the last return (YEAR 2023) ends (a typo?); correct it and load the files again\n`,
    );
  });
});
