/**
 * Placement cost arithmetic. The seeds' table (Leicestershire, "Placement Name") states
 * annual = weekly × 52, so 52 weeks is the default; part years are priced by days / 7.
 */
import { valueError } from '../excel/errors';

/** A finite number ≥ 0, or a #VALUE! naming the argument. */
export function nonNegative(x: number, what: string): number {
  if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) {
    throw valueError(`${what} must be a number ≥ 0 (got ${String(x)})`);
  }
  return x;
}

/** Annual cost of one placement: weekly × weeks (52 by default, as in the seeds' table). */
export function annualCost(weekly: number, weeks = 52): number {
  return nonNegative(weekly, 'weekly cost') * nonNegative(weeks, 'weeks');
}

/** Cost of one placement for a number of days: weekly × days / 7. */
export function costForDays(weekly: number, days: number): number {
  return (nonNegative(weekly, 'weekly cost') * nonNegative(days, 'days')) / 7;
}

/** Cost of `children` placements at `weekly` for `weeks` weeks. Children may be an average (fractional). */
export function placementCost(weekly: number, children: number, weeks = 52): number {
  return annualCost(weekly, weeks) * nonNegative(children, 'children');
}
