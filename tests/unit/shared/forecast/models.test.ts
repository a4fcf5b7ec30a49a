/**
 * The point models on a hand-made panel, each figure worked by hand (and by a second form of the formula
 * where one exists).
 */
import { describe, expect, it } from 'vitest';
import {
  blend,
  compoundGrowth3,
  dampedTrend,
  nationalGrowth,
  nationalTrend,
  orPersistence,
  persistence,
  shrunk,
  stockFlow,
  type PointModel,
} from '../../../../shared/forecast/models';
import { buildPanel, cutPanel, type ClaPanel } from '../../../../shared/forecast/panel';

// LA 0: 100 → 110 → 121 → 133.1 (+10% a year); LA 1: 200 flat with a suppressed 2018; LA 2 starts in 2018.
const panel: ClaPanel = buildPanel(
  {
    las: [101, 102, 103],
    stock: new Map([
      [2016, [100, 200, null]],
      [2017, [110, 200, null]],
      [2018, [121, null, 50]],
      [2019, [133.1, 200, 55]],
    ]),
    starts: new Map([
      [2016, [40, 60, null]],
      [2017, [50, 60, null]],
      [2018, [60, 60, 20]],
      [2019, [70, 60, 25]],
    ]),
    ceased: new Map([
      [2016, [30, 60, null]],
      [2017, [40, 60, null]],
      [2018, [49, 60, 10]],
      [2019, [57.9, 60, 20]],
    ]),
  },
  2016,
  2019,
);
const T = 3; // origin 2019
/** Model `m` run from `year` (handed the panel cut there), forecasting LA `la` H years ahead. */
const run = (m: PointModel, la: number, H: number, year = 2019) => m(cutPanel(panel, year))(la, H);

describe('point models', () => {
  it('persistence repeats the last stock; null where it is unpublished', () => {
    expect(run(persistence, 0, 3)).toEqual([133.1, 133.1, 133.1]);
    expect(run(persistence, 1, 2, 2018)).toBeNull();
  });

  it('compound growth of the last three years: 133.1 / 100 = 1.1³, so ×1.1 a year', () => {
    const f = run(compoundGrowth3, 0, 3)!;
    [146.41, 161.051, 177.1561].forEach((v, i) => expect(f[i]).toBeCloseTo(v, 9));
    expect(run(compoundGrowth3, 2, 1)).toBeNull(); // no 2016 value
  });

  it('damped trend: log growth ln 1.1 damped by φ: h=1 ×1.1^φ, h=2 ×1.1^(φ+φ²)', () => {
    const f = run(dampedTrend(0.5), 0, 2)!;
    expect(f[0]).toBeCloseTo(133.1 * Math.pow(1.1, 0.5), 9);
    expect(f[1]).toBeCloseTo(133.1 * Math.pow(1.1, 0.75), 9);
    // φ = 1 is compound growth itself
    expect(run(dampedTrend(1), 0, 3)![2]).toBeCloseTo(run(compoundGrowth3, 0, 3)![2]!, 9);
  });

  it('stock-flow: S = mean starts, e = mean ceased ÷ (previous stock + starts), y ← (y + S)(1 − e)', () => {
    // 2017: 40/(100+50) ; 2018: 49/(110+60) ; 2019: 57.9/(121+70)
    const S = (50 + 60 + 70) / 3;
    const e = (40 / 150 + 49 / 170 + 57.9 / 191) / 3;
    const y1 = (133.1 + S) * (1 - e);
    const y2 = (y1 + S) * (1 - e);
    const f = run(stockFlow(3), 0, 2)!;
    expect(f[0]).toBeCloseTo(y1, 9);
    expect(f[1]).toBeCloseTo(y2, 9);
    expect(run(stockFlow(3), 1, 1)).toBeNull(); // 2018 stock suppressed
  });

  it('national growth sums only LAs published in both years of each pair', () => {
    // 2018→2019: LAs 0 and 2 (LA 1 missing in 2018): (133.1 + 55) / (121 + 50)
    expect(nationalGrowth(panel, T, 1)).toBeCloseTo(Math.log(188.1 / 171), 12);
    // 2017→2018: LA 0 only (LA 1 missing 2018, LA 2 missing 2017)
    expect(nationalGrowth(panel, 2, 1)).toBeCloseTo(Math.log(1.1), 12);
    expect(nationalGrowth(panel, T, 2)).toBeCloseTo((Math.log(188.1 / 171) + Math.log(1.1)) / 2, 12);
    expect(nationalGrowth(panel, 0, 1)).toBeNull();
    const g = Math.log(188.1 / 171);
    expect(run(nationalTrend(0.4), 1, 2)).toEqual([200 * Math.exp(g * 0.4), 200 * Math.exp(g * (0.4 + 0.16))]);
  });

  it('shrinkage and blends are geometric: w = 0 is persistence, w = 1 the model', () => {
    expect(run(shrunk(compoundGrowth3, 0), 0, 2)).toEqual([133.1, 133.1]);
    expect(run(shrunk(compoundGrowth3, 0.5), 0, 1)![0]).toBeCloseTo(133.1 * Math.sqrt(1.1), 9);
    expect(
      run(
        blend([
          [persistence, 0.5],
          [compoundGrowth3, 0.5],
        ]),
        0,
        1,
      )![0],
    ).toBeCloseTo(Math.sqrt(133.1 * 146.41), 9);
  });

  it('orPersistence falls back where the model lacks history', () => {
    expect(run(orPersistence(compoundGrowth3), 2, 2)).toEqual([55, 55]);
  });

  it('a panel cut at a year holds no later year in any series, as fresh arrays', () => {
    const cut = cutPanel(panel, 2018);
    expect(cut.years).toEqual([2016, 2017, 2018]);
    for (const g of [cut.stock, cut.starts, cut.ceased]) for (const row of g) expect(row.length).toBe(3);
    expect(cut.stock[0]).not.toBe(panel.stock[0]);
    expect(() => cutPanel(panel, 2030)).toThrow(/not in the panel/);
  });
});
