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
import { all, type BenchmarkSource } from '../source';

/** indicator → whether it publishes a value in (-1, 1) other than 0 in any year; immutable per release. */
const belowOne = new WeakMap<Indicator, boolean>();

/** Whether any year publishes such a value (every year read, once per indicator). */
function publishesBelowOne(src: BenchmarkSource, indicator: Indicator): boolean {
  let known = belowOne.get(indicator);
  if (known === undefined) {
    known = all(indicator.years, (y) => src.distribution(indicator.key, y)).some((d) => hasValueBelowOne(d.byLa.values()));
    belowOne.set(indicator, known);
  }
  return known;
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
  if (publishesBelowOne(src, indicator)) return n;
  throw valueError(
    `${name} ${n} looks like a fraction (${n} = ${asPercent(n)}); LAIT publishes ${indicator.key} in points: type ${points(n)} or "${points(n)}%" (or "${n}%" if you mean ${n} points)`,
  );
}
