/**
 * A model chosen at each origin from its candidates' errors at earlier origins only.
 */
import { describe, expect, it } from 'vitest';
import { dampedTrend, persistence } from '../../../../shared/forecast/models';
import { buildPanel, cutPanel } from '../../../../shared/forecast/panel';
import { rollingChoice, rollingPicks } from '../../../../shared/forecast/rolling';

const YEARS = [2016, 2017, 2018, 2019, 2020, 2021, 2022];
// Every LA grows 10% a year to 2020, then stays flat.
const grow = (t: number) => Math.pow(1.1, Math.min(t, 4));
const panel = buildPanel(
  {
    las: [1, 2, 3, 4],
    stock: new Map(YEARS.map((y, t) => [y, [100, 250, 400, 40].map((b) => b * grow(t))])),
    starts: new Map(),
    ceased: new Map(),
  },
  2016,
  2022,
);
const trend = dampedTrend(1, 1); // last year's growth carried on
const candidates = [persistence, trend];

describe('rolling choice', () => {
  it('with no earlier origin at a horizon it takes the first candidate', () => {
    expect(rollingPicks(cutPanel(panel, 2016), candidates, 2)).toEqual([0, 0]);
  });

  it('picks the candidate whose earlier forecasts erred least: the trend while growth held', () => {
    expect(rollingPicks(cutPanel(panel, 2020), candidates, 2)).toEqual([1, 1]);
    const cut = cutPanel(panel, 2020);
    expect(rollingChoice(candidates)(cut)(2, 2)).toEqual(trend(cut)(2, 2));
  });

  it('after the turn it weighs every earlier origin: from 2022 at h = 2 the trend erred 17%, 0, 0, 10%, 21% (median 10%), persistence 17%, 17%, 17%, 9%, 0 (median 17%)', () => {
    expect(rollingPicks(cutPanel(panel, 2022), candidates, 2)).toEqual([1, 1]);
    // With the candidates' order swapped the same model is chosen: the pick is by error, not by position.
    expect(rollingPicks(cutPanel(panel, 2022), [trend, persistence], 2)).toEqual([0, 0]);
  });
});
