/**
 * The backtest scorer on panels whose errors are known in closed form, and `cic backtest`'s arguments.
 */
import { describe, expect, it } from 'vitest';
import { BACKTEST_METHODS, parseBacktestArgs } from '../../../../cli/backtest';
import { backtest, cutPanel, unscorableReason } from '../../../../shared/forecast/backtest';
import { compoundGrowth3, nationalTrend, orPersistence, persistence, type PointModel } from '../../../../shared/forecast/models';
import { buildPanel, type ClaPanel } from '../../../../shared/forecast/panel';

const YEARS = [2016, 2017, 2018, 2019, 2020, 2021, 2022];
/** Every LA grows 10% a year; flows chosen so the stock-flow has history too. */
const growing = buildPanel(
  {
    las: [1, 2, 3, 4],
    stock: new Map(YEARS.map((y, t) => [y, [100, 250, 400, 40].map((b) => b * Math.pow(1.1, t))])),
    starts: new Map(YEARS.map((y) => [y, [50, 120, 200, 20]])),
    ceased: new Map(YEARS.map((y) => [y, [40, 100, 160, 15]])),
  },
  2016,
  2022,
);
const methods = [
  { name: 'cic', model: orPersistence(nationalTrend(0.4)) },
  { name: 'persistence', model: persistence },
  { name: 'growth3', model: compoundGrowth3 },
];

describe('backtest', () => {
  const cells = backtest(growing, { methods, origins: [2019, 2020, 2021], horizons: 2, level: 0.8, minChildren: 20 });
  const cell = (m: string, o: number | 'all', h: number) => cells.find((c) => c.method === m && c.origin === o && c.h === h)!;

  it('persistence misses steady 10% growth by 1 − 1/1.1ʰ; compound growth not at all', () => {
    expect(cell('persistence', 2019, 1).medianApe).toBeCloseTo((1 - 1 / 1.1) * 100, 9);
    expect(cell('persistence', 'all', 2).meanApe).toBeCloseTo((1 - 1 / 1.21) * 100, 9);
    expect(cell('growth3', 'all', 1).medianApe).toBeCloseTo(0, 9);
  });

  it("England's growth damped by 0.4 takes 0.4 of it at h = 1 at h = 1 and 0.56 at h = 2: errors 1 − 1.1^(0.4−1), 1 − 1.1^(0.56−2)", () => {
    expect(cell('cic', 2020, 1).medianApe).toBeCloseTo((1 - Math.pow(1.1, -0.6)) * 100, 9);
    expect(cell('cic', 2020, 2).medianApe).toBeCloseTo((1 - Math.pow(1.1, 0.56 - 2)) * 100, 9);
  });

  it('a row per origin × horizon with an outcome, then the pooled rows; n counts the LAs scored', () => {
    expect(cells.filter((c) => c.method === 'cic').map((c) => `${c.origin}/${c.h}`)).toEqual([
      '2019/1',
      '2019/2',
      '2020/1',
      '2020/2',
      '2021/1',
      'all/1',
      'all/2',
    ]);
    expect(cell('cic', 2019, 1).n).toBe(4);
    expect(cell('cic', 'all', 1).n).toBe(12);
  });

  it('steady growth: the earlier errors bracket the next one (persistence errs ln 1.1ʰ every year), so every outcome is inside', () => {
    expect(cell('cic', 'all', 1).coverage).toBe(1);
    expect(cell('persistence', 'all', 2).coverage).toBe(1);
  });

  it('minChildren leaves small LAs out', () => {
    const big = backtest(growing, { methods, origins: [2019], horizons: 1, level: 0.8, minChildren: 60 });
    expect(big.find((c) => c.method === 'cic' && c.origin === 2019)!.n).toBe(3);
  });

  it('cutPanel keeps the years up to the cut only', () => {
    const cut = cutPanel(growing, 2018);
    expect(cut.years).toEqual([2016, 2017, 2018]);
    expect(cut.stock[0]!.length).toBe(3);
    expect(() => cutPanel(growing, 2030)).toThrow(/not in the panel/);
  });
});

describe('no model sees what it is scored on', () => {
  // A model that would read the year after its origin if the harness handed it one: perfect if it could peek.
  const seen: number[][] = [];
  const peeking: PointModel = (p: ClaPanel) => {
    seen.push([p.years.at(-1)!, ...p.stock.map((r) => r.length)]);
    const t = p.years.length - 1;
    return (la, H) => Array.from({ length: H }, (_, k) => p.stock[la]![t + 1 + k] ?? p.stock[la]![t]!);
  };
  const cells = backtest(growing, {
    methods: [
      { name: 'peeking', model: peeking },
      { name: 'persistence', model: persistence },
    ],
    origins: [2019, 2020, 2021],
    horizons: 2,
    level: 0.8,
    minChildren: 20,
  });

  it('every panel a model is handed ends at an origin no later than the one forecast, with no longer row', () => {
    expect(seen.length).toBeGreaterThan(3);
    for (const [end, ...lengths] of seen) for (const n of lengths) expect(n).toBe(end! - 2016 + 1);
    expect(Math.max(...seen.map((s) => s[0]!))).toBe(2021);
  });

  it('so the peeking model scores exactly as persistence, not 0', () => {
    for (const o of [2019, 2020, 'all'] as const)
      for (const h of [1, 2]) {
        const a = cells.find((c) => c.method === 'peeking' && c.origin === o && c.h === h)!;
        const b = cells.find((c) => c.method === 'persistence' && c.origin === o && c.h === h)!;
        expect(a.medianApe).toBeGreaterThan(5);
        expect(a.medianApe).toBe(b.medianApe);
        expect(a.coverage).toBe(b.coverage);
      }
  });
});

describe('origins that cannot be scored say why', () => {
  const opt = { methods, horizons: 2, minChildren: 20 };
  it('a year outside the panel, the last year, a year before compound growth has history', () => {
    expect(unscorableReason(growing, 2010, opt)).toBe("not a year of the release's children-looked-after counts (2016–2022)");
    expect(unscorableReason(growing, 2022, opt)).toBe('no later year is published to score it against (the counts end at 2022)');
    expect(unscorableReason(growing, 2017, opt)).toBe(
      'growth3 cannot forecast from it (too few years before it: the counts start at 2016); methods are compared on the same LAs, so the first origin every method forecasts is 2019',
    );
    expect(unscorableReason(growing, 2019, opt)).toBeNull();
    expect(unscorableReason(growing, 2019, { ...opt, minChildren: 5000 })).toBe('no LA has 5000 or more children looked after at 2019');
  });
});

describe('cic backtest arguments', () => {
  it('defaults, a range, a list', () => {
    expect(parseBacktestArgs([])).toEqual({ origins: null, horizons: 3, level: 0.8, minChildren: 20, json: false });
    expect(parseBacktestArgs(['--origins', '2019-2021', '--level', '0.9', '--json']).origins).toEqual([2019, 2020, 2021]);
    expect(parseBacktestArgs(['--origins', '2019,2023']).origins).toEqual([2019, 2023]);
  });
  it.each([[['--origins', 'soon']], [['--horizons', '0']], [['--level', '2']], [['--what']], [['--min']]])('rejects %j', (args) => {
    expect(() => parseBacktestArgs(args)).toThrow();
  });
  it('compares the CIC model first, then persistence and compound growth', () => {
    expect(BACKTEST_METHODS.slice(0, 3).map((m) => m.name)).toEqual(['cic', 'persistence', 'growth3']);
  });
});
