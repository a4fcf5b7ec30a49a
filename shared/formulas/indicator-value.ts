/**
 * A value of an indicator as an analyst types, formats or pastes it (docs/method.md, "Percentages"):
 * LAIT publishes percentages in points, so the text "22.3%" is 22.3 for a percentage indicator, and a
 * number that can only be a fraction (0.223 from a cell formatted as 22.3%) is refused with how to write
 * it, never ranked as it stands. Every function that places, ranks or compares a value typed for an
 * indicator reads it here.
 */
import { asPercent, num, scalar } from '../excel/args';
import { valueError } from '../excel/errors';
import type { Indicator } from '../release/schema';
import { fractionLike, isPercentage, smallValues, type SmallValues } from '../release/units';
import { all, type BenchmarkSource } from '../source';

/** indicator → what it publishes between -1 and 1 in any year; immutable per release. */
const small = new WeakMap<Indicator, SmallValues>();

/** What the indicator publishes between -1 and 1, over every year (read once per indicator). */
function smallValuesOf(src: BenchmarkSource, indicator: Indicator): SmallValues {
  let found = small.get(indicator);
  if (!found) {
    const seen: SmallValues = { belowOne: false, upToOne: false };
    for (const d of all(indicator.years, (y) => src.distribution(indicator.key, y))) smallValues(d.byLa.values(), seen);
    small.set(indicator, (found = seen));
  }
  return found;
}

/** A percentage typed as text: " 25.5 % " → 25.5; anything else null. */
export function percentText(v: unknown): number | null {
  if (typeof v !== 'string') return null;
  const m = /^\s*([+-]?(?:\d[\d,]*\.?\d*|\.\d+))\s*%\s*$/.exec(v);
  return m ? Number(m[1]!.replace(/,/g, '')) : null;
}

const points = (n: number): string => String(Number((n * 100).toPrecision(12)));

/** The value `x` (argument `name`) for `indicator`, on the scale LAIT publishes it. */
export function indicatorValue(src: BenchmarkSource, indicator: Indicator, x: unknown, name: string): number {
  // Almost every cell: a number that cannot be a fraction (0, or more than 1 in size), taken as it stands.
  if (typeof x === 'number' && !fractionLike(x) && Number.isFinite(x)) return x;
  const v = scalar(x, name);
  const typed = percentText(v);
  const percentage = isPercentage(indicator);
  if (typed !== null) {
    if (percentage) return typed;
    throw valueError(
      `${name} "${String(v).trim()}" is a percentage, but LAIT publishes ${indicator.key} as ${indicator.unit || 'a number'}: type the number as LAIT shows it`,
    );
  }
  const n = num(v, name);
  if (!percentage || !fractionLike(n)) return n;
  // A number in (-1, 1) is a fraction unless the indicator publishes such values itself; ±1 (100%) unless it
  // publishes anything from -1 to 1.
  const seen = smallValuesOf(src, indicator);
  if (n === 1 || n === -1 ? seen.upToOne : seen.belowOne) return n;
  throw valueError(
    `${name} ${n} looks like a fraction (${n} = ${asPercent(n)}); LAIT publishes ${indicator.key} in points: type ${points(n)} or "${points(n)}%" (or "${n}%" if you mean ${n} points)`,
  );
}
