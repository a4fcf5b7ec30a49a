/**
 * Funnel-plot control limits for proportions, PHEindicatormethods' method (`calculate_funnel_limits`,
 * statistic "proportion", its `sigma_adjustment`): for a denominator n, the limits are the counts at
 * which the average proportion would lie on the Wilson score limit of x / n, i.e. the roots in x of
 * n(x/n − p̄)² = z²·p̄(1 − p̄) written as PHE writes the quadratic, at tail probability 0.975 (95%) and
 * 0.999 (99.8%). Charted against every LA's value and denominator, a point outside the 99.8% funnel is
 * the "outlier" Fingertips flags. Pure: the lead's funnel chart calls these.
 */
import { valueError } from '../excel/errors';
import { qnorm } from './distributions';

export interface FunnelPoint {
  denominator: number;
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

/**
 * One limit, as a proportion × multiplier, for tail probability p (0.975 or 0.999), denominator n and
 * the average proportion (0–1). PHE's quadratic term for term; where the limit would pass 0 or 1 (tiny
 * n) it is held there, as a proportion cannot leave [0, 1].
 */
export function funnelLimit(p: number, n: number, average: number, side: 'low' | 'high', multiplier = 100): number {
  if (!(p > 0.5 && p < 1)) throw valueError(`funnel tail probability must lie in (0.5, 1), e.g. 0.975, not ${p}`);
  if (!(Number.isFinite(n) && n > 0)) throw valueError(`funnel denominator must be > 0, not ${n}`);
  if (!(average >= 0 && average <= 1)) throw valueError(`average proportion must lie in [0, 1], not ${average}`);
  if (!(Number.isFinite(multiplier) && multiplier > 0)) throw valueError(`multiplier must be > 0, not ${multiplier}`);
  const z2 = qnorm(p) ** 2;
  const first = average * (n / z2 + 1);
  const disc = (-8 * average * (n / z2 + 1)) ** 2 - 64 * (1 / z2 + 1 / n) * average * (n * (average * (n / z2 + 2) - 1) + z2 * (average - 1));
  const adj = Math.sqrt(Math.max(0, disc));
  const last = 1 / z2 + 1 / n;
  const count = side === 'low' ? (first - adj / 8) / last : (first + adj / 8) / last;
  return Math.min(1, Math.max(0, count / n)) * multiplier;
}

/** The 95% and 99.8% limits around `average` (a proportion, 0–1) at each denominator. */
export function funnelLimits(average: number, denominators: readonly number[], multiplier = 100): FunnelPoint[] {
  return denominators.map((n) => ({
    denominator: n,
    lower95: funnelLimit(0.975, n, average, 'low', multiplier),
    upper95: funnelLimit(0.975, n, average, 'high', multiplier),
    lower998: funnelLimit(0.999, n, average, 'low', multiplier),
    upper998: funnelLimit(0.999, n, average, 'high', multiplier),
  }));
}

/** What PHE draws the funnel around: Σ numerators / Σ denominators over the areas with both (a proportion). */
export function pooledProportion(numerators: readonly (number | null)[], denominators: readonly (number | null)[]): number {
  let x = 0;
  let n = 0;
  for (let i = 0; i < numerators.length; i++) {
    const a = numerators[i];
    const b = denominators[i];
    if (a === null || a === undefined || b === null || b === undefined || !(b > 0)) continue;
    x += a;
    n += b;
  }
  if (!(n > 0)) throw valueError('no area has both a numerator and a denominator to pool');
  return x / n;
}

/** Denominators spaced evenly on a log scale from `from` to `to`: a smooth funnel line for a chart. */
export function funnelDenominators(from: number, to: number, points = 60): number[] {
  if (!(from > 0 && to > from && Number.isInteger(points) && points >= 2)) throw valueError('funnel range needs 0 < from < to and at least 2 points');
  const step = Math.log(to / from) / (points - 1);
  return Array.from({ length: points }, (_, i) => (i === points - 1 ? to : from * Math.exp(step * i)));
}

/** Where a point sits against the funnel: outside the 99.8% limits, between 95% and 99.8%, or inside 95%. */
export function funnelZone(value: number, limits: FunnelPoint): 'above 99.8%' | 'above 95%' | 'inside 95%' | 'below 95%' | 'below 99.8%' {
  if (value > limits.upper998) return 'above 99.8%';
  if (value > limits.upper95) return 'above 95%';
  if (value < limits.lower998) return 'below 99.8%';
  if (value < limits.lower95) return 'below 95%';
  return 'inside 95%';
}
