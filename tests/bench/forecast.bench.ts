/**
 * Forecast benchmarks on the committed default release:
 *  - the backtest itself: for every held-out origin and horizon, the CIC model's median and mean absolute
 *    % error and 80% coverage, with persistence as the baseline and compound growth in the note;
 *  - a sheet of CIC.CLAFORECAST cells (every LA, one origin): cached per (release, from_year), against
 *    the same cells each rebuilding the origin (the cost the cache saves).
 */
import { readReleaseFile } from '../../node/release-file';
import { runBacktest } from '../../cli/backtest';
import { clearForecastCache } from '../../shared/formulas/forecast-cla';
import { functionById } from '../../shared/formulas/index';
import { invoke } from '../../shared/formulas/invoke';
import { ReleaseIndex } from '../../shared/release/release-index';
import { timeMedian, type BenchRow } from './stats';

const r2 = (x: number) => Math.round(x * 100) / 100;

export async function benchForecast(): Promise<BenchRow[]> {
  const index = new ReleaseIndex(readReleaseFile());
  const rows: BenchRow[] = [];
  const cells = await runBacktest(index, { origins: null, horizons: 3, level: 0.8, minChildren: 20, json: false });
  const get = (m: string, o: number | 'all', h: number) => cells.find((c) => c.method === m && c.origin === o && c.h === h);
  for (const c of cells.filter((x) => x.method === 'cic')) {
    const p = get('persistence', c.origin, c.h)!;
    const g = get('growth3', c.origin, c.h)!;
    const where = `origin ${c.origin}, h=${c.h}`;
    rows.push({
      section: 'forecast',
      metric: `median abs % error, ${where} (n=${c.n})`,
      value: r2(c.medianApe),
      unit: '%',
      baseline: { label: 'persistence', value: r2(p.medianApe) },
      ratio: c.medianApe - p.medianApe,
      ratioMeaning: 'points vs persistence',
      goal:
        c.origin === 'all'
          ? `≤ persistence + 0.25 and < growth3: ${c.medianApe <= p.medianApe + 0.25 && c.medianApe < g.medianApe ? 'met' : 'missed'}`
          : undefined,
      note: `mean ${r2(c.meanApe)} (persistence ${r2(p.meanApe)}); growth3 median ${r2(g.medianApe)}, mean ${r2(g.meanApe)}`,
    });
    rows.push({
      section: 'forecast',
      metric: `80% interval coverage, ${where}`,
      value: r2(c.coverage * 100),
      unit: '%',
      baseline: { label: 'persistence, same calibration', value: r2(p.coverage * 100) },
      goal: c.origin === 'all' ? `72–88%: ${c.coverage >= 0.72 && c.coverage <= 0.88 ? 'met' : 'missed'}` : undefined,
      note: `±2√ŷ band ${r2((c.band2sigma ?? NaN) * 100)}%; growth3 ${Number.isFinite(g.coverage) ? `${r2(g.coverage * 100)}%` : 'not calibratable yet'}`,
    });
  }

  const las = index
    .catalog()
    .las.filter((l) => l.number < 970)
    .map((l) => l.number);
  const fn = functionById('CLAFORECAST')!;
  const sheet = async () => {
    for (const la of las) await invoke(fn, index, [la, 3, 2024, 0.8]);
  };
  const cachedMs = await timeMedian(async () => {
    clearForecastCache();
    await sheet();
  });
  const uncachedMs = await timeMedian(async () => {
    for (const la of las) {
      clearForecastCache();
      await invoke(fn, index, [la, 3, 2024, 0.8]);
    }
  }, 3);
  rows.push({
    section: 'forecast',
    metric: `sheet of ${las.length} CLAFORECAST cells from 2024 (first cell builds the origin)`,
    value: Math.round(cachedMs * 10) / 10,
    unit: 'ms',
    baseline: { label: 'same cells, origin rebuilt per cell', value: Math.round(uncachedMs) },
    ratio: uncachedMs / cachedMs,
    ratioMeaning: '× faster with the cache',
    goal: `sheet < 250 ms: ${cachedMs < 250 ? 'met' : 'missed'}`,
  });
  return rows;
}
