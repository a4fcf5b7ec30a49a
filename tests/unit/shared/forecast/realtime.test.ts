/**
 * Forecasts judged in real time: an earlier vintage whose last value DfE later revised is forecast from its
 * own first estimate and scored against the newest vintage's outturn; the final-data row forecasts the
 * same origin from the revised value.
 */
import { describe, expect, it } from 'vitest';
import { cicModel } from '../../../../shared/forecast/cla';
import { persistence } from '../../../../shared/forecast/models';
import { buildPanel } from '../../../../shared/forecast/panel';
import { realTimeBacktest, vintageOrigin, type VintagePanel } from '../../../../shared/forecast/realtime';
import { LAS } from '../../../fixtures/synthetic-release';

const [A, B, C] = LAS.map((l) => l.number) as [number, number, number];
const BASE = new Map([
  [A, 100],
  [B, 200],
  [C, 400],
]);
/** A panel of the given LAs (in that order) with every year at the LA's base except where `at` says otherwise. */
function panel(las: number[], last: number, at: Record<number, (b: number, la: number) => number>) {
  const years = Array.from({ length: last - 2016 + 1 }, (_, k) => 2016 + k);
  const col = (f: (b: number, la: number) => number) => las.map((la) => f(BASE.get(la)!, la));
  return buildPanel(
    {
      las,
      stock: new Map(years.map((y) => [y, col(at[y] ?? ((b) => b))])),
      starts: new Map(years.map((y) => [y, col((b) => b / 4)])),
      ceased: new Map(years.map((y) => [y, col((b) => b / 4)])),
    },
    2016,
    last,
  );
}

// Published in December 2020: 2020 first estimates below what DfE later revised them to, LAs in another order.
const FIRST: Record<number, number> = { [A]: 0.8, [B]: 1, [C]: 0.9 };
const earlier: VintagePanel = { id: 'v-2020-12', asOf: '2020-12-01', panel: panel([B, A, C], 2020, { 2020: (b, la) => b * FIRST[la]! }) };
// Published a year later: 2020 revised to the base, 2021's outturn 10% above it.
const newer: VintagePanel = { id: 'v-2021-12', asOf: '2021-12-01', panel: panel([A, B, C], 2021, { 2021: (b) => b * 1.1 }) };
const opt = { cic: cicModel, persistence, horizons: 2, level: 0.8, minChildren: 20 };

describe('realTimeBacktest', () => {
  const cells = realTimeBacktest([newer, earlier], opt);
  const cell = (basis: string) => cells.find((c) => c.vintage === 'v-2020-12' && c.basis === basis && c.h === 1)!;

  it("the origin is the vintage's last published year; only target years the newest vintage publishes are scored", () => {
    expect(vintageOrigin(earlier.panel)).toBe(2020);
    expect(cells.map((c) => `${c.vintage} ${c.origin} h${c.h} ${c.basis}`)).toEqual(['v-2020-12 2020 h1 real-time', 'v-2020-12 2020 h1 final']);
  });

  it('real time forecasts from the first estimate and scores against the newest outturn, matching LAs by number', () => {
    // Persistence from 80, 200, 360 against 110, 220, 440: errors 27.3%, 9.1%, 18.2%.
    expect(cell('real-time').persistenceMedianApe).toBeCloseTo((80 / 440) * 100, 9);
    expect(cell('real-time').n).toBe(3);
    expect(cell('real-time').revised).toBe(2); // A and C; B's first estimate stood
  });

  it('the final-data row forecasts the same origin from the revised value', () => {
    expect(cell('final').persistenceMedianApe).toBeCloseTo((1 - 1 / 1.1) * 100, 9);
    expect(cell('final').n).toBe(3);
  });
});
