/**
 * The children's services demand model (the Data to Insight / Social Finance stock-flow method) as a pure
 * engine: a daily Markov chain over care states (age band × placement category) with exits and entrants,
 *   pop(t+1) = A·pop(t) + e,
 * where A[k][j] is the daily probability that a child in state j is in state k tomorrow (A[j][j] = 1 minus
 * every outflow of j, exits included) and e the expected entrants per state per day. Each child's move is
 * one multinomial draw and entrants are Poisson, so the covariance of the stock follows
 *   Σ(t+1) = A·Σ(t)·Aᵀ + Σ_j pop_j(t)·(diag(a_j) − a_j·a_jᵀ) + diag(e),
 * a_j being column j of A (the law of total variance over one day). D2I's simpler form — each state's
 * one-day binomial variances added up, not carried through A, and states summed as if independent — is
 * kept as `variance: 'd2i'` to compare against.
 */
import { valueError } from '../excel/errors';
import { fyLabel, fyStartYearOf } from '../finance/fiscal-year';

const DAY_MS = 86_400_000;
export const MAX_YEARS = 50;
export const MAX_STATES = 100;

export interface DemandModel {
  states: string[];
  /** Children in each state at the start of the start date (the end of the day before). */
  stock: number[];
  /** transitions[j][k]: daily probability of moving from state j to state k (the diagonal is ignored). */
  transitions: number[][];
  /** Daily probability of leaving care from each state. */
  exits: number[];
  /** Expected new entrants to each state per day. */
  entrants: number[];
}

export interface ProjectionOptions {
  start: Date;
  /** Financial years from the one containing start, 1 to 50. */
  years: number;
  /** £ per child per week in each state; needed for costs. */
  weeklyCosts?: number[];
  /** Annual rate per state, compounded on each anniversary of start. */
  inflation?: number[];
  /** Variance of the stock: the full multinomial propagation (default) or D2I's additive form. */
  variance?: 'multinomial' | 'd2i' | 'none';
}

export interface FyResult {
  label: string;
  /** Expected children in each state at the end of 31 March. */
  children: number[];
  /** Variance of the total in care at the end of 31 March. */
  totalVariance: number;
  /** £ spent in the FY on each state (empty without weekly costs). */
  cost: number[];
}

/** Checks that the model is a model: sizes agree, probabilities are probabilities, outflows ≤ 1. */
export function validateModel(m: DemandModel): void {
  const n = m.states.length;
  if (n === 0) throw valueError('states must list at least one state');
  if (n > MAX_STATES) throw valueError(`states lists ${n} states; at most ${MAX_STATES}`);
  const seen = new Map<string, number>();
  m.states.forEach((s, i) => {
    const k = s.trim().toLowerCase();
    if (seen.has(k)) throw valueError(`states ${seen.get(k)! + 1} and ${i + 1} are both "${s}"; each state needs its own name`);
    seen.set(k, i);
  });
  const vec = (v: number[], arg: string, check: (x: number) => string | null) => {
    if (v.length !== n) throw valueError(`${arg} has ${v.length} values but states has ${n}`);
    v.forEach((x, i) => {
      const why = Number.isFinite(x) ? check(x) : 'is not a number';
      if (why) throw valueError(`${arg} for "${m.states[i]}" (item ${i + 1}) ${why}`);
    });
  };
  const prob = (x: number) => (x < 0 || x > 1 ? `is ${x}; a daily probability must be between 0 and 1` : null);
  vec(m.stock, 'stock', (x) => (x < 0 ? `is ${x}; children cannot be negative` : null));
  vec(m.exits, 'exits', prob);
  vec(m.entrants, 'entrants', (x) => (x < 0 ? `is ${x}; entrants per day cannot be negative` : null));
  if (m.transitions.length !== n || m.transitions.some((r) => r.length !== n)) {
    const w = Math.max(0, ...m.transitions.map((r) => r.length));
    throw valueError(`transitions must be ${n}×${n} (one row and one column per state), not ${m.transitions.length}×${w}`);
  }
  m.transitions.forEach((row, j) => {
    let out = m.exits[j]!;
    row.forEach((p, k) => {
      if (k === j) return;
      if (!Number.isFinite(p) || p < 0 || p > 1) {
        throw valueError(`transitions row ${j + 1}, column ${k + 1} is ${p}; a daily probability must be between 0 and 1`);
      }
      out += p;
    });
    // A rounding hair over 1 (rates read back from a sheet) is not a user error.
    if (out > 1 + 1e-9) {
      throw valueError(`transitions row ${j + 1} ("${m.states[j]}") sums to ${+out.toPrecision(4)} with its exit rate; outflows must be ≤ 1`);
    }
  });
}

/** Column-oriented daily matrix: A[k][j] = P(in k tomorrow | in j today). */
function dailyMatrix(m: DemandModel): Float64Array[] {
  const n = m.states.length;
  const a = Array.from({ length: n }, () => new Float64Array(n));
  for (let j = 0; j < n; j++) {
    let out = m.exits[j]!;
    for (let k = 0; k < n; k++) {
      if (k === j) continue;
      a[k]![j] = m.transitions[j]![k]!;
      out += m.transitions[j]![k]!;
    }
    a[j]![j] = Math.max(0, 1 - out);
  }
  return a;
}

/** The n-th anniversary of a date (29 February → 1 March in common years, as Date.UTC rolls it). */
const anniversary = (d: Date, k: number): number => Date.UTC(d.getUTCFullYear() + k, d.getUTCMonth(), d.getUTCDate());

export function projectDemand(m: DemandModel, o: ProjectionOptions): FyResult[] {
  validateModel(m);
  const n = m.states.length;
  if (!Number.isInteger(o.years) || o.years < 1 || o.years > MAX_YEARS)
    throw valueError(`years must be a whole number from 1 to ${MAX_YEARS} (got ${o.years})`);
  const start = Math.floor(o.start.getTime() / DAY_MS) * DAY_MS;
  if (!Number.isFinite(start)) throw valueError('start is not a valid date');
  const costs = o.weeklyCosts;
  if (costs && costs.length !== n) throw valueError(`weekly_costs has ${costs.length} values but states has ${n}`);
  const infl = o.inflation ?? Array<number>(n).fill(0);
  if (infl.length !== n) throw valueError(`inflation has ${infl.length} values but states has ${n}`);
  const mode = o.variance ?? 'multinomial';

  const a = dailyMatrix(m);
  const nz = a.map((row) => Int32Array.from(Array.from(row).flatMap((x, k) => (x !== 0 ? [k] : []))));
  const e = Float64Array.from(m.entrants);
  let pop = Float64Array.from(m.stock);
  let next = new Float64Array(n);
  const cov = Array.from({ length: n }, () => new Float64Array(n));
  const tmp = Array.from({ length: n }, () => new Float64Array(n));
  const d2iVar = new Float64Array(n);

  const fy0 = fyStartYearOf(new Date(start));
  // Excel's calendar ends on 31 December 9999; a later year would be labelled "10000/01".
  if (fy0 + o.years > 9999)
    throw valueError(`a ${o.years}-year forecast from ${new Date(start).toISOString().slice(0, 10)} would run past 31 December 9999, Excel's last date`);
  const lastEnd = Date.UTC(fy0 + o.years, 2, 31);
  const out: FyResult[] = [];
  const factor = Array<number>(n).fill(1);
  let anniversaries = 0;
  let nextAnniv = anniversary(new Date(start), 1);
  let y = 0;
  let fyEnd = Date.UTC(fy0 + 1, 2, 31);
  let cost = costs ? Array<number>(n).fill(0) : [];
  for (let day = start; ; day += DAY_MS) {
    // pop is the stock at the start of `day` (the end of the day before).
    if (day >= nextAnniv) {
      anniversaries++;
      nextAnniv = anniversary(new Date(start), anniversaries + 1);
      for (let s = 0; s < n; s++) factor[s] = (1 + infl[s]!) ** anniversaries;
    }
    if (costs) for (let s = 0; s < n; s++) cost[s]! += (pop[s]! * costs[s]! * factor[s]!) / 7;
    // One day: the variance first (it needs today's stock), then the expected stock.
    if (mode === 'multinomial') {
      // A is sparse (a state feeds few others), so each product walks only A's non-zeros.
      for (let i = 0; i < n; i++) {
        const ti = tmp[i]!;
        ti.fill(0);
        const nzI = nz[i]!;
        for (let q = 0; q < nzI.length; q++) {
          const k = nzI[q]!;
          const w = a[i]![k]!;
          const ck = cov[k]!;
          for (let j = 0; j < n; j++) ti[j]! += w * ck[j]!;
        }
      }
      // cov ← (A·Σ)·Aᵀ + multinomial noise + Poisson entrants (symmetric: the upper half, mirrored).
      for (let i = 0; i < n; i++) {
        const ti = tmp[i]!;
        const ai = a[i]!;
        for (let j = i; j < n; j++) {
          const aj = a[j]!;
          const nzJ = nz[j]!;
          let v = 0;
          for (let q = 0; q < nzJ.length; q++) {
            const k = nzJ[q]!;
            v += ti[k]! * aj[k]! - pop[k]! * ai[k]! * aj[k]!;
          }
          if (i === j) {
            for (let q = 0; q < nzJ.length; q++) v += pop[nzJ[q]!]! * ai[nzJ[q]!]!;
            v += e[i]!;
          }
          cov[i]![j] = v;
          cov[j]![i] = v;
        }
      }
    } else if (mode === 'd2i') {
      for (let k = 0; k < n; k++) {
        let s = e[k]!;
        for (let j = 0; j < n; j++) s += a[k]![j]! * (1 - a[k]![j]!) * pop[j]!;
        d2iVar[k]! += s;
      }
    }
    for (let k = 0; k < n; k++) {
      let s = e[k]!;
      const ak = a[k]!;
      for (let j = 0; j < n; j++) s += ak[j]! * pop[j]!;
      next[k] = s;
    }
    [pop, next] = [next, pop];
    // DfE counts children in care at the end of 31 March, so the year's stock is taken after its last day.
    if (day === fyEnd) {
      let totalVariance = 0;
      if (mode === 'multinomial') for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) totalVariance += cov[i]![j]!;
      else if (mode === 'd2i') for (let k = 0; k < n; k++) totalVariance += d2iVar[k]!;
      out.push({ label: fyLabel(fy0 + y), children: Array.from(pop), totalVariance: Math.max(0, totalVariance), cost });
      if (day === lastEnd) break;
      y++;
      fyEnd = Date.UTC(fy0 + y + 1, 2, 31);
      cost = costs ? Array<number>(n).fill(0) : [];
    }
  }
  return out;
}
