/**
 * Issue 19 items 1–5 through `cic`'s commands (in process: the same command code the bundle runs):
 * `cic eval` evaluates as a cell does, `cic table --year/--la` reads years and LA names by the same rules.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { evalCommand } from '../../../cli/eval';
import { tableCommand } from '../../../cli/table';
import { readReleaseFile } from '../../../node/release-file';
import { ReleaseIndex } from '../../../shared/release/release-index';

const src = new ReleaseIndex(readReleaseFile());
async function run(command: (out: NodeJS.WritableStream) => Promise<number>): Promise<string[]> {
  const out = new PassThrough();
  let text = '';
  out.on('data', (b: Buffer) => (text += b.toString()));
  expect(await command(out)).toBe(0);
  return text.trimEnd().split('\n');
}

describe('cic, typed the Excel way', () => {
  test('eval: percentages, rates, years, LAs and indicators', async () => {
    const lines = await run((out) =>
      evalCommand(
        [
          '=CIC.BAND("ReReferral", 0.223)',
          '=CIC.FORECAST({"Res"}, {2}, {4000}, "2025/26", 2, 5)',
          '=CIC.VALUE("LAC", "Cumbria", 2025)',
          '=CIC.INDICATORS("re-referrals")',
        ],
        src,
        out,
      ),
    );
    expect(lines[0]).toMatch(/^#VALUE! value 0\.223 looks like a fraction \(0\.223 = 22\.3%\)/);
    expect(lines[1]).toMatch(/^#VALUE! growth 5 looks like a percentage typed without its % sign/);
    expect(lines[3]).toMatch(/^\[\["Key",.*?\],\["ReReferral",/);
    expect(lines[2]).toMatch(
      /^#N\/A Cumbria \(909\) no longer exists: on 1 April 2023 it was replaced by Cumberland \(942\) and Westmorland and Furness \(943\)/,
    );
    const pairs = await run((out) =>
      evalCommand(
        ['=CIC.BAND("ReReferral", "25.5%")', '=CIC.BAND("ReReferral", 25.5)', '=CIC.VALUE("LAC", 855, "2024/25")', '=CIC.VALUE("LAC", "Leics", 2025)'],
        src,
        out,
      ),
    );
    expect(pairs[0]).toBe(pairs[1]);
    expect(pairs[2]).toBe(pairs[3]);
    expect(pairs[2]).toMatch(/^\d/);
  });

  test('table: --year in any spelling and --la by an everyday name', async () => {
    const a = await run((out) => tableCommand(['ReReferral', '--year', '2024/25', '--la', 'NE Lincs', '--json'], src, out));
    const b = await run((out) => tableCommand(['ReReferral', '--year', '2025', '--la', '812', '--json'], src, out));
    expect(a).toEqual(b);
    expect(JSON.parse(a.join('\n'))).toMatchObject({ year: '2025', rows: [{ la: 812 }] });
  });
});
