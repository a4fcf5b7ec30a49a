/**
 * UK financial years (1 April – 31 March), labelled "2019/20", and Excel's 1900 date system.
 * Every date is read and built with UTC parts, so the machine's time zone never moves a date
 * across 31 March / 1 April. A "date" here is a UTC midnight (a time of day is kept but ignored).
 */
import { valueError } from '../excel/errors';
import { parseYearText } from '../release/years';

const DAY_MS = 86_400_000;
/** Excel's serial 0 for dates from 1 March 1900 on (its fake 29 Feb 1900 shifts earlier serials by one). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const FAKE_LEAP_DAY = 60;

export interface FinancialYear {
  /** Calendar year of the 1 April that starts it. */
  start: number;
  label: string;
}

export const fyLabel = (start: number): string => `${start}/${String((start + 1) % 100).padStart(2, '0')}`;

function validDate(date: Date, what = 'date'): Date {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw valueError(`${what} is not a valid date`);
  return date;
}

/** Calendar year of the 1 April that starts the FY containing `date`. */
export function fyStartYearOf(date: Date): number {
  const d = validDate(date);
  return d.getUTCMonth() >= 3 ? d.getUTCFullYear() : d.getUTCFullYear() - 1;
}

export function financialYearOf(date: Date): string {
  return fyLabel(fyStartYearOf(date));
}

/** A financial year as typed, by the one year grammar (shared/release/years.ts); "AY…" is not one. */
const fyText = (s: string) => {
  const p = parseYearText(s);
  return p && p.prefix !== 'AY' ? p : null;
};

/**
 * Accepts "2019/20", "2019-20", "2019/2020", "2019-2020", "FY2019/20", "2019 to 2020", "2019" and the
 * number 2019 (a number or a bare year is the year the FY starts in: FORECAST's documented rule).
 */
export function parseFinancialYear(x: unknown): FinancialYear {
  let start: number;
  if (typeof x === 'number') {
    start = x;
  } else if (typeof x === 'string') {
    const p = fyText(x);
    if (!p) throw valueError(`"${x}" is not a financial year; expected e.g. "2019/20" or 2019`);
    start = p.start;
    if (p.span && p.end !== start + 1) throw valueError(`"${x}" is not a financial year: the second year must follow ${start}`);
  } else {
    throw valueError(`financial year must be text like "2019/20" or a starting year like 2019 (got ${String(x)})`);
  }
  // 1899/00 holds Excel's first date (1 Jan 1900); 9999/00 its last (31 Dec 9999).
  if (!Number.isInteger(start) || start < 1899 || start > 9999) {
    throw valueError(`financial year must start between 1899 and 9999 (got ${String(x)})`);
  }
  return { start, label: fyLabel(start) };
}

/** 1 April of the year, 00:00 UTC. */
export const fyStartDate = (fy: string | number): Date => new Date(Date.UTC(parseFinancialYear(fy).start, 3, 1));
/** 31 March that closes the year, 00:00 UTC (the last day, not the instant after it). */
export const fyEndDate = (fy: string | number): Date => new Date(Date.UTC(parseFinancialYear(fy).start + 1, 2, 31));

/** 365, or 366 when the year contains a 29 February (e.g. 2019/20). */
export function daysInFinancialYear(fy: string | number): number {
  const { start } = parseFinancialYear(fy);
  return (Date.UTC(start + 1, 3, 1) - Date.UTC(start, 3, 1)) / DAY_MS;
}

/** Q1 = April–June … Q4 = January–March. */
export function quarterOf(date: Date): { fy: string; q: 1 | 2 | 3 | 4 } {
  const monthsIn = (validDate(date).getUTCMonth() + 9) % 12;
  return { fy: financialYearOf(date), q: (Math.floor(monthsIn / 3) + 1) as 1 | 2 | 3 | 4 };
}

/** Whole days from `date` (inclusive) to the end of its financial year (inclusive): 1 April → 365/366, 31 March → 1. */
export function daysRemainingInFinancialYear(date: Date): number {
  const start = fyStartYearOf(date);
  const day = Math.floor(date.getTime() / DAY_MS) * DAY_MS;
  return (Date.UTC(start + 1, 3, 1) - day) / DAY_MS;
}

/** Excel serial (1900 system; 1 = 1900-01-01, 43556 = 2019-04-01) to a UTC date; a fraction is the time of day. */
export function excelSerialToDate(serial: number): Date {
  if (typeof serial !== 'number' || !Number.isFinite(serial) || serial < 1 || serial >= 2_958_466) {
    throw valueError(`${String(serial)} is not an Excel date serial (1 = 1 January 1900 … 2958465 = 31 December 9999)`);
  }
  if (Math.floor(serial) === FAKE_LEAP_DAY) throw valueError('Excel serial 60 is 29 February 1900, a date that does not exist');
  // Before the fake leap day, Excel's serials are one less than the day count from 30 Dec 1899.
  const days = serial < FAKE_LEAP_DAY ? serial + 1 : serial;
  return new Date(EXCEL_EPOCH_MS + Math.round(days * DAY_MS));
}

export function dateToExcelSerial(d: Date): number {
  const days = (validDate(d).getTime() - EXCEL_EPOCH_MS) / DAY_MS;
  if (days < 2) throw valueError('Excel cannot represent dates before 1 January 1900');
  return days < FAKE_LEAP_DAY + 1 ? days - 1 : days;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
/** "1 October 2020", "1st Oct 2020", "1 Oct. 2020", "01-Oct-2020" (Excel's d-mmm-yyyy), "1 October, 2020". */
const WRITTEN_DATE = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]+)\.?,?[\s-]+(\d{4})$/i;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** A month's number (1-12) from its name or the usual short forms (Sep and Sept); null otherwise. */
function monthOf(word: string): number | null {
  const w = word.toLowerCase();
  const i = MONTH_NAMES.indexOf(w) >= 0 ? MONTH_NAMES.indexOf(w) : w === 'sept' ? 8 : MONTHS.indexOf(w);
  return i >= 0 ? i + 1 : null;
}

/** Whether text is a date written out with its month's name ("1 October 2020"), as opposed to a year. */
export const isWrittenDate = (s: string): boolean => {
  const m = WRITTEN_DATE.exec(s.trim());
  return m !== null && monthOf(m[2]!) !== null;
};

function utcDate(y: number, m: number, d: number, text: string): Date {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    throw valueError(`"${text}" is not a real date`);
  }
  return date;
}

/**
 * A date as users give it: a Date, an Excel serial, an ISO date "2020-10-01", a UK date "01/10/2020", a
 * date written out ("1 October 2020", "1 Oct 2020", "01-Oct-2020"), or a financial year label (its 1 April).
 */
export function toDate(x: unknown, what = 'date'): Date {
  if (x instanceof Date) return validDate(x, what);
  if (typeof x === 'number') return excelSerialToDate(x);
  if (typeof x === 'string') {
    const s = x.trim();
    const iso = ISO_DATE.exec(s);
    if (iso) return utcDate(Number(iso[1]), Number(iso[2]), Number(iso[3]), s);
    const uk = UK_DATE.exec(s);
    if (uk) return utcDate(Number(uk[3]), Number(uk[2]), Number(uk[1]), s);
    const written = WRITTEN_DATE.exec(s);
    const month = written && monthOf(written[2]!);
    if (written && month) return utcDate(Number(written[3]), month, Number(written[1]), s);
    if (fyText(s)) return fyStartDate(s);
  }
  throw valueError(
    `${what} must be a date: "2020-10-01", "01/10/2020", "1 October 2020", "1 Oct 2020", an Excel date, or a financial year like "2020/21" (got ${String(x)})`,
  );
}
