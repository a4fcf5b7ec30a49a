/** Scenario rates: × and + on chosen rates, renormalised as D2I does when outflows would pass 1. */
import { describe, expect, it } from 'vitest';
import { applyScenario } from '../../../../shared/demand/scenario';
import { validateModel, type DemandModel } from '../../../../shared/demand/model';

const base: DemandModel = {
  states: ['A', 'B'],
  stock: [10, 10],
  transitions: [
    [0, 0.2],
    [0.1, 0],
  ],
  exits: [0.3, 0.1],
  entrants: [1, 2],
};

describe('applyScenario', () => {
  it('no change is the identity', () => {
    expect(applyScenario(base, {})).toEqual(base);
  });
  it('scales and adds; entrants are numbers, never renormalised', () => {
    const s = applyScenario(base, { transitions: [[undefined, { scale: 2 }]], entrants: [{ add: 0.5 }, { scale: 3 }] });
    expect(s.transitions[0]![1]).toBeCloseTo(0.4, 12);
    expect(s.exits[0]).toBeCloseTo(0.3, 12);
    expect(s.entrants).toEqual([1.5, 6]);
  });
  it('changed rates keep their values and the unchanged ones share what is left (0.2·4 = 0.8 leaves 0.2 for exits 0.3)', () => {
    const s = applyScenario(base, { transitions: [[undefined, { scale: 4 }]] });
    expect(s.transitions[0]![1]).toBeCloseTo(0.8, 12);
    expect(s.exits[0]).toBeCloseTo(0.2, 12);
    validateModel(s);
  });
  it('changed rates that alone pass 1 are scaled to 1 together, the rest to 0', () => {
    const s = applyScenario(base, { transitions: [[undefined, { add: 0.9 }]], exits: [{ scale: 2 }] });
    // 1.1 and 0.6 → 1.1/1.7 and 0.6/1.7.
    expect(s.transitions[0]![1]).toBeCloseTo(1.1 / 1.7, 12);
    expect(s.exits[0]).toBeCloseTo(0.6 / 1.7, 12);
    expect(s.transitions[1]).toEqual([0.1, 0]);
  });
  it('a negative add floors the rate at 0', () => {
    expect(applyScenario(base, { exits: [{ add: -1 }] }).exits[0]).toBe(0);
  });
});
