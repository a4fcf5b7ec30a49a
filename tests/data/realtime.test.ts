/**
 * The real-time backtest on two of DfE's LAIT vintages (../shared/research-data/lait-vintages): the first
 * (December 2024, origin 2024 as first published) and the newest (April 2026, the outturn for 2025). The
 * figures are the ones docs/method.md reports. Skips when that folder is absent.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runVintageBacktest } from '../../cli/backtest-vintages';

const VINTAGES = path.resolve(__dirname, '../../../shared/research-data/lait-vintages');
const FIRST = '2024-12-18_dd1a19a';
const NEWEST = '2026-04-08_2e30e39';
const present = existsSync(path.join(VINTAGES, FIRST)) && existsSync(path.join(VINTAGES, NEWEST));
if (!present) console.warn(`realtime: skipped because ../shared/research-data/lait-vintages is absent (${VINTAGES} not found)`);

describe.skipIf(!present)('cic backtest --vintages on DfE vintages', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'cic-realtime-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('forecasts 2025 from the first estimates of 2024 and from the revised counts; the 80% interval covers about 80% on both', async () => {
    const dir = path.join(tmp, 'vintages');
    const cache = path.join(tmp, 'cache');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    for (const v of [FIRST, NEWEST]) symlinkSync(path.join(VINTAGES, v), path.join(dir, v));
    const imported: string[] = [];
    const opt = { horizons: 3, level: 0.8, minChildren: 20 };
    const cells = await runVintageBacktest(dir, opt, (l) => imported.push(l), cache);
    expect(imported).toHaveLength(2);
    // Only the first vintage has an outturn after its origin; 2026 is not published yet.
    expect(cells.map((c) => `${c.asOf} ${c.origin} h${c.h} ${c.basis}`)).toEqual(['2024-12-18 2024 h1 real-time', '2024-12-18 2024 h1 final']);
    const [real, final] = cells as [(typeof cells)[0], (typeof cells)[0]];
    expect(real.n).toBe(151);
    expect(real.revised).toBe(73);
    expect(real.cicMedianApe.toFixed(2)).toBe('4.35');
    expect(final.cicMedianApe.toFixed(2)).toBe('4.33');
    expect((real.coverage * 100).toFixed(1)).toBe('79.5');
    expect((final.coverage * 100).toFixed(1)).toBe('80.1');
    // The second run reads the cache and imports nothing.
    const again = await runVintageBacktest(dir, opt, (l) => imported.push(l), cache);
    expect(imported).toHaveLength(2);
    expect(again).toEqual(cells);
  }, 120_000);
});
