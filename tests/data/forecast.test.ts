/**
 * The children-looked-after forecast on the committed default release (real LAIT data, every LA,
 * 2016–2025): a release cut at a year gives exactly the forecast the full release gives from that year,
 * and on held-out origins the model meets the bar it was chosen against.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readReleaseFile } from '../../node/release-file';
import { backtestTable, BACKTEST_METHODS, runBacktest } from '../../cli/backtest';
import type { BacktestCell } from '../../shared/forecast/backtest';
import { clearForecastCache } from '../../shared/formulas/forecast-cla';
import { functionById } from '../../shared/formulas/index';
import { invoke } from '../../shared/formulas/invoke';
import { ReleaseIndex } from '../../shared/release/release-index';
import type { Release } from '../../shared/release/schema';

const full = readReleaseFile();

/** Year a label's period ends in: "2021" → 2021, "2020-21 (OT)" → 2021. */
const endYear = (label: string): number => {
  const m = /^(\d{4})(?:[-/](\d{2}))?/.exec(label);
  if (!m) return Infinity;
  return m[2] !== undefined ? Number(m[1]) + 1 : Number(m[1]);
};

/** What an import of the data as published by `year` would hold: later years gone, LAs in another order. */
function cutRelease(r: Release, year: number): Release {
  const order = r.las.map((_, i) => i).reverse();
  const values: Release['values'] = {};
  const indicators = r.indicators
    .map((ind) => ({ ...ind, years: ind.years.filter((y) => endYear(y) <= year) }))
    .filter((ind) => ind.years.length > 0);
  for (const ind of indicators) {
    values[ind.key] = Object.fromEntries(ind.years.map((y) => [y, order.map((i) => r.values[ind.key]![y]![i] ?? null)]));
  }
  return { ...r, id: `cut-${year}`, contentHash: String(year).padStart(64, '0'), las: order.map((i) => r.las[i]!), indicators, values };
}

describe('a release cut at a year gives the same forecast as the full release', () => {
  const fullSrc = new ReleaseIndex(full);
  const las = full.las.filter((l) => l.number < 970).map((l) => l.number);
  it.each([2018, 2020, 2022, 2024])('from %i, for every LA: CLAFORECAST and COSTFORECAST identical to the last bit', async (year) => {
    clearForecastCache();
    const cutSrc = new ReleaseIndex(cutRelease(full, year));
    expect(cutSrc.catalog().indicator('LACnum').years.at(-1)).toBe(String(year));
    let compared = 0;
    for (const la of las) {
      for (const [id, args] of [['CLAFORECAST', [la, 3, year, 0.8]], ['COSTFORECAST', [la, 3, year, 0.03, 0.9, 'detail']]] as const) {
        const a = await invoke(functionById(id)!, fullSrc, [...args]);
        const b = await invoke(functionById(id)!, cutSrc, [...args]);
        expect(b).toEqual(a);
        if (Array.isArray(a)) compared++;
      }
    }
    expect(compared).toBeGreaterThan(250);
  });
});

describe('held-out origins 2019–2024, LAs with ≥ 20 children looked after at the origin', () => {
  let cells: BacktestCell[] = [];
  beforeAll(async () => {
    cells = await runBacktest(new ReleaseIndex(full), { origins: [2019, 2020, 2021, 2022, 2023, 2024], horizons: 3, level: 0.8, minChildren: 20, json: false });
  });
  const pooled = (method: string, h: number) => cells.find((c) => c.method === method && c.origin === 'all' && c.h === h)!;

  it.each([1, 2, 3])('horizon %i: median abs %% error ≤ persistence + 0.25 and < compound growth; 80%% interval covers 72–88%%', (h) => {
    const cic = pooled('cic', h);
    expect(cic.n).toBeGreaterThan(500);
    expect(cic.medianApe).toBeLessThanOrEqual(pooled('persistence', h).medianApe + 0.25);
    expect(cic.medianApe).toBeLessThan(pooled('growth3', h).medianApe);
    expect(cic.coverage).toBeGreaterThanOrEqual(0.72);
    expect(cic.coverage).toBeLessThanOrEqual(0.88);
  });

  it('matches the issue\'s measured baselines: persistence ≈ 4% one year ahead, 7–9% three; compound growth 5–6% and 11–14%', () => {
    expect(pooled('persistence', 1).medianApe).toBeGreaterThan(3.5);
    expect(pooled('persistence', 1).medianApe).toBeLessThan(5);
    expect(pooled('persistence', 3).medianApe).toBeGreaterThan(7);
    expect(pooled('persistence', 3).medianApe).toBeLessThan(9.5);
    expect(pooled('growth3', 1).medianApe).toBeGreaterThan(5);
    expect(pooled('growth3', 3).medianApe).toBeGreaterThan(11);
  });

  it('the table has a row per origin × horizon with an outcome, plus the pooled rows, and every method', () => {
    const table = backtestTable(cells, 0.8).split('\n');
    expect(table.length).toBe(2 + (3 + 3 + 3 + 3 + 2 + 1) + 3);
    for (const m of BACKTEST_METHODS) expect(cells.some((c) => c.method === m.name)).toBe(true);
  });
});
