/**
 * Year labels are kept exactly as DfE publishes them ("2025", "2024-25 (OT)", "2021/22-23/24").
 * Order is by the first four-digit year, then by text, which puts each measure's labels in time order.
 */
import { naError, valueError } from '../excel/errors';

const firstYear = (label: string): number => {
  const m = /\d{4}/.exec(label);
  return m ? Number(m[0]) : Number.NEGATIVE_INFINITY;
};

export function compareYears(a: string, b: string): number {
  return firstYear(a) - firstYear(b) || a.localeCompare(b);
}

export const sortYears = (labels: Iterable<string>): string[] => [...new Set(labels)].sort(compareYears);

interface Period {
  start: number;
  /** The year the period ends in: a financial or academic year "2024-25" ends in 2025; "2025" in 2025. */
  end: number;
  span: boolean;
}

/** The leading period of a label or of what was typed: "2024-25 (OT)", "2019/20", "2024-2025", "2025 (prov)". */
function periodOf(text: string): Period | null {
  const m = /^(\d{4})(?:\s*[-/–]\s*(\d{4}|\d{2})(?!\d))?/.exec(text.trim());
  if (!m) return null;
  const start = Number(m[1]);
  if (m[2] === undefined) return { start, end: start, span: false };
  const end = m[2].length === 2 ? Math.floor(start / 100) * 100 + Number(m[2]) + (Number(m[2]) < start % 100 ? 100 : 0) : Number(m[2]);
  return { start, end, span: true };
}

/** Spellings of one label that mean the same: case, "-" or "/", spaces. */
const spelling = (s: string): string => s.toLowerCase().replace(/[/–]/g, '-').replace(/\s+/g, ' ').trim();

/** Year types whose years are 12-month periods named by two calendar years (April–March, September–August). */
const isPeriodYearType = (yearType: string | undefined): boolean => /financ|academic|school/i.test(yearType ?? '');

/**
 * Resolve what a user typed as a year against an indicator's published labels, by one rule for every
 * indicator. Omitted → the latest (LAIT's default). Otherwise, in order:
 *   1. the same label, however spelt ("2019-20" finds "2019/20"; any case);
 *   2. the same period: "2024-25" or "2024/2025" finds "2024-25 (OT)";
 *   3. a single year Y finds the label for Y, else the period ending in Y (2025 finds "2024-25");
 *      for financial- and academic-year measures a period typed as "2024-25" also finds a label "2025".
 * Numbers and text alike: 2025 and "2025" are the same year.
 */
export function resolveYear(years: readonly string[], wanted: unknown, indicatorKey: string, yearType?: string): string {
  if (wanted === null || wanted === undefined || wanted === '') {
    const latest = years[years.length - 1];
    if (latest !== undefined) return latest;
  }
  // Every cell of a sheet asks the same few years of the same label lists (immutable): remember answers.
  const byWanted = typeof wanted === 'number' || typeof wanted === 'string' ? resolved.get(years) : undefined;
  const known = byWanted?.get(wanted as string | number);
  if (known !== undefined && known.yearType === yearType) return known.label;
  const label = resolveUncached(years, wanted, indicatorKey, yearType);
  if (typeof wanted === 'number' || typeof wanted === 'string') {
    let m = resolved.get(years);
    if (!m) resolved.set(years, (m = new Map()));
    if (m.size < MAX_REMEMBERED) m.set(wanted, { yearType, label });
  }
  return label;
}

const resolved = new WeakMap<readonly string[], Map<string | number, { yearType: string | undefined; label: string }>>();
/** Per label list; free text could otherwise grow it without bound. */
const MAX_REMEMBERED = 64;

function resolveUncached(years: readonly string[], wanted: unknown, indicatorKey: string, yearType?: string): string {
  const latest = years[years.length - 1];
  if (latest === undefined) throw naError(`${indicatorKey} has no published years`);
  if (wanted === null || wanted === undefined || wanted === '') return latest;
  let text: string;
  if (typeof wanted === 'number') {
    if (!Number.isInteger(wanted)) throw valueError(`Year must be a whole year such as 2025 or a label such as "2024-25", not ${wanted}`);
    text = String(wanted);
  } else if (typeof wanted === 'string') {
    text = wanted.trim();
  } else {
    throw valueError('Year must be a number such as 2025 or text such as "2024-25"');
  }
  const typed = spelling(text);
  const exact = years.filter((y) => spelling(y) === typed);
  if (exact.length === 1) return exact[0] as string;

  const p = periodOf(text);
  const rest = text
    .trim()
    .replace(/^\d{4}(?:\s*[-/–]\s*(?:\d{4}|\d{2})(?!\d))?/, '')
    .trim();
  if (p && rest === '') {
    const periods = years.map((y) => [y, periodOf(y)] as const);
    const pick = (found: string[]): string | null => {
      if (found.length === 1) return found[0] as string;
      if (found.length > 1) throw valueError(`Year "${text}" is ambiguous for ${indicatorKey}: ${found.join(', ')}`);
      return null;
    };
    const hit = p.span
      ? (pick(periods.filter(([, q]) => q?.span && q.start === p.start && q.end === p.end).map(([y]) => y)) ??
        (isPeriodYearType(yearType) ? pick(periods.filter(([, q]) => q && !q.span && q.start === p.end).map(([y]) => y)) : null))
      : (pick(periods.filter(([, q]) => q && !q.span && q.start === p.start).map(([y]) => y)) ??
        pick(periods.filter(([, q]) => q?.span && q.end === p.start && q.start === p.start - 1).map(([y]) => y)) ??
        pick(periods.filter(([, q]) => q?.span && q.end === p.start).map(([y]) => y))); // "2014-16" for 2016
    if (hit !== null) return hit;
    throw naError(`${indicatorKey} has no data for year "${text}"; published years: ${years.join(', ')}`);
  }
  // Anything else typed as the start of a label ("2021/22-23" for "2021/22-23/24").
  const starts = years.filter((y) => spelling(y).startsWith(typed));
  if (starts.length === 1 && starts[0] !== undefined) return starts[0];
  if (starts.length > 1) throw valueError(`Year "${text}" is ambiguous for ${indicatorKey}: ${starts.join(', ')}`);
  throw naError(`${indicatorKey} has no data for year "${text}"; published years: ${years.join(', ')}`);
}

/** The label published just before `year` for this indicator, or null for the first year. */
export function previousYear(years: readonly string[], year: string): string | null {
  const i = years.indexOf(year);
  return i > 0 ? (years[i - 1] ?? null) : null;
}
