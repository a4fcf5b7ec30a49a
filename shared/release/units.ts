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

/** Whether a value could be a fraction of a percentage (0.223 for 22.3%, 1 for 100%): between -1 and 1, not 0. */
export const fractionLike = (v: number): boolean => v !== 0 && v >= -1 && v <= 1;

/** What an indicator publishes in that range (any geography, any year): there the range is used for real. */
export interface SmallValues {
  /** A value strictly between -1 and 1, not 0 (0.4% of pupils excluded). */
  belowOne: boolean;
  /** … or exactly 1 or -1 (1 point). */
  upToOne: boolean;
}

export function smallValues(values: Iterable<number | null>, into: SmallValues = { belowOne: false, upToOne: false }): SmallValues {
  for (const v of values) {
    if (v === null || !fractionLike(v)) continue;
    into.upToOne = true;
    if (v !== 1 && v !== -1) into.belowOne = true;
  }
  return into;
}
