/**
 * The significance functions on the workbook's own counts (no request): CI, COMPAREOF and SIGCHANGE.
 * Formulas in shared/statistics; each verdict is the Fingertips method, documented in docs/method.md.
 */
import { choice, LEVEL, num, optNum, optRate, scalar } from '../excel/args';
import type { Indicator } from '../release/schema';
import { numError, valueError } from '../excel/errors';
import { interval, StatisticsInputError, type IntervalMethod } from '../statistics/intervals';
import { compareToBenchmark, significantChange, type ChangeMethod } from '../statistics/significance';
import { PARAM } from './params';
import type { CicFunctionDef, ParamDef } from './types';
import { indicatorValue, percentText } from './indicator-value';
import { polarityAndIndicator, polarityArg } from './workbook';

const METHODS: Record<string, IntervalMethod> = { proportion: 'proportion', wilson: 'proportion', rate: 'rate', byar: 'rate', byars: 'rate', poisson: 'rate' };
const CHANGE_METHODS: Record<string, ChangeMethod> = { newcombe: 'newcombe', overlap: 'overlap' };

const P = {
  numerator: { name: 'numerator', type: 'number', description: 'The count: children in the group (a proportion) or events (a rate)' },
  denominator: { name: 'denominator', type: 'number', description: 'Out of how many: the children counted (a proportion) or the population (a rate)' },
  multiplier: {
    name: 'multiplier',
    type: 'number',
    optional: true,
    description: 'Scale of the result: 100 (default, a percentage), 1 for a proportion, 10000 for a rate per 10,000',
  },
  level: PARAM.level,
  method: {
    name: 'method',
    type: 'string',
    optional: true,
    description: '"proportion" (Wilson score, default) or "rate" (Byar\'s, exact Poisson below 10 events)',
  },
} satisfies Record<string, ParamDef>;

/** Domain input errors are the user's: #VALUE! with the message. */
function cells<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof StatisticsInputError) throw valueError(e.message);
    throw e;
  }
}

/** A confidence level argument: blank = 0.95; 95% or 0.95, never 95. */
export const levelArg = (x: unknown): number => optRate(x, 'level', LEVEL, 0.95);

/** The interval CI and COMPAREOF compute from the same five arguments. */
const intervalArgs = (x: unknown, n: unknown, multiplier: unknown, level: unknown, method: unknown) =>
  cells(() =>
    interval(
      num(x, 'numerator'),
      num(n, 'denominator'),
      levelArg(level),
      optNum(multiplier, 'multiplier') ?? 100,
      choice(method, 'method', METHODS, 'proportion'),
    ),
  );

const finite = (v: number): number => {
  if (!Number.isFinite(v)) throw numError('the interval is not finite');
  return v;
};

export const CI: CicFunctionDef = {
  id: 'CI',
  description:
    "Confidence interval of a proportion (Wilson score) or a rate (Byar's, exact below 10 events), as Fingertips computes it; spills value, lower, upper",
  params: [P.numerator, P.denominator, P.multiplier, P.level, P.method],
  result: { type: 'number', dimensionality: 'matrix' },
  data: 'workbook',
  run(_src, [x, n, multiplier, level, method]) {
    const ci = intervalArgs(x, n, multiplier, level, method);
    return [[finite(ci.value), finite(ci.lower), finite(ci.upper)]];
  },
};

/**
 * The benchmark on the multiplier's scale: the text "22.3%" is 22.3 under the default multiplier 100 and
 * 0.223 under 1; under 100 with an indicator named for the polarity, a number that can only be a fraction
 * of that indicator is refused as it is for BAND (indicatorValue).
 */
function benchmarkValue(src: Parameters<CicFunctionDef['run']>[0], x: unknown, indicator: Indicator | null, multiplier: number): number {
  const typed = percentText(scalar(x, 'benchmark_value'));
  if (typed !== null) return (typed / 100) * multiplier;
  return indicator && multiplier === 100 ? indicatorValue(src, indicator, x, 'benchmark_value') : num(x, 'benchmark_value');
}

export const COMPAREOF: CicFunctionDef = {
  id: 'COMPAREOF',
  description:
    "Whether the council's own figure differs from a benchmark value, the Fingertips way: Similar when the benchmark lies inside its confidence interval, else Better/Worse (Higher/Lower without polarity)",
  params: [
    P.numerator,
    P.denominator,
    { name: 'benchmark_value', type: 'number', description: 'The value to compare with, on the same scale as the multiplier (e.g. the England percentage)' },
    { name: 'polarity', type: 'string', description: '"High" or "Low" (which is good), blank for none, or an indicator key whose polarity to use' },
    P.multiplier,
    P.level,
    P.method,
  ],
  result: { type: 'string', dimensionality: 'scalar' },
  data: 'workbook+release',
  run(src, [x, n, benchmark, pol, multiplier, level, method]) {
    const { polarity, indicator } = polarityAndIndicator(src, pol);
    const ci = intervalArgs(x, n, multiplier, level, method);
    return compareToBenchmark(ci, benchmarkValue(src, benchmark, indicator, optNum(multiplier, 'multiplier') ?? 100), polarity);
  },
};

export const SIGCHANGE: CicFunctionDef = {
  id: 'SIGCHANGE',
  description:
    "Whether a change between two periods is statistically real: Newcombe's interval for the difference of two proportions (or non-overlapping Wilson intervals); Better/Similar/Worse, Higher/Similar/Lower without polarity",
  params: [
    { name: 'num_now', type: 'number', description: 'Count in the latest period' },
    { name: 'den_now', type: 'number', description: 'Denominator in the latest period' },
    { name: 'num_prev', type: 'number', description: 'Count in the earlier period' },
    { name: 'den_prev', type: 'number', description: 'Denominator in the earlier period' },
    PARAM.polarityOrIndicator,
    P.level,
    {
      name: 'method',
      type: 'string',
      optional: true,
      description: '"newcombe" (default: the difference\'s hybrid score interval excludes 0) or "overlap" (the two Wilson intervals do not overlap)',
    },
  ],
  result: { type: 'string', dimensionality: 'scalar' },
  data: 'workbook+release',
  run(src, [x1, n1, x0, n0, pol, level, method]) {
    const polarity = polarityArg(src, pol);
    return cells(() =>
      significantChange(
        { x: num(x1, 'num_now'), n: num(n1, 'den_now') },
        { x: num(x0, 'num_prev'), n: num(n0, 'den_prev') },
        polarity,
        levelArg(level),
        choice(method, 'method', CHANGE_METHODS, 'newcombe'),
      ),
    ).verdict;
  },
};
