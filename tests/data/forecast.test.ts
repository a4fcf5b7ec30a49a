/**
 * The children-looked-after forecast on the committed default release (real LAIT data, every LA,
 * 2016–2025): a release cut at a year gives exactly the forecast the full release gives from that year;
 * the backtest is recomputed and docs/method.md's candidate table, coverage range and claims are checked
 * against it, so the docs cannot drift from what the model scores.
 */
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { readReleaseFile } from '../../node/release-file';
import { backtestCommand, backtestTable, BACKTEST_METHODS, runBacktest } from '../../cli/backtest';
import { backtest, type BacktestCell } from '../../shared/forecast/backtest';
import { cicModel } from '../../shared/forecast/cla';
import { persistence } from '../../shared/forecast/models';
import { buildPanel, cutPanel, neighbourGroups, type ClaPanel } from '../../shared/forecast/panel';
import { clearForecastCache } from '../../shared/formulas/forecast-cla';
import { functionById } from '../../shared/formulas/index';
import { invoke } from '../../shared/formulas/invoke';
import { ReleaseIndex } from '../../shared/release/release-index';
import type { Release } from '../../shared/release/schema';

const full = readReleaseFile();

/** The panel straight from the release's arrays (not through readClaPanel), LAs in number order. */
function panelOf(r: Release): ClaPanel {
  const rows = r.las.map((l, i) => [l.number, i] as const).filter(([n]) => n < 970).sort((a, b) => a[0] - b[0]);
  const col = (key: string) => new Map(Object.entries(r.values[key]!).filter(([y]) => /^\d{4}$/.test(y)).map(([y, v]) => [Number(y), rows.map(([, i]) => v[i] ?? null)]));
  const years = [...col('LACnum').keys()];
  const cols = { las: rows.map(([n]) => n), stock: col('LACnum'), starts: col('LACnum_Start'), ceased: col('LACceased'), population: col('ONS_Pop0to17'), neighbours: neighbourGroups(new ReleaseIndex(r).catalog()) };
  return buildPanel(cols, Math.min(...years), Math.max(...years));
}

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

/** The candidates table docs/method.md reports: method → [× persistence at h = 1, 2, 3, lowest cover, highest cover]. */
function documented(): Map<string, number[]> {
  const md = readFileSync(new URL('../../docs/method.md', import.meta.url), 'utf8');
  const rows = new Map<string, number[]>();
  const table = md.slice(md.indexOf('| method | median h=1 |'));
  for (const line of table.split('\n').slice(2)) {
    if (!line.startsWith('|')) break;
    const c = line.split('|').map((x) => x.trim());
    const cover = /^([\d.]+)%–([\d.]+)%$/.exec(c[8]!);
    rows.set(c[1]!, [Number(c[5]), Number(c[6]), Number(c[7]), cover ? Number(cover[1]) : NaN, cover ? Number(cover[2]) : NaN]);
  }
  return rows;
}

describe('held-out origins 2019–2024 (`cic backtest`), LAs with ≥ 20 children looked after at the origin', () => {
  let cells: BacktestCell[] = [];
  beforeAll(async () => {
    cells = await runBacktest(new ReleaseIndex(full), { origins: null, horizons: 3, level: 0.8, minChildren: 20, json: false });
  });
  const pooled = (method: string, h: number) => cells.find((c) => c.method === method && c.origin === 'all' && c.h === h)!;
  const ratio = (method: string, h: number) => pooled(method, h).medianApe / pooled('persistence', h).medianApe;

  it('docs/method.md reports every candidate as recomputed: error ratio to persistence ± 0.002, coverage range ± 0.05 points', () => {
    const docs = documented();
    expect([...docs.keys()]).toEqual(BACKTEST_METHODS.map((m) => m.name));
    for (const m of BACKTEST_METHODS) {
      const d = docs.get(m.name)!;
      for (const h of [1, 2, 3]) expect(Math.abs(ratio(m.name, h) - d[h - 1]!)).toBeLessThanOrEqual(0.002);
      const cover = cells.filter((c) => c.method === m.name && c.origin !== 'all' && Number.isFinite(c.coverage)).map((c) => c.coverage * 100);
      expect(Math.abs(Math.min(...cover) - d[3]!)).toBeLessThanOrEqual(0.05);
      expect(Math.abs(Math.max(...cover) - d[4]!)).toBeLessThanOrEqual(0.05);
    }
  });

  it.each([1, 2, 3])('horizon %i: the CIC model beats persistence and compound growth pooled; n > 500', (h) => {
    expect(pooled('cic', h).n).toBeGreaterThan(500);
    expect(ratio('cic', h)).toBeLessThan(1);
    expect(pooled('cic', h).medianApe).toBeLessThan(pooled('growth3', h).medianApe);
  });

  it('as docs/method.md says, no candidate reaches 0.9× persistence at all three horizons', () => {
    for (const m of BACKTEST_METHODS) expect(Math.max(ratio(m.name, 1), ratio(m.name, 2), ratio(m.name, 3))).toBeGreaterThan(0.9);
  });

  it("matches the issue's measured baselines: persistence ≈ 4% one year ahead, 7–9% three; compound growth 5–6% and 11–14%", () => {
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

it("over the issue's origins 2019–2023 the CIC model scores what docs/method.md says (± 0.002)", async () => {
  const cells = await runBacktest(new ReleaseIndex(full), { origins: [2019, 2020, 2021, 2022, 2023], horizons: 3, level: 0.8, minChildren: 20, json: false });
  const md = readFileSync(new URL('../../docs/method.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
  const said = /the CIC model scores ([\d.]+)×, ([\d.]+)× and ([\d.]+)× persistence and beats it in (\d+) of (\d+)/.exec(md)!;
  const at = (m: string, h: number) => cells.find((c) => c.method === m && c.origin === 'all' && c.h === h)!.medianApe;
  for (const h of [1, 2, 3]) expect(Math.abs(at('cic', h) / at('persistence', h) - Number(said[h]))).toBeLessThanOrEqual(0.002);
  const own = cells.filter((c) => c.method === 'cic' && c.origin !== 'all');
  const beats = own.filter((c) => c.medianApe < cells.find((p) => p.method === 'persistence' && p.origin === c.origin && p.h === c.h)!.medianApe);
  expect([beats.length, own.length]).toEqual([Number(said[4]), Number(said[5])]);
});

describe('the CIC model alone, every origin with a calibrated interval (2018–2024)', () => {
  let cells: BacktestCell[] = [];
  beforeAll(() => {
    const methods = [
      { name: 'cic', model: cicModel },
      { name: 'persistence', model: persistence },
    ];
    cells = backtest(panelOf(full), { methods, origins: [2018, 2019, 2020, 2021, 2022, 2023, 2024], horizons: 3, level: 0.8, minChildren: 20 });
  });

  it('its 80% interval covers 72–88% of outcomes at every single origin and horizon, the range docs/method.md gives', () => {
    const own = cells.filter((c) => c.method === 'cic' && c.origin !== 'all');
    expect(own.length).toBe(3 + 3 + 3 + 3 + 3 + 2 + 1);
    for (const c of own) {
      expect(c.n, `${c.origin}/${c.h}`).toBeGreaterThan(140);
      expect(c.coverage, `${c.origin}/${c.h}`).toBeGreaterThanOrEqual(0.72);
      expect(c.coverage, `${c.origin}/${c.h}`).toBeLessThanOrEqual(0.88);
    }
    const md = readFileSync(new URL('../../docs/method.md', import.meta.url), 'utf8');
    const [, lo, hi] = /and ([\d.]+)%–([\d.]+)% from 2018/.exec(md)!;
    const cover = own.map((c) => c.coverage * 100);
    expect(Math.min(...cover)).toBeCloseTo(Number(lo), 1);
    expect(Math.max(...cover)).toBeCloseTo(Number(hi), 1);
  });

  it('CLAFORECAST gives the model on the release panel itself, which is not persistence for most LAs', async () => {
    clearForecastCache();
    const src = new ReleaseIndex(full);
    const p = cutPanel(panelOf(full), 2024);
    const f = cicModel(p);
    let moved = 0;
    for (const [row, la] of p.las.entries()) {
      const out = await invoke(functionById('CLAFORECAST')!, src, [la, 3, 2024, 0.8]);
      if (!Array.isArray(out)) continue;
      const want = f(row, 3)!;
      expect((out as number[][]).slice(1).map((r) => r[1])).toEqual(want);
      if (Math.abs(want[0]! - p.stock[row]![p.years.length - 1]!) > 0.5) moved++;
    }
    expect(moved).toBeGreaterThan(100);
  });
});

describe('cic backtest --origins names the origins it cannot score, and why', () => {
  const run = async (args: string[]) => {
    const out = new PassThrough();
    const err = new PassThrough();
    let text = '';
    let errText = '';
    out.on('data', (b: Buffer) => (text += b.toString()));
    err.on('data', (b: Buffer) => (errText += b.toString()));
    const code = await backtestCommand(args, new ReleaseIndex(full), out, err);
    return { code, text, errText };
  };

  it('none scorable: one error naming each origin and its reason, no empty table', async () => {
    await expect(run(['--origins', '2017,2025,2010'])).rejects.toThrow(
      "no origin asked for can be scored: 2017: growth3, damped0.5, stockflow, stockflow×0.3, blend cannot forecast from it (too few years before it: the counts start at 2016); methods are compared on the same LAs, so the first origin every method forecasts is 2019; 2025: no later year is published to score it against (the counts end at 2025); 2010: not a year of the release's children-looked-after counts (2016–2025)",
    );
  });

  it('some scorable: their table, then the others named', async () => {
    const r = await run(['--origins', '2018-2019', '--horizons', '1']);
    expect(r.code).toBe(0);
    expect(r.text).toMatch(/\| 2019 \| 1 \| 147 \|/);
    expect(r.text).not.toMatch(/\| 2018 \|/);
    expect(r.text).toMatch(/\nNot scored: 2018: growth3, damped0\.5, stockflow, stockflow×0\.3, blend cannot forecast from it .* the first origin every method forecasts is 2019\n/);
    const json = await run(['--origins', '2018-2019', '--horizons', '1', '--json']);
    expect(JSON.parse(json.text).length).toBeGreaterThan(0);
    expect(json.errText).toMatch(/^not scored: 2018: /);
  });
});
