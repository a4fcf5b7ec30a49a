/**
 * CIC.DEMAND's adapter: what Excel passes (ranges as 2-D arrays, blanks as null or '') to the demand engine,
 * and its result back as a spill. Blank cells in the rate tables mean 0, as an empty cell in a
 * D2I rates table does; sizes must still line up with the states.
 */
import { choice, describe, GROWTH, isBlank, num, rate, scalar, text } from '../excel/args';
import { valueError } from '../excel/errors';
import { vector } from '../excel/vector';
import { toDate } from '../finance/fiscal-year';
import { projectDemand, type DemandModel } from './model';

export type DemandView = 'children' | 'cost' | 'band';
const VIEWS: Record<string, DemandView> = { children: 'children', cost: 'cost', band: 'band' };

const cellNum = (x: unknown, what: string): number => (isBlank(x) ? 0 : num(x, what));

function numbers(x: unknown, arg: string, states: string[]): number[] {
  const cells = vector(x, arg, states.length);
  if (cells.length !== states.length) throw valueError(`${arg} has ${cells.length} values but states has ${states.length}`);
  return cells.map((c, i) => cellNum(c, `${arg} for "${states[i]}"`));
}

/** One number for every state, or one per state (`read` for each: a plain number unless given). */
function perState(x: unknown, arg: string, states: string[], read = num): number[] | null {
  const cells = vector(x, arg);
  if (cells.length === 0) return null;
  if (cells.length === 1) return states.map(() => read(cells[0], arg));
  const all = vector(x, arg, states.length);
  if (all.length !== states.length) throw valueError(`${arg} has ${all.length} values but states has ${states.length}`);
  return all.map((c, i) => (isBlank(c) ? 0 : read(c, `${arg} for "${states[i]}"`)));
}

function matrix(x: unknown, states: string[]): number[][] {
  const n = states.length;
  if (!Array.isArray(x) || !x.every(Array.isArray)) {
    if (n === 1) return [[0]];
    throw valueError(`transitions must be a ${n}×${n} range (one row and one column per state), not ${describe(x)}`);
  }
  const rows = (x as unknown[][]).slice();
  while (rows.length > n && rows[rows.length - 1]!.every(isBlank)) rows.pop();
  return rows.map((r, j) => r.map((c, k) => cellNum(c, `transitions row ${j + 1}, column ${k + 1}`)));
}

/**
 * DEMAND(states, stock, transitions, exits, entrants, start, years, [weekly_costs], [inflation], [view]):
 * a header row (Financial year, one column per state, Total) then one row per UK financial year —
 * children on 31 March, or £ spent in the year; "band" gives Financial year, Total, Lower, Upper
 * (expected total in care on 31 March ± 2 standard deviations, the lower edge floored at 0).
 */
export function demandCell(
  statesArg: unknown,
  stockArg: unknown,
  transitionsArg: unknown,
  exitsArg: unknown,
  entrantsArg: unknown,
  startArg: unknown,
  yearsArg: unknown,
  costsArg?: unknown,
  inflationArg?: unknown,
  viewArg?: unknown,
): (string | number)[][] {
  const states = vector(statesArg, 'states').map((s, i) => {
    if (isBlank(s)) throw valueError(`states item ${i + 1} is blank; every state needs a name`);
    return typeof s === 'number' ? String(s) : text(s, `states item ${i + 1}`);
  });
  if (states.length === 0) throw valueError('states must list at least one state');
  const view = choice(viewArg, 'view', VIEWS, 'children');
  const model: DemandModel = {
    states,
    stock: numbers(stockArg, 'stock', states),
    transitions: matrix(transitionsArg, states),
    exits: numbers(exitsArg, 'exits', states),
    entrants: numbers(entrantsArg, 'entrants', states),
  };
  const start = scalar(startArg, 'start');
  if (isBlank(start)) throw valueError('start is required: the date the stock is counted on');
  const years = num(yearsArg, 'years');
  const weeklyCosts = perState(costsArg, 'weekly_costs', states);
  if (view === 'cost' && !weeklyCosts) throw valueError('weekly_costs is required for view "cost": £ per child per week, one per state or one for all');
  weeklyCosts?.forEach((c, i) => {
    if (c < 0) throw valueError(`weekly_costs for "${states[i]}" is ${c}; a cost cannot be negative`);
  });
  const inflation = perState(inflationArg, 'inflation', states, (c, what) => rate(c, what, GROWTH)) ?? undefined;
  const rows = projectDemand(model, {
    start: toDate(start, 'start'),
    years,
    weeklyCosts: weeklyCosts ?? undefined,
    inflation,
    variance: view === 'band' ? 'multinomial' : 'none',
  });
  const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);
  if (view === 'band') {
    return [
      ['Financial year', 'Total', 'Lower', 'Upper'],
      ...rows.map((r) => {
        const t = sum(r.children);
        const sd = Math.sqrt(r.totalVariance);
        return [r.label, t, Math.max(0, t - 2 * sd), t + 2 * sd];
      }),
    ];
  }
  const pick = (r: (typeof rows)[number]) => (view === 'cost' ? r.cost : r.children);
  return [['Financial year', ...states, 'Total'], ...rows.map((r) => [r.label, ...pick(r), sum(pick(r))])];
}
