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
  it('the two files given the other way round: read the right way round, and named right', async () => {
    const right = await run(['demand', '--header', join(dir, 'header.csv'), '--episodes', join(dir, 'episodes.csv'), '--years', '2']);
    const swapped = await run(['demand', '--header', join(dir, 'episodes.csv'), '--episodes', join(dir, 'header.csv'), '--years', '2']);
    expect(swapped.code).toBe(0);
    expect(right.out.split('\n')[0]).toBe('Header file header.csv, Episodes file episodes.csv');
    expect(swapped.out.split('\n')[0]).toBe('Header file header.csv, Episodes file episodes.csv (given the other way round: read by their columns)');
    expect(swapped.out.split('\n').slice(1)).toEqual(right.out.split('\n').slice(1));
  });

  it('prints what the pane shows: children by placement type and by age band, and with --inflation the cost', async () => {
    const files = ['--header', join(dir, 'header.csv'), '--episodes', join(dir, 'episodes.csv'), '--years', '2'];
    const r = await run(['demand', ...files, '--inflation', '3%']);
    expect(r.code).toBe(0);
    const j = JSON.parse((await run(['demand', ...files, '--json'])).out) as { states: string[]; forecast: { label: string; children: number[] }[] };
    const section = (title: string) => r.out.split(`${title}\n`)[1]!.split('\n\n')[0]!.split('\n');
    const byType = section('By placement type (children on 31 March, expected)');
    expect(byType[0]!.split(/\s{2,}/)).toEqual(['Financial year', 'Fostering', 'Residential', 'Supported', 'Other', 'Total']);
    // Each column is the states of that placement type summed: the same totals as the model's own states.
    const first = j.forecast[0]!;
    const fostering = first.children.filter((_, i) => j.states[i]!.endsWith(' - Fostering')).reduce((a, b) => a + b, 0);
    expect(byType[1]!.split(/\s+/).slice(0, 2)).toEqual([first.label, fostering.toFixed(1)]);
    const byBand = section('By age band (children on 31 March, expected)');
    expect(byBand[0]!.split(/\s{2,}/)).toEqual(['Financial year', 'Birth to 1', '1 to 5', '5 to 10', '10 to 16', '16 to 18+', 'Total']);
    expect(byBand[1]!.split(/\s+/).at(-1)).toBe(byType[1]!.split(/\s+/).at(-1));
    // The cost at the release's England unit costs (the pane's CIC.UNITCOST), rising 3% a year.
    expect(r.out).toMatch(
      /costs rising 3% on each anniversary of the start\nWeekly unit costs \(England, the release's CIC\.UNITCOST\): Fostering £\d+; Residential £\d+; Supported no unit cost/,
    );
    const cost = r.out
      .split(/Weekly unit costs[^\n]*\n/)[1]!
      .trimEnd()
      .split('\n');
    expect(cost[0]!.split(/\s{2,}/)).toEqual(['Financial year', 'Fostering', 'Residential', 'Supported', 'Other', 'Total']);
    expect(cost).toHaveLength(3);
    expect(Number(cost[1]!.split(/\s+/).at(-1))).toBeGreaterThan(1e6);
    // Without --inflation, no cost; an inflation typed as a whole number is refused, one line.
    expect((await run(['demand', ...files])).out).not.toMatch(/Cost \(£\)/);
    const whole = await run(['demand', ...files, '--inflation', '3']);
    expect(whole.code).toBe(1);
    expect(whole.err).toMatch(/^cic demand: --inflation 3 looks like a percentage typed without its % sign[^\n]*\n$/);
  });

  it('--from takes a date as written: "1 October 2022"', async () => {
    const files = ['--header', join(dir, 'header.csv'), '--episodes', join(dir, 'episodes.csv')];
    const r = await run(['demand', ...files, '--from', '1 October 2022', '--to', '31 Mar 2023']);
    expect(r.out).toMatch(/Reference window 2022-10-01 to 2023-03-31 \(182 days\)/);
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
