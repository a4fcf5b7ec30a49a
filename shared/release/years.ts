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

/** The leading period of a published label: "2024-25 (OT)", "2019/20", "2025 (prov)", "2021/22-23/24". */
function periodOf(text: string): Period | null {
  const m = /^(\d{4})(?:\s*[-/–—]\s*(\d{4}|\d{2})(?!\d))?/.exec(text.trim());
  if (!m) return null;
  const start = Number(m[1]);
  return m[2] === undefined ? { start, end: start, span: false } : { start, end: endOf(start, m[2]), span: true };
}

/** "25" after 2024 is 2025; "00" after 1999 is 2000; four digits are themselves. */
const endOf = (start: number, end: string): number =>
  end.length === 2 ? Math.floor(start / 100) * 100 + Number(end) + (Number(end) < start % 100 ? 100 : 0) : Number(end);

/** The calendar year a published label ends in ("2020-21" and "2021" end in 2021), or null. */
export const yearEnds = (label: string): number | null => periodOf(label)?.end ?? null;

/** A year as typed: 2025, "2025", "2024-25", "2024/25", "2024-2025", "2024/2025", "FY2024-25", "FY2025", "AY2024/25". */
export interface TypedYear extends Period {
  /** "FY" (financial year) or "AY" (academic year) written before it. */
  prefix: 'FY' | 'AY' | null;
}

const TYPED = /^(?:(FY|AY)\s*)?(\d{4})(?:\s*(?:[-/–—]|\bto\b)\s*(\d{4}|\d{2}))?$/i;

/** The one grammar of a typed year, shared by every function and command (FORECAST's start_year too). */
export function parseYearText(text: string): TypedYear | null {
  const m = TYPED.exec(text.trim());
  if (!m) return null;
  const start = Number(m[2]);
  const prefix = m[1] ? (m[1].toUpperCase() as 'FY' | 'AY') : null;
  return m[3] === undefined ? { prefix, start, end: start, span: false } : { prefix, start, end: endOf(start, m[3]), span: true };
}

/** Spellings of one label that mean the same: case, "-" or "/", spaces. */
const spelling = (s: string): string => s.toLowerCase().replace(/[/–—]/g, '-').replace(/\s+/g, ' ').trim();

/**
 * How an indicator's year type names a 12-month year (LAIT's `Year_Type`):
 * - 'march': "Annual", the measures counted at 31 March (LAC, CIN, CPP): "2025" is 31 March 2025, the end
 *   of 2024-25;
 * - 'financial': April to March, "2025" is 2024-25;
 * - 'academic': September to August, and "Annual - January" (the school census, taken in the academic
 *   year's January): "2025" is 2024/25;
 * - 'calendar' and 'september' (the workforce census, year to 30 September): "2024-25" names no one year.
 */
export type YearKind = 'march' | 'financial' | 'academic' | 'calendar' | 'september' | 'other';

export function yearKind(yearType: string | undefined): YearKind {
  const t = (yearType ?? '').toLowerCase();
  if (t.includes('financ')) return 'financial';
  if (t.includes('academic') || t.includes('school') || t.includes('january')) return 'academic';
  if (t.includes('sept')) return 'september';
  if (t.includes('calendar')) return 'calendar';
  if (t.trim() === 'annual') return 'march';
  return 'other';
}

const KIND_WORDS: Record<YearKind, string> = {
  march: 'year to 31 March',
  financial: 'financial year',
  academic: 'academic year',
  calendar: 'calendar year',
  september: 'year to 30 September',
  other: 'year',
};

/** Whether a 12-month period "Y-1 to Y" is the label "Y" for this kind of year. */
const spanIsEndYear = (kind: YearKind): boolean => kind === 'march' || kind === 'financial' || kind === 'academic' || kind === 'other';

/**
 * Resolve what a user typed as a year against an indicator's published labels, by one rule for every
 * indicator and every function and command (docs/method.md, "Years"). Omitted → the latest (LAIT's
 * default). Otherwise, in order:
 *   1. the same label, however spelt ("2019-20" finds "2019/20"; any case);
 *   2. the same period: "2024-25", "2024/25", "2024-2025" or "FY2024-25" finds "2024-25 (OT)";
 *   3. a 12-month period typed for a year type that names it by its end finds that label: "2024-25" is
 *      "2025" for the 31 March measures, financial and academic years; for calendar years and years to
 *      30 September it names no one year and is refused with what to type;
 *   4. a single year Y ("2025", 2025, "FY2025") finds the label Y, else the 12-month period ending in Y,
 *      else the period ending in Y ("2014-16" for 2016).
 * "FY" is refused for academic and calendar measures and "AY" for financial ones, rather than guessed.
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
    text = wanted.trim().replace(/[\u2018\u2019\u201c\u201d'"]/g, '');
  } else {
    throw valueError('Year must be a number such as 2025 or text such as "2024-25"');
  }
  const typed = spelling(text);
  const exact = years.filter((y) => spelling(y) === typed);
  if (exact.length === 1) return exact[0] as string;

  const noData = () => naError(`${indicatorKey} has no data for year "${text}"; published years: ${years.join(', ')}`);
  const p = parseYearText(text);
  if (p) {
    const kind = yearKind(yearType);
    const words = KIND_WORDS[kind];
    if (
      (p.prefix === 'FY' && (kind === 'academic' || kind === 'calendar' || kind === 'september')) ||
      (p.prefix === 'AY' && kind !== 'academic' && kind !== 'other')
    )
      throw valueError(
        `"${text}" is ${p.prefix === 'FY' ? 'a financial' : 'an academic'} year, but ${indicatorKey} is published by ${words}; type ${p.end} or "${latest}"`,
      );
    if (p.span && p.end <= p.start) throw valueError(`Year "${text}" ends before it starts; type e.g. 2025 or "2024-25"`);
    const periods = years.map((y) => [y, periodOf(y)] as const);
    const pick = (found: string[]): string | null => {
      if (found.length === 1) return found[0] as string;
      if (found.length > 1) throw valueError(`Year "${text}" is ambiguous for ${indicatorKey}: ${found.join(', ')}`);
      return null;
    };
    const singles = (y: number) => periods.filter(([, q]) => q && !q.span && q.start === y).map(([l]) => l);
    const spans = (f: (q: Period) => boolean) => periods.filter(([, q]) => q?.span && f(q)).map(([l]) => l);
    if (p.span) {
      const same = pick(spans((q) => q.start === p.start && q.end === p.end));
      if (same !== null) return same;
      if (p.end === p.start + 1) {
        if (!spanIsEndYear(kind))
          throw valueError(`${indicatorKey} is published by ${words}: "${text}" could be ${p.start} or ${p.end}; type the year you mean, e.g. ${p.end}`);
        const single = pick(singles(p.end));
        if (single !== null) return single;
      }
      throw noData();
    }
    const hit = pick(singles(p.start)) ?? pick(spans((q) => q.end === p.start && q.start === p.start - 1)) ?? pick(spans((q) => q.end === p.start));
    if (hit !== null) return hit;
    throw noData();
  }
  // Anything else typed as the start of a label ("2021/22-23" for "2021/22-23/24").
  const starts = years.filter((y) => spelling(y).startsWith(typed));
  if (starts.length === 1 && starts[0] !== undefined) return starts[0];
  if (starts.length > 1) throw valueError(`Year "${text}" is ambiguous for ${indicatorKey}: ${starts.join(', ')}`);
  throw noData();
}

/** The label published just before `year` for this indicator, or null for the first year. */
export function previousYear(years: readonly string[], year: string): string | null {
  const i = years.indexOf(year);
  return i > 0 ? (years[i - 1] ?? null) : null;
}
