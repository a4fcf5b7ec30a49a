/**
 * What an indicator's numbers are, read from LAIT's dictionary fields (`unit` is its y-axis name).
 * LAIT publishes a percentage in points: re-referrals 22.3 means 22.3%.
 */
import type { Indicator } from './schema';

/**
 * A percentage: the unit says so ("% of referrals", "% Children Looked After", 279 measures), or it is a
 * rate with no "per" ("Turnover rate", "Absence Rate": the workforce percentages), or the name says so.
 * Rates per 10,000, counts, scores and £ are not.
 */
export const isPercentage = (i: Pick<Indicator, 'unit' | 'name'>): boolean => {
  const unit = i.unit.trim();
  return unit.startsWith('%') || (/\brate$/i.test(unit) && !/\bper\b/i.test(unit)) || /\bper ?cent(age)?\b/i.test(i.name);
};

/** Whether any published value (any geography, any year) lies strictly between -1 and 1 other than 0. */
export const hasValueBelowOne = (values: Iterable<number | null>): boolean => {
  for (const v of values) if (v !== null && v !== 0 && Math.abs(v) < 1) return true;
  return false;
};
