/**
 * The band's variance against simulation: children moved one by one (geometric waiting times, then a
 * destination drawn by rate) and Poisson entrants, 4,000 runs of a three-state chain with moves, exits and
 * entrants. The propagated multinomial covariance must match the simulated variance of the total.
 */
import { describe, expect, it } from 'vitest';
import { projectDemand, type DemandModel } from '../../../../shared/demand/model';
import { mulberry32 } from '../../../fixtures/ssda903';

const model: DemandModel = {
  states: ['A', 'B', 'C'],
  stock: [60, 30, 10],
  transitions: [
    [0, 0.01, 0.002],
    [0.003, 0, 0.006],
    [0, 0.004, 0],
  ],
  exits: [0.002, 0.001, 0.01],
  entrants: [0.3, 0.1, 0.05],
};
const DAYS = 365; // 1 April 2025 → the end of 31 March 2026

/** In care on day DAYS for one run: each child walks from its state until it leaves care or time runs out. */
function simulate(rnd: () => number): number {
  const n = model.states.length;
  const out = model.exits.map((x, j) => x + model.transitions[j]!.reduce((s, p, k) => s + (k === j ? 0 : p), 0));
  let inCare = 0;
  const walk = (state: number, day: number) => {
    for (;;) {
      const wait = Math.max(1, Math.ceil(Math.log(1 - rnd()) / Math.log(1 - out[state]!)));
      if (day + wait > DAYS) return void inCare++;
      day += wait;
      let u = rnd() * out[state]! - model.exits[state]!;
      if (u < 0) return;
      let next = state;
      for (let k = 0; k < n; k++) {
        if (k === state) continue;
        next = k;
        if ((u -= model.transitions[state]![k]!) < 0) break;
      }
      state = next;
    }
  };
  model.stock.forEach((c, j) => {
    for (let i = 0; i < c; i++) walk(j, 0);
  });
  // Entrants arrive during day d (d = 1..DAYS) and are first at risk on day d + 1.
  for (let d = 1; d <= DAYS; d++) {
    model.entrants.forEach((lambda, j) => {
      let k = 0;
      for (let p = Math.exp(-lambda), s = p, u = rnd(); u > s; k++) s += p *= lambda / (k + 1);
      for (; k > 0; k--) walk(j, d);
    });
  }
  return inCare;
}

describe('variance of the total against 4,000 simulated runs', () => {
  const rnd = mulberry32(13);
  const runs = Array.from({ length: 4000 }, () => simulate(rnd));
  const mean = runs.reduce((a, b) => a + b, 0) / runs.length;
  const variance = runs.reduce((a, b) => a + (b - mean) ** 2, 0) / (runs.length - 1);
  const start = new Date(Date.UTC(2025, 3, 1));
  const [exact] = projectDemand(model, { start, years: 1, variance: 'multinomial' });
  const [d2i] = projectDemand(model, { start, years: 1, variance: 'd2i' });
  const total = exact!.children.reduce((a, b) => a + b, 0);

  it('the expected total agrees within 3 standard errors of the simulated mean', () => {
    expect(Math.abs(total - mean)).toBeLessThan(3 * Math.sqrt(variance / runs.length));
  });
  it('the propagated variance agrees within 4 standard errors (≈ 9%) of the simulated variance', () => {
    const se = variance * Math.sqrt(2 / (runs.length - 1));
    expect(Math.abs(exact!.totalVariance - variance)).toBeLessThan(4 * se);
    // And the test can tell the forms apart: D2I's additive variance is well outside it here.
    expect(Math.abs(d2i!.totalVariance - variance)).toBeGreaterThan(4 * se);
  });
});
