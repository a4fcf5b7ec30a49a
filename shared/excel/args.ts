/**
 * Coercing what Excel passes into what the domain needs, with the message a user sees in the cell.
 * Excel gives numbers, strings, booleans, null (omitted optional or empty cell) and 2-D arrays for
 * ranges; a host may also pass an invocation object last, which `invoke` strips before we get here.
 */
import { valueError } from './errors';

export const isBlank = (x: unknown): boolean => x === null || x === undefined || (typeof x === 'string' && x.trim() === '');

/** A single cell: a 1×1 range is accepted as its value. */
export function scalar(x: unknown, name: string): unknown {
  if (Array.isArray(x)) {
    const cells = x.flat();
    if (cells.length === 1) return cells[0];
    throw valueError(`${name} must be a single value, not a range of ${cells.length} cells`);
  }
  return x;
}

export function num(x: unknown, name: string): number {
  const v = scalar(x, name);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw valueError(`${name} must be a finite number`);
    return v;
  }
  if (typeof v === 'string' && v.trim() !== '') {
    const t = v.trim();
    const pct = t.endsWith('%');
    const n = Number(pct ? t.slice(0, -1) : t.replace(/[£,]/g, ''));
    if (Number.isFinite(n)) return pct ? n / 100 : n;
  }
  if (isBlank(v)) throw valueError(`${name} is required`);
  throw valueError(`${name} must be a number, not ${describe(v)}`);
}

export function optNum(x: unknown, name: string): number | null {
  const v = scalar(x, name);
  return isBlank(v) ? null : num(v, name);
}

export function text(x: unknown, name: string): string {
  const v = scalar(x, name);
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  if (isBlank(v)) throw valueError(`${name} is required`);
  throw valueError(`${name} must be text, not ${describe(v)}`);
}

export function optText(x: unknown, name: string): string | null {
  const v = scalar(x, name);
  return isBlank(v) ? null : text(v, name);
}

/** Text or number, untouched (LAs and years accept either). */
export function key(x: unknown, name: string): string | number {
  const v = scalar(x, name);
  if (typeof v === 'number' || (typeof v === 'string' && v.trim() !== '')) return typeof v === 'string' ? v.trim() : v;
  if (isBlank(v)) throw valueError(`${name} is required`);
  throw valueError(`${name} must be text or a number, not ${describe(v)}`);
}

export function optKey(x: unknown, name: string): string | number | null {
  const v = scalar(x, name);
  // key() for what is not blank.
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const t = v.trim();
    return t === '' ? null : t;
  }
  return v === null || v === undefined ? null : key(v, name);
}

/** Every number in a range, row by row; blanks and text skipped as Excel's QUARTILE does. */
export function numbersOf(x: unknown, name: string): number[] {
  const out: number[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'number' && Number.isFinite(v)) out.push(v);
  };
  if (isBlank(x)) throw valueError(`${name} is required`);
  walk(x);
  return out;
}

export function describe(v: unknown): string {
  if (v === null || v === undefined) return 'blank';
  if (typeof v === 'string') return `"${v.length > 30 ? `${v.slice(0, 30)}…` : v}"`;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (Array.isArray(v)) return 'a range';
  return typeof v;
}

/**
 * One of a fixed set of words (case- and space-insensitive), from a cell or a 1×1 array constant, or the
 * fallback when blank. `options` maps each accepted spelling to its meaning; the first spelling of each
 * meaning is the one the error message offers.
 */
export function choice<T extends string>(x: unknown, name: string, options: Readonly<Record<string, T>>, fallback: NoInfer<T> | null): T {
  const v = scalar(x, name);
  if (isBlank(v)) {
    if (fallback === null) throw valueError(`${name} is required`);
    return fallback;
  }
  const word = typeof v === 'string' || typeof v === 'number' ? String(v).trim().toLowerCase() : null;
  const hit = word !== null && Object.hasOwn(options, word) ? options[word] : undefined;
  if (hit !== undefined) return hit;
  const offered = [...new Set(Object.values(options))].map((m) => `"${Object.keys(options).find((k) => options[k] === m)}"`);
  throw valueError(`${name} must be ${offered.slice(0, -1).join(', ')}${offered.length > 1 ? ' or ' : ''}${offered.at(-1)}, not ${describe(v)}`);
}

/** Where a rate, level or share may lie, as a fraction (5% = 0.05), and what one unit of it is per. */
export interface RateRange {
  min: number;
  max: number;
  /** Whether the bound itself is allowed (default: not). */
  minIncluded?: boolean;
  maxIncluded?: boolean;
  /** Said after the percentage in messages: " a year". */
  per?: string;
}

export const GROWTH: RateRange = { min: -1, max: 1, per: ' a year' };
export const LEVEL: RateRange = { min: 0, max: 1 };
export const SHARE: RateRange = { min: 0, max: 1, minIncluded: true, maxIncluded: true };

const inRange = (n: number, r: RateRange): boolean => (r.minIncluded ? n >= r.min : n > r.min) && (r.maxIncluded ? n <= r.max : n < r.max);
/** 0.05 → "5%", without binary noise (0.07 × 100 is 7.000000000000001). */
export const asPercent = (n: number): string => `${Number((n * 100).toPrecision(12))}%`;
const fraction = (n: number): string => String(Number((n / 100).toPrecision(12)));
const rangeText = (r: RateRange): string =>
  `${r.minIncluded ? 'from' : 'more than'} ${asPercent(r.min)} ${r.maxIncluded ? 'to' : 'and less than'} ${asPercent(r.max)}${r.per ?? ''}`;

/**
 * A rate, level or share typed the Excel way: 0.05, a cell formatted as 5% (which holds 0.05), or the text
 * "5%". Every rate argument of every function comes through here. A bare number of 1 or more outside the
 * range whose hundredth lies inside it can only be a percentage typed without its % sign (growth 5 meaning 5%, level
 * 95 meaning 95%): it is refused, never applied, and the message says how to write it. Text with a % sign
 * says what it means and only has to lie in the range.
 */
export function rate(x: unknown, name: string, range: RateRange): number {
  const v = scalar(x, name);
  const n = num(v, name);
  if (inRange(n, range)) return n;
  const withSign = typeof v === 'string' && v.trim().endsWith('%');
  if (!withSign && Math.abs(n) >= 1 && inRange(n / 100, range))
    throw valueError(`${name} ${n} looks like a percentage typed without its % sign (${n} = ${asPercent(n)}${range.per ?? ''}): type ${n}% or ${fraction(n)}`);
  throw valueError(`${name} must be ${rangeText(range)}, not ${withSign ? String(v).trim() : asPercent(n)}`);
}

/** The same, or `fallback` when blank. */
export function optRate(x: unknown, name: string, range: RateRange, fallback: number): number {
  return isBlank(scalar(x, name)) ? fallback : rate(x, name, range);
}
