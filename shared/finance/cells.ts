/**
 * Adapters from what Excel passes to a custom function (numbers, strings, booleans, null/undefined for an
 * omitted optional, 2-D arrays for ranges) to the finance engine. Every bad input is a #VALUE! naming the
 * argument and what was expected. Blank rows in ranges are skipped, since users select whole columns.
 */
import { choice, GROWTH, isBlank, num, rate, scalar, SHARE, text } from '../excel/args';
import { valueError } from '../excel/errors';
import { vector } from '../excel/vector';
import { placementCost } from './costs';
import { excelSerialToDate, financialYearOf, fyStartYearOf, isWrittenDate, parseFinancialYear, toDate } from './fiscal-year';
import { forecast, forecastTable, stepDownSavings, type ForecastInput, type ForecastView, type StepDown } from './forecast';

function optionalNum(x: unknown, arg: string, fallback: number): number {
  return isBlank(scalar(x, arg)) ? fallback : num(x, arg);
}

/** Checked here, in the words of the cell, so the engine's own schema never speaks of `types.1.children`. */
const MAX_YEARS = 50;

function atLeastZero(x: unknown, what: string): number {
  const n = num(x, what);
  if (n < 0) throw valueError(`${what} is negative (${n}); it must be 0 or more`);
  return n;
}

function yearCount(x: unknown, fallback?: number): number {
  const n = fallback === undefined ? num(x, 'years') : optionalNum(x, 'years', fallback);
  if (!Number.isInteger(n) || n < 1 || n > MAX_YEARS) throw valueError(`years must be a whole number from 1 to ${MAX_YEARS}, not ${n}`);
  return n;
}

/** A yearly growth or inflation rate: 5% or 0.05; a bare 5 is refused as a percentage missing its % sign. */
const rateValue = (x: unknown, what: string): number => rate(x, what, GROWTH);

/** A rate: one number for every type, or a range aligned with the types. Blank = 0. */
function rates(x: unknown, arg: string, types: string[]): number | Record<string, number> {
  const cells = vector(x, arg);
  if (cells.length === 0) return 0;
  if (cells.length === 1) return rateValue(cells[0], arg);
  if (cells.length !== types.length) throw valueError(`${arg} has ${cells.length} values but there are ${types.length} types`);
  return Object.fromEntries(types.map((t, i) => [t, isBlank(scalar(cells[i], arg)) ? 0 : rateValue(cells[i], `${arg} in row ${i + 1} ("${t}")`)]));
}

/** A year label, a starting year (2019) or a date (an Excel serial ≥ 10000, or date text) meaning its FY. */
function startYear(x: unknown): string {
  const v = scalar(x, 'start_year');
  if (isBlank(v)) throw valueError('start_year is required, e.g. "2019/20"');
  if (typeof v === 'number' && v >= 10_000) return financialYearOf(excelSerialToDate(v));
  // Two separators ("2020-10-01", "01/10/2020") or a month's name ("1 October 2020") make it a date, not "2019/20".
  if (typeof v === 'string' && (/[-/]\d{1,2}[-/]/.test(v) || isWrittenDate(v))) return financialYearOf(toDate(v, 'start_year'));
  return parseFinancialYear(v).label;
}

const VIEWS: Record<string, ForecastView> = { cost: 'cost', children: 'children', long: 'long' };
const view = (x: unknown): ForecastView => choice(x, 'view', VIEWS, 'cost');

// "weeks52": 52 weeks a year; "days": the days in the year / 7.
const BASES: Record<string, 'weeks52' | 'days'> = { weeks52: 'weeks52', days: 'days' };
const basis = (x: unknown): 'weeks52' | 'days' => choice(x, 'basis', BASES, 'weeks52');

/** Rows [from, to, count, percent, start]; exactly one of count and percent filled in. */
function stepDowns(x: unknown): StepDown[] {
  if (isBlank(x)) return [];
  if (!Array.isArray(x) || !x.every(Array.isArray)) throw valueError('step_downs must be a range of rows [from, to, count, percent, start]');
  return (x as unknown[][])
    .map((row, i) => ({ row, n: i + 1 }))
    .filter(({ row }) => !row.every(isBlank))
    .map(({ row, n }) => {
      const arg = `step_downs row ${n}`;
      if (row.length < 5) throw valueError(`${arg} must have 5 columns: from, to, count, percent, start`);
      const [from, to, count, percent, start] = row;
      if (isBlank(count) === isBlank(percent)) throw valueError(`${arg}: fill in either count or percent, not both or neither`);
      if (typeof start !== 'number' && typeof start !== 'string') throw valueError(`${arg}: start must be a date`);
      toDate(start, `${arg} start`);
      const step: StepDown = { from: text(from, `${arg} from`), to: text(to, `${arg} to`), start };
      if (isBlank(count)) {
        step.percent = rate(percent, `${arg} percent`, SHARE);
      } else step.count = atLeastZero(count, `${arg} count`);
      return step;
    });
}

/** PLACEMENTCOST(weekly_cost, children, [weeks]): weekly × children × weeks (52 if omitted). */
export function placementCostCell(weeklyCost: unknown, children: unknown, weeks: unknown): number {
  return placementCost(num(weeklyCost, 'weekly_cost'), num(children, 'children'), optionalNum(weeks, 'weeks', 52));
}

/**
 * FORECAST(types, children, weekly_costs, start_year, years, [growth], [inflation], [step_downs], [view], [basis])
 * spills a financial year × type table (see forecast.ts for the semantics).
 */
export function forecastCell(
  types: unknown,
  children: unknown,
  weeklyCosts: unknown,
  startYearArg: unknown,
  years: unknown,
  growth: unknown,
  inflation: unknown,
  stepDownsArg: unknown,
  viewArg: unknown,
  basisArg?: unknown,
): (string | number)[][] {
  const names = vector(types, 'types').map((t, i) => text(t, `types item ${i + 1}`));
  if (names.length === 0) throw valueError('types must list at least one placement type');
  const counts = vector(children, 'children');
  const costs = vector(weeklyCosts, 'weekly_costs');
  for (const [arg, list] of [
    ['children', counts],
    ['weekly_costs', costs],
  ] as const) {
    if (list.length !== names.length) throw valueError(`${arg} has ${list.length} values but types has ${names.length}`);
  }
  const input: ForecastInput = {
    types: names.map((name, i) => ({
      name,
      children: atLeastZero(counts[i], `children in row ${i + 1} ("${name}")`),
      weeklyCost: atLeastZero(costs[i], `weekly_costs in row ${i + 1} ("${name}")`),
    })),
    startYear: startYear(startYearArg),
    years: yearCount(years),
    growth: rates(growth, 'growth', names),
    inflation: rates(inflation, 'inflation', names),
    stepDowns: stepDowns(stepDownsArg),
    basis: basis(basisArg),
  };
  return forecastTable(forecast(input), view(viewArg));
}

/**
 * STEPDOWN(from_weekly_cost, to_weekly_cost, children, start, [years], [inflation], [basis]) spills
 * ["Financial year", "Children moved", "Saving"] rows: what moving `children` placements from the dearer to
 * the cheaper type on `start` saves (base − scenario) in each FY, from the FY containing `start`, for
 * `years` FYs (default 3), weekly costs being those of the start FY, inflated yearly by `inflation`.
 * The start year is pro-rata (days from `start` to 31 March / days in the FY).
 * E.g. 5 children from residential £4,100 to IFA £800 from 1 Oct 2020: 2020/21 saves
 * 5 × 3,300 × 52 × 182/365 = £427,824.66, then £858,000 a year.
 */
export function stepDownCell(
  fromWeeklyCost: unknown,
  toWeeklyCost: unknown,
  children: unknown,
  start: unknown,
  years?: unknown,
  inflation?: unknown,
  basisArg?: unknown,
): (string | number)[][] {
  const moved = atLeastZero(children, 'children');
  const startValue = scalar(start, 'start');
  if (typeof startValue !== 'number' && typeof startValue !== 'string') throw valueError('start must be a date');
  const startDate = toDate(startValue, 'start');
  const base: ForecastInput = {
    types: [
      { name: 'from', children: moved, weeklyCost: atLeastZero(fromWeeklyCost, 'from_weekly_cost') },
      { name: 'to', children: 0, weeklyCost: atLeastZero(toWeeklyCost, 'to_weekly_cost') },
    ],
    startYear: fyStartYearOf(startDate),
    years: yearCount(years, 3),
    inflation: isBlank(scalar(inflation, 'inflation')) ? 0 : rateValue(inflation, 'inflation'),
    basis: basis(basisArg),
  };
  const savings = stepDownSavings(base, { from: 'from', to: 'to', count: moved, start: startValue });
  return [['Financial year', 'Children moved', 'Saving'], ...savings.years.map((fy, k) => [fy, savings.rows[2 * k]!.children, savings.totals[k]!.annualCost])];
}
