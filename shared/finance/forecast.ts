/**
 * Placement forecast by UK financial year (FY, 1 April – 31 March).
 *
 * Semantics:
 * - `children` are children in placement averaged over the FY (so part-year moves give fractions).
 * - Year k (0 = `startYear`): children = start × (1 + growth)^k, weekly cost = start cost × (1 + inflation)^k,
 *   compound; growth and inflation are one rate for all types or a rate per type name (missing = 0).
 * - Step-downs apply after growth, in the order given, each from its `start` date onward:
 *   `count` moves that many children, `percent` (0..1) moves that share of the from-type's children in
 *   that year. In the FY the step-down starts the move is pro-rata: days from the start date to 31 March
 *   (inclusive) / days in that FY; in later FYs it is full; before, nothing. A start before the forecast
 *   applies in full from year 0. Moving more children than the from-type has throws #VALUE!.
 * - Annual cost = children × weekly cost × weeks, where weeks = `weeksPerYear` (default 52, the seeds'
 *   convention "annual = weekly × 52") for basis 'weeks52', or days in the FY / 7 for basis 'days'.
 */
// zod/mini: this runs in the add-in bundle, where classic zod would add ~450 KB.
import * as z from 'zod/mini';
import { valueError } from '../excel/errors';
import { daysInFinancialYear, daysRemainingInFinancialYear, fyLabel, fyStartYearOf, parseFinancialYear, toDate } from './fiscal-year';

const rate = z.number().check(z.gt(-1, 'a rate must be greater than -1 (-100%)'));
const rates = z.union([rate, z.record(z.string(), rate)]);
const nonNegative = () => z.number().check(z.minimum(0));

export const StepDownSchema = z
  .object({
    from: z.string().check(z.minLength(1)),
    to: z.string().check(z.minLength(1)),
    count: z.optional(nonNegative()),
    percent: z.optional(z.number().check(z.minimum(0), z.maximum(1))),
    start: z.union([z.string(), z.number()]),
  })
  .check(z.refine((s) => (s.count === undefined) !== (s.percent === undefined), 'give a step-down either count or percent, not both'));

export const ForecastInputSchema = z
  .object({
    types: z.array(z.object({ name: z.string().check(z.trim(), z.minLength(1)), children: nonNegative(), weeklyCost: nonNegative() })).check(
      z.minLength(1),
      z.refine((ts) => new Set(ts.map((t) => t.name)).size === ts.length, 'placement type names must be unique'),
    ),
    startYear: z.union([z.string(), z.number()]),
    years: z.int().check(z.minimum(1), z.maximum(50)),
    growth: z.optional(rates),
    inflation: z.optional(rates),
    stepDowns: z.optional(z.array(StepDownSchema)),
    basis: z.optional(z.enum(['weeks52', 'days'])),
    weeksPerYear: z.optional(z.number().check(z.positive())),
  })
  .check(z.refine((i) => !(i.basis === 'days' && i.weeksPerYear !== undefined), 'weeksPerYear applies only to basis "weeks52"'));

export type StepDown = z.infer<typeof StepDownSchema>;
export type ForecastInput = z.infer<typeof ForecastInputSchema>;

export interface ForecastRow {
  fy: string;
  type: string;
  children: number;
  weeklyCost: number;
  annualCost: number;
}
export interface ForecastTotal {
  fy: string;
  children: number;
  annualCost: number;
}
export interface ForecastResult {
  years: string[];
  types: string[];
  rows: ForecastRow[];
  totals: ForecastTotal[];
}

export type ForecastView = 'cost' | 'children' | 'long';

export function parseForecastInput(input: unknown): ForecastInput {
  const parsed = ForecastInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw valueError(`forecast input ${where}${issue?.message ?? 'is invalid'}`);
  }
  return parsed.data;
}

function rateFor(r: ForecastInput['growth'], type: string, names: Set<string>, what: string): number {
  if (r === undefined || typeof r === 'number') return r ?? 0;
  for (const k of Object.keys(r)) if (!names.has(k)) throw valueError(`${what} names "${k}", which is not a placement type`);
  return r[type] ?? 0;
}

/** Share of FY `fyStart` during which a step-down starting on `date` is in force. */
function activeFraction(date: Date, fyStart: number): number {
  const fyOfDate = fyStartYearOf(date);
  if (fyOfDate < fyStart) return 1;
  if (fyOfDate > fyStart) return 0;
  return daysRemainingInFinancialYear(date) / daysInFinancialYear(fyStart);
}

export function forecast(raw: ForecastInput): ForecastResult {
  const input = parseForecastInput(raw);
  const first = parseFinancialYear(input.startYear).start;
  const names = new Set(input.types.map((t) => t.name));
  const steps = (input.stepDowns ?? []).map((s, i) => {
    for (const n of [s.from, s.to]) if (!names.has(n)) throw valueError(`step-down ${i + 1} names "${n}", which is not a placement type`);
    return { ...s, date: toDate(s.start, `step-down ${i + 1} start`), n: i + 1 };
  });
  const growth = input.types.map((t) => rateFor(input.growth, t.name, names, 'growth'));
  const inflation = input.types.map((t) => rateFor(input.inflation, t.name, names, 'inflation'));
  const index = new Map(input.types.map((t, i) => [t.name, i]));

  const result: ForecastResult = { years: [], types: input.types.map((t) => t.name), rows: [], totals: [] };
  for (let k = 0; k < input.years; k++) {
    const fyStart = first + k;
    const fy = fyLabel(fyStart);
    const weeks = input.basis === 'days' ? daysInFinancialYear(fyStart) / 7 : (input.weeksPerYear ?? 52);
    const children = input.types.map((t, i) => t.children * (1 + growth[i]!) ** k);
    for (const s of steps) {
      const f = activeFraction(s.date, fyStart);
      if (f === 0) continue;
      const from = index.get(s.from)!;
      const available = children[from]!;
      const full = s.count ?? s.percent! * available;
      if (full > available + 1e-9) {
        throw valueError(`step-down ${s.n} moves ${full} children from "${s.from}" but only ${round2(available)} are forecast in ${fy}`);
      }
      children[from] = available - full * f;
      children[index.get(s.to)!]! += full * f;
    }
    result.years.push(fy);
    let totalChildren = 0;
    let totalCost = 0;
    input.types.forEach((t, i) => {
      const weeklyCost = t.weeklyCost * (1 + inflation[i]!) ** k;
      const annualCost = children[i]! * weeklyCost * weeks;
      result.rows.push({ fy, type: t.name, children: children[i]!, weeklyCost, annualCost });
      totalChildren += children[i]!;
      totalCost += annualCost;
    });
    result.totals.push({ fy, children: totalChildren, annualCost: totalCost });
  }
  return result;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** A 2-D table for spilling: FY × type (plus Total) of cost or children, or the long table of every row. */
export function forecastTable(result: ForecastResult, view: ForecastView = 'cost'): (string | number)[][] {
  if (view === 'long') {
    return [
      ['Financial year', 'Type', 'Children', 'Weekly cost', 'Annual cost'],
      ...result.rows.map((r) => [r.fy, r.type, r.children, r.weeklyCost, r.annualCost]),
    ];
  }
  const field = view === 'children' ? 'children' : 'annualCost';
  return [
    ['Financial year', ...result.types, 'Total'],
    ...result.years.map((fy, k) => [fy, ...result.types.map((_, i) => result.rows[k * result.types.length + i]![field]), result.totals[k]![field]]),
  ];
}

/** Scenario − base, FY by FY; types matched by name, a type missing on one side counts as 0. */
export function scenarioMinusBase(base: ForecastResult, scenario: ForecastResult): ForecastResult {
  if (base.years.join() !== scenario.years.join()) {
    throw valueError(`base covers ${base.years.join(', ')} but scenario covers ${scenario.years.join(', ')}`);
  }
  const types = [...base.types, ...scenario.types.filter((t) => !base.types.includes(t))];
  const byKey = (r: ForecastResult) => new Map(r.rows.map((x) => [`${x.fy}\u0000${x.type}`, x]));
  const [baseRows, scenarioRows] = [byKey(base), byKey(scenario)];
  const rows = base.years.flatMap((fy) =>
    types.map((type) => {
      const b = baseRows.get(`${fy}\u0000${type}`);
      const s = scenarioRows.get(`${fy}\u0000${type}`);
      return {
        fy,
        type,
        children: (s?.children ?? 0) - (b?.children ?? 0),
        weeklyCost: (s?.weeklyCost ?? 0) - (b?.weeklyCost ?? 0),
        annualCost: (s?.annualCost ?? 0) - (b?.annualCost ?? 0),
      };
    }),
  );
  const totals = base.years.map((fy, k) => ({
    fy,
    children: scenario.totals[k]!.children - base.totals[k]!.children,
    annualCost: scenario.totals[k]!.annualCost - base.totals[k]!.annualCost,
  }));
  return { years: [...base.years], types, rows, totals };
}

/** What one step-down saves against the base: base − (base with the step-down), so a saving is positive. */
export function stepDownSavings(base: ForecastInput, step: StepDown): ForecastResult {
  const withStep = { ...base, stepDowns: [...(base.stepDowns ?? []), step] };
  return scenarioMinusBase(forecast(withStep), forecast(base));
}
