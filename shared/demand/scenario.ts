/**
 * D2I's scenarios: scale (×) or add to (+) chosen transition, exit and entrant rates. Changed rates can push
 * a state's outflows past 1; then they are renormalised as D2I does — the changed rates keep their values
 * (scaled down together only if they alone pass 1) and the unchanged ones share what is left — so the sheet's
 * formulas and this function agree on every case. Entrant numbers are not probabilities: never renormalised.
 */
import type { DemandModel } from './model';

export interface Adjustment {
  /** Multiplier; 1 (or absent) leaves the rate as it is. */
  scale?: number;
  /** Added after scaling; 0 (or absent) adds nothing. */
  add?: number;
}

export interface Scenario {
  /** transitions[j][k]: change to the rate from state j to state k. */
  transitions?: (Adjustment | undefined)[][];
  exits?: (Adjustment | undefined)[];
  entrants?: (Adjustment | undefined)[];
}

const changed = (a: Adjustment | undefined): boolean => a !== undefined && ((a.scale ?? 1) !== 1 || (a.add ?? 0) !== 0);
const apply = (x: number, a: Adjustment | undefined): number => Math.max(0, x * (a?.scale ?? 1) + (a?.add ?? 0));

export function applyScenario(m: DemandModel, s: Scenario): DemandModel {
  const n = m.states.length;
  const transitions = m.transitions.map((row) => row.slice());
  const exits = m.exits.slice();
  for (let j = 0; j < n; j++) {
    // The row's outflows: every other state, then leaving care (index n).
    const raw: number[] = [];
    const isChanged: boolean[] = [];
    for (let k = 0; k <= n; k++) {
      const a = k === n ? s.exits?.[j] : s.transitions?.[j]?.[k];
      raw.push(k === j ? 0 : apply(k === n ? m.exits[j]! : m.transitions[j]![k]!, a));
      isChanged.push(k !== j && changed(a));
    }
    const total = raw.reduce((x, y) => x + y, 0);
    const changedSum = raw.reduce((x, y, k) => x + (isChanged[k] ? y : 0), 0);
    const unchangedSum = total - changedSum;
    const out = raw.map((r, k) => {
      if (total <= 1) return r;
      if (isChanged[k]) return r / Math.max(1, changedSum);
      return unchangedSum === 0 ? 0 : (r * Math.max(0, 1 - changedSum)) / unchangedSum;
    });
    for (let k = 0; k < n; k++) if (k !== j) transitions[j]![k] = out[k]!;
    exits[j] = out[n]!;
  }
  return { ...m, transitions, exits, entrants: m.entrants.map((e, i) => apply(e, s.entrants?.[i])) };
}
