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
import { hasValueBelowOne, isPercentage } from '../release/units';
import type { BenchmarkSource } from '../source';

/** indicator → whether it publishes a value in (-1, 1) other than 0 in any year; immutable per release. */
const belowOne = new WeakMap<Indicator, boolean>();

/** Synchronously over a release in memory, else after reading every year (once per indicator). */
function publishesBelowOne(src: BenchmarkSource, indicator: Indicator): boolean | Promise<boolean> {
  const known = belowOne.get(indicator);
  if (known !== undefined) return known;
  const remember = (b: boolean): boolean => (belowOne.set(indicator, b), b);
  const missing: string[] = [];
  for (const year of indicator.years) {
    const d = src.distributionNow?.(indicator.key, year);
    if (!d) missing.push(year);
    else if (hasValueBelowOne(d.byLa.values())) return remember(true);
  }
  if (missing.length === 0) return remember(false);
  return Promise.all(missing.map((y) => src.distribution(indicator.key, y))).then((ds) => remember(ds.some((d) => hasValueBelowOne(d.byLa.values()))));
}

/** A percentage typed as text: " 25.5 % " → 25.5; anything else null. */
export function percentText(v: unknown): number | null {
  if (typeof v !== 'string') return null;
  const m = /^\s*([+-]?(?:\d[\d,]*\.?\d*|\.\d+))\s*%\s*$/.exec(v);
  return m ? Number(m[1]!.replace(/,/g, '')) : null;
}

const points = (n: number): string => String(Number((n * 100).toPrecision(12)));

/**
 * The value `x` (argument `name`) for `indicator`, on the scale LAIT publishes it: a number, or a promise
 * of one when deciding needs values not yet in memory.
 */
export function indicatorValue(src: BenchmarkSource, indicator: Indicator, x: unknown, name: string): number | Promise<number> {
  // Almost every cell: a number that cannot be a fraction, taken as it stands with no further look.
  if (typeof x === 'number' && (x === 0 || x >= 1 || x <= -1) && Number.isFinite(x)) return x;
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
  if (!percentage || n === 0 || Math.abs(n) >= 1) return n;
  const fraction = (below: boolean): number => {
    if (below) return n;
    throw valueError(
      `${name} ${n} looks like a fraction (${n} = ${asPercent(n)}); LAIT publishes ${indicator.key} in points: type ${points(n)} or "${points(n)}%" (or "${n}%" if you mean ${n} points)`,
    );
  };
  const below = publishesBelowOne(src, indicator);
  return typeof below === 'boolean' ? fraction(below) : below.then(fraction);
}
