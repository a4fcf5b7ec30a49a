/**
 * From a council's SSDA903 Header and Episodes CSVs (the DfE return, one or several years concatenated) to
 * the demand model's inputs: stock on a date, daily transition and exit rates, and entrants per day, by age
 * band × placement category. Pure: text in, tables out — the pane runs it on files read in the browser and
 * `cic demand` on files read from disk; no child-level value goes anywhere else.
 *
 * Cleaning follows Data to Insight's demand model: drop episodes with no child, start date or date of
 * birth; keep one episode per child and start date (the latest end, an open episode's the latest unless a
 * later return closed it — where D2I drops it) and per child and end date (the earliest start, so the
 * longer); cut an episode that overruns the next one short at the next start; fold continuation episodes
 * (a new episode only for a legal or placement status change, RNE L/T/U, that starts the day the previous
 * one ends) into the previous one; split episodes where the child crosses an age band.
 */
import { readCsv, type CsvTable } from '../importers/csv';
import { ImportError } from '../importers/errors';

const DAY_MS = 86_400_000;

/** D2I's age bands: the last runs on past 18 for care leavers still in placement. */
export const AGE_BANDS = [
  { label: 'Birth to 1', from: 0, to: 1 },
  { label: '1 to 5', from: 1, to: 5 },
  { label: '5 to 10', from: 5, to: 10 },
  { label: '10 to 16', from: 10, to: 16 },
  { label: '16 to 18+', from: 16, to: Infinity },
] as const;

export const PLACEMENT_CATEGORIES = ['Fostering', 'Residential', 'Supported', 'Other'] as const;
export type PlacementCategory = (typeof PLACEMENT_CATEGORIES)[number];

/** SSDA903 PLACE codes by D2I's categories; any other code is "Other". */
const CATEGORY_OF: Record<string, number> = {
  U1: 0,
  U2: 0,
  U3: 0,
  U4: 0,
  U5: 0,
  U6: 0,
  K2: 1,
  R1: 1,
  P3: 1,
  S1: 1,
  H5: 2,
  K3: 2,
  P2: 2,
};
export const categoryOfPlace = (place: string): number => CATEGORY_OF[place.trim().toUpperCase()] ?? 3;

export const STATES: readonly string[] = AGE_BANDS.flatMap((b) => PLACEMENT_CATEGORIES.map((c) => `${b.label} - ${c}`));
const NCAT = PLACEMENT_CATEGORIES.length;
const stateOf = (band: number, category: number) => band * NCAT + category;

// ---- dates as whole days since 1970-01-01 (UTC) ------------------------------------------------------

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?$/;
const UK = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil); null if no such day. */
function civilDay(y: number, m: number, d: number): number | null {
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (m < 1 || m > 12 || d < 1 || d > (m === 2 && leap ? 29 : MONTH_DAYS[m - 1]!)) return null;
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

const digits = (t: string, from: number, to: number): number => {
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = t.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
};

/** A date as 903 extracts write it ("2019-04-01" or "01/04/2019") as a day number; null if not a date. */
export function parseDay(text: string): number | null {
  // The two fixed-width forms every extract uses, read without a regex (50,000 episodes have 100,000 dates).
  if (text.length === 10) {
    if (text[4] === '-' && text[7] === '-') {
      const y = digits(text, 0, 4),
        m = digits(text, 5, 7),
        d = digits(text, 8, 10);
      if (y >= 0 && m >= 0 && d >= 0) return civilDay(y, m, d);
    } else if (text[2] === '/' && text[5] === '/') {
      const d = digits(text, 0, 2),
        m = digits(text, 3, 5),
        y = digits(text, 6, 10);
      if (y >= 0 && m >= 0 && d >= 0) return civilDay(y, m, d);
    }
  }
  const iso = ISO.exec(text);
  const uk = iso ? null : UK.exec(text);
  const m = iso ?? uk;
  if (!m) return null;
  return iso ? civilDay(+m[1]!, +m[2]!, +m[3]!) : civilDay(+m[3]!, +m[2]!, +m[1]!);
}
export const dayToDate = (day: number): Date => new Date(day * DAY_MS);
export const dateToDay = (d: Date): number => Math.floor(d.getTime() / DAY_MS);
export const isoDay = (day: number): string => dayToDate(day).toISOString().slice(0, 10);

/** The day a child born on `dob` turns `years` (29 February birthdays fall on 1 March in common years). */
function birthday(dob: number, years: number): number {
  const d = dayToDate(dob);
  return Date.UTC(d.getUTCFullYear() + years, d.getUTCMonth(), d.getUTCDate()) / DAY_MS;
}
/** Age in completed years on `day`. */
function ageOn(dob: number, day: number): number {
  const b = dayToDate(dob);
  const t = dayToDate(day);
  let age = t.getUTCFullYear() - b.getUTCFullYear();
  if (t.getUTCMonth() < b.getUTCMonth() || (t.getUTCMonth() === b.getUTCMonth() && t.getUTCDate() < b.getUTCDate())) age--;
  return age;
}
const bandOfAge = (age: number): number => {
  for (let i = AGE_BANDS.length - 1; i > 0; i--) if (age >= AGE_BANDS[i]!.from) return i;
  return 0;
};

// ---- reading ---------------------------------------------------------------------------------------

export interface Episode {
  child: string;
  decom: number;
  /** null while the episode is open. */
  dec: number | null;
  rne: string;
  place: string;
  /** The return year the row came from (its collection year), or 0 without a YEAR column. */
  year: number;
}

export interface CleaningLog {
  headerRows: number;
  episodeRows: number;
  /** Header rows superseded by a later return of the same child. */
  headerDuplicates: number;
  noChild: number;
  noStartDate: number;
  /** Episodes whose child has no date of birth in Header (or is not in it). */
  noDateOfBirth: number;
  sameStartDuplicates: number;
  sameEndDuplicates: number;
  overlapsShortened: number;
  continuationsMerged: number;
  zeroLength: number;
  /** Extra pieces made by splitting episodes at age-band birthdays. */
  ageSplits: number;
  episodesUsed: number;
}

/**
 * SSDA903 extracts are plain comma-separated rows with no quoting, so those are split directly (one line
 * per row, line numbers exact); a file with any quote goes through the full CSV reader instead.
 */
function readTable(file: string, text: string): CsvTable {
  if (text.includes('"')) return readCsv(file, text);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new ImportError(file, 1, 'empty file');
  const lines = body.split(/\r?\n/);
  if (lines[lines.length - 1] !== '') throw new ImportError(file, lines.length, 'the file ends mid-row (no final line break): truncated?');
  lines.pop();
  const header = lines[0]!.split(',');
  const rows: string[][] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const r = line.split(',');
    if (r.length !== header.length) throw new ImportError(file, i + 1, `${r.length} fields where the header has ${header.length}`);
    rows.push(r);
  }
  // Blank lines are skipped, so a row's line is found by counting back from its text only when needed.
  const lineNumbers =
    rows.length === lines.length - 1
      ? null
      : (() => {
          const out: number[] = [];
          for (let i = 1; i < lines.length; i++) if (lines[i] !== '') out.push(i + 1);
          return out;
        })();
  return { file, header, rows, lineOf: (i) => (lineNumbers ? lineNumbers[i]! : i + 2) };
}

type FileKind = 'Header' | 'Episodes';

function columnIndex(t: CsvTable, kind: FileKind, name: string, required: boolean): number {
  const i = t.header.findIndex((h) => h.trim().toUpperCase() === name);
  if (i < 0 && required)
    throw new ImportError(t.file, 1, `missing column "${name}" (this does not look like an SSDA903 ${kind} file; its columns are: ${t.header.join(', ')})`);
  return i;
}

function dateCell(t: CsvTable, i: number, col: string, raw: string): number | null {
  const s = raw.trim();
  if (s === '') return null;
  const d = parseDay(s);
  if (d === null) throw new ImportError(t.file, t.lineOf(i), `${col} "${s}" is not a date (expected YYYY-MM-DD or DD/MM/YYYY)`);
  return d;
}

function yearCell(t: CsvTable, i: number, raw: string | undefined): number {
  const s = (raw ?? '').trim();
  if (s === '') return 0;
  const y = Number(s);
  if (!Number.isInteger(y) || y < 1990 || y > 2100) throw new ImportError(t.file, t.lineOf(i), `YEAR "${s}" is not a collection year like 2024`);
  return y;
}

/**
 * The last day a date in the files can be: the 31 March that ends the last return (the highest YEAR in
 * either file), and not after the day the files are read. A date past it is a typo (13/06/2033 for
 * 13/06/2023); used, it would move the data's end and with it the reference window and the forecast.
 */
interface LastDay {
  day: number;
  why: string;
}

/** Dates past the last day, in file order, for one message. */
class LateDates {
  readonly found: string[] = [];
  count = 0;
  first: { file: string; line: number; text: string } | null = null;
  constructor(readonly last: LastDay | null) {}
  check(t: CsvTable, i: number, col: string, raw: string, day: number | null): void {
    if (day === null || this.last === null || day <= this.last.day) return;
    const text = `${col} "${raw.trim()}"`;
    this.first ??= { file: t.file, line: t.lineOf(i), text };
    if (this.count++ < LATE_SHOWN) this.found.push(`${t.file}:${t.lineOf(i)} ${text}`);
  }
  /** One line: the first offending date, where it is and why it is refused, then where the next few are. */
  throwIfAny(): void {
    if (!this.first || !this.last) return;
    const others = this.count - 1;
    const listed = this.found.slice(1).join(', ') + (this.count > LATE_SHOWN ? ` and ${this.count - LATE_SHOWN} more` : '');
    throw new ImportError(
      this.first.file,
      this.first.line,
      `${this.first.text} is after ${this.last.why} (a typo?)` +
        (others ? `, and so ${others > 1 ? `are ${others} more dates` : 'is 1 more date'}: ${listed}` : '') +
        `; correct ${others ? 'them' : 'it'} and load the files again`,
    );
  }
}
const LATE_SHOWN = 5;

function lastReturnYear(t: CsvTable, kind: FileKind): number {
  const c = columnIndex(t, kind, 'YEAR', false);
  let last = 0;
  if (c >= 0) t.rows.forEach((r, i) => (last = Math.max(last, yearCell(t, i, r[c]))));
  return last;
}

function lastDay(year: number, today: Date | undefined): LastDay | null {
  const returnEnd = year > 0 ? Date.UTC(year, 2, 31) / DAY_MS : Infinity;
  // A day's grace: the caller's today is local time, the days here are UTC.
  const now = today ? dateToDay(today) + 1 : Infinity;
  if (returnEnd <= now) return year > 0 ? { day: returnEnd, why: `31 March ${year}, when the last return (YEAR ${year}) ends` } : null;
  return { day: now, why: `today (${isoDay(now - 1)})` };
}

/** Date of birth by child, the latest return's row winning (D2I keeps the most recent Header entry). */
export function readHeader(
  text: string | CsvTable,
  file = 'Header',
  late = new LateDates(null),
): { dob: Map<string, number | null>; rows: number; duplicates: number } {
  const t = typeof text === 'string' ? readTable(file, text) : text;
  const cChild = columnIndex(t, 'Header', 'CHILD', true);
  const cDob = columnIndex(t, 'Header', 'DOB', true);
  const cYear = columnIndex(t, 'Header', 'YEAR', false);
  const best = new Map<string, { dob: number | null; year: number }>();
  let duplicates = 0;
  t.rows.forEach((r, i) => {
    const child = r[cChild]!.trim();
    if (child === '') return;
    const dob = dateCell(t, i, 'DOB', r[cDob]!);
    late.check(t, i, 'DOB', r[cDob]!, dob);
    const year = cYear >= 0 ? yearCell(t, i, r[cYear]) : 0;
    const had = best.get(child);
    if (had) duplicates++;
    if (!had || year >= had.year) best.set(child, { dob, year });
  });
  return { dob: new Map([...best].map(([k, v]) => [k, v.dob])), rows: t.rows.length, duplicates };
}

export function readEpisodes(
  text: string | CsvTable,
  file = 'Episodes',
  late = new LateDates(null),
): { episodes: Episode[]; rows: number; noChild: number; noStartDate: number } {
  const t = typeof text === 'string' ? readTable(file, text) : text;
  const column = (name: string, required = true) => columnIndex(t, 'Episodes', name, required);
  const c = {
    child: column('CHILD'),
    decom: column('DECOM'),
    rne: column('RNE'),
    place: column('PLACE'),
    dec: column('DEC'),
    year: column('YEAR', false),
  };
  const episodes: Episode[] = [];
  let noChild = 0;
  let noStartDate = 0;
  t.rows.forEach((r, i) => {
    const child = r[c.child]!.trim();
    const decom = dateCell(t, i, 'DECOM', r[c.decom]!);
    const dec = dateCell(t, i, 'DEC', r[c.dec]!);
    late.check(t, i, 'DECOM', r[c.decom]!, decom);
    late.check(t, i, 'DEC', r[c.dec]!, dec);
    if (child === '') return void noChild++;
    if (decom === null) return void noStartDate++;
    if (dec !== null && dec < decom) {
      throw new ImportError(t.file, t.lineOf(i), `DEC ${isoDay(dec)} is before DECOM ${isoDay(decom)}: an episode cannot end before it starts`);
    }
    episodes.push({
      child,
      decom,
      dec,
      rne: r[c.rne]!.trim().toUpperCase(),
      place: r[c.place]!.trim().toUpperCase(),
      year: c.year >= 0 ? yearCell(t, i, r[c.year]) : 0,
    });
  });
  return { episodes, rows: t.rows.length, noChild, noStartDate };
}

// ---- cleaning --------------------------------------------------------------------------------------

/** One stretch of care in one state: an episode, or the part of one within an age band. */
export interface Piece {
  child: string;
  state: number;
  start: number;
  /** The day the child left this state (null: still there at the end of the data). */
  end: number | null;
  /** Where the child went on `end`: a state index, 'exit' (left care), or null while open. */
  next: number | 'exit' | null;
  /** True when the child came into care (from outside it) at `start`. */
  entered: boolean;
}

export interface CleanData {
  pieces: Piece[];
  /** 31 March after the last date in the data, as D2I takes the end of the last return. */
  dataEnd: number;
  /** 1 April opening the earliest return (from YEAR), or null without a YEAR column. */
  dataStart: number | null;
  log: CleaningLog;
  /** Which file was read as which; swapped when they were given the other way round. */
  files: { header: string; episodes: string; swapped: boolean };
}

/** The 31 March closing the return an open episode came from: its YEAR's, or without one the first on or after its start. */
function returnEnd(e: Episode): number {
  if (e.year > 0) return Date.UTC(e.year, 2, 31) / DAY_MS;
  const d = dayToDate(e.decom);
  return Date.UTC(d.getUTCMonth() >= 3 ? d.getUTCFullYear() + 1 : d.getUTCFullYear(), 2, 31) / DAY_MS;
}

/**
 * Of two episodes of one child starting the same day, whether `a` stands over `b`: the latest end, an open
 * episode's being the latest of all — unless the closed one is the open one reported again by a later return
 * (from a later YEAR, or ending after the 31 March by which the open one was still open). D2I keeps the
 * latest known end, which drops an open episode beside a same-day one and with it a child still in care.
 */
function standsOver(a: Episode, b: Episode): boolean {
  if (a.dec !== null && b.dec !== null) return a.dec > b.dec;
  if (a.dec === null && b.dec === null) return false;
  const [open, closed] = a.dec === null ? [a, b] : [b, a];
  const laterReport = (open.year > 0 && closed.year > open.year) || closed.dec! > returnEnd(open);
  return (laterReport ? closed : open) === a;
}

const byChildStartEnd = (a: Episode, b: Episode) =>
  a.child < b.child ? -1 : a.child > b.child ? 1 : a.decom - b.decom || (a.dec === null ? (b.dec === null ? 0 : -1) : b.dec === null ? 1 : a.dec - b.dec);

/**
 * `today`, the day the files are read, bounds their dates when no YEAR column says when the last return
 * ends (and when one says it ends later); without it and without YEAR, dates are not bounded.
 */
/** Which SSDA903 file a table is, by its columns: a Header has DOB and no DECOM, an Episodes file DECOM and no DOB. */
function kindOf(t: CsvTable): FileKind | null {
  const has = (name: string) => t.header.some((h) => h.trim().toUpperCase() === name);
  if (has('DOB') && !has('DECOM')) return 'Header';
  if (has('DECOM') && !has('DOB')) return 'Episodes';
  return null;
}

export function cleanSsda903(headerText: string, episodesText: string, files = { header: 'Header', episodes: 'Episodes' }, today?: Date): CleanData {
  const given = [readTable(files.header, headerText), readTable(files.episodes, episodesText)] as const;
  // Two files chosen the wrong way round are read the right way round: each names its own kind by its columns.
  const swapped = kindOf(given[0]) === 'Episodes' && kindOf(given[1]) === 'Header';
  const [tHeader, tEpisodes] = swapped ? [given[1], given[0]] : given;
  // Every date is checked against the last return's end before any is used: refused with its lines, never dropped.
  const late = new LateDates(lastDay(Math.max(lastReturnYear(tHeader, 'Header'), lastReturnYear(tEpisodes, 'Episodes')), today));
  const header = readHeader(tHeader, tHeader.file, late);
  const read = readEpisodes(tEpisodes, tEpisodes.file, late);
  late.throwIfAny();
  const log: CleaningLog = {
    headerRows: header.rows,
    episodeRows: read.rows,
    headerDuplicates: header.duplicates,
    noChild: read.noChild,
    noStartDate: read.noStartDate,
    noDateOfBirth: 0,
    sameStartDuplicates: 0,
    sameEndDuplicates: 0,
    overlapsShortened: 0,
    continuationsMerged: 0,
    zeroLength: 0,
    ageSplits: 0,
    episodesUsed: 0,
  };
  let eps = read.episodes.filter((e) => {
    const ok = header.dob.get(e.child) != null;
    if (!ok) log.noDateOfBirth++;
    return ok;
  });
  eps.sort(byChildStartEnd);

  // Same child and start: one stands (see standsOver). Sorted, so each child-and-start run is adjacent.
  eps = eps.reduce<Episode[]>((kept, e) => {
    const k = kept[kept.length - 1];
    if (k === undefined || k.child !== e.child || k.decom !== e.decom) return (kept.push(e), kept);
    log.sameStartDuplicates++;
    if (standsOver(e, k)) kept[kept.length - 1] = e;
    return kept;
  }, []);
  // Same child and end (two open episodes count as the same end): keep the first, the earlier start.
  // Filtering keeps the order, so the episodes stay sorted and one child's ends can be tracked at a time.
  const seenEnd = new Set<number>();
  let endsOf = '';
  eps = eps.filter((e) => {
    if (e.child !== endsOf) {
      seenEnd.clear();
      endsOf = e.child;
    }
    const k = e.dec ?? -Infinity;
    if (seenEnd.has(k)) return (void log.sameEndDuplicates++, false);
    seenEnd.add(k);
    return true;
  });
  // An episode open past, or ending after, the next one's start ends when the next starts.
  for (let i = 0; i + 1 < eps.length; i++) {
    const e = eps[i]!;
    const n = eps[i + 1]!;
    if (n.child !== e.child) continue;
    if (e.dec === null || e.dec > n.decom) {
      e.dec = n.decom;
      log.overlapsShortened++;
    }
  }
  // Continuation episodes (status changes only, same placement going on) fold into the one before.
  const merged: Episode[] = [];
  let prevDec: number | null = null;
  let prevChild = '';
  for (const e of eps) {
    const last = merged[merged.length - 1];
    const continues =
      last !== undefined && (e.rne === 'L' || e.rne === 'T' || e.rne === 'U') && e.child === prevChild && prevDec !== null && e.decom === prevDec;
    prevDec = e.dec;
    prevChild = e.child;
    if (continues) {
      last.dec = e.dec;
      log.continuationsMerged++;
    } else merged.push(e); // the episodes are this function's own (read above), so changed in place
  }
  // A same-day episode has no night in care: dropped, so the ones either side join up.
  eps = merged.filter((e) => {
    const zero = e.dec !== null && e.dec === e.decom;
    if (zero) log.zeroLength++;
    return !zero;
  });
  log.episodesUsed = eps.length;
  if (eps.length === 0) {
    throw new ImportError(
      tEpisodes.file,
      1,
      `no usable episodes (${log.episodeRows} rows: ${log.noChild} without CHILD, ${log.noStartDate} without DECOM, ${log.noDateOfBirth} of children with no DOB in ${tHeader.file})`,
    );
  }

  let last = 0;
  for (const e of eps) last = Math.max(last, e.decom, e.dec ?? 0);
  const lastDate = dayToDate(last);
  const endYear = lastDate.getUTCMonth() >= 3 ? lastDate.getUTCFullYear() + 1 : lastDate.getUTCFullYear();
  const dataEnd = Date.UTC(endYear, 2, 31) / DAY_MS;
  let firstReturn = Infinity;
  for (const e of read.episodes) if (e.year > 0 && e.year < firstReturn) firstReturn = e.year;
  const dataStart = Number.isFinite(firstReturn) ? Date.UTC(firstReturn - 1, 3, 1) / DAY_MS : null;

  const pieces: Piece[] = [];
  for (let i = 0; i < eps.length; i++) {
    const e = eps[i]!;
    const prev = eps[i - 1];
    const nextEp = eps[i + 1];
    const dob = header.dob.get(e.child)!;
    const category = categoryOfPlace(e.place);
    const contiguousNext = nextEp !== undefined && nextEp.child === e.child && e.dec !== null && nextEp.decom === e.dec;
    const entered = !(prev !== undefined && prev.child === e.child && prev.dec === e.decom);
    let start = e.decom;
    let band = bandOfAge(ageOn(dob, start));
    const stop = e.dec ?? dataEnd;
    let first = true;
    // Split at each band birthday strictly inside the episode (ending on a birthday is handled by `next`).
    while (band + 1 < AGE_BANDS.length) {
      const b = birthday(dob, AGE_BANDS[band + 1]!.from);
      if (!(b > start && (e.dec === null ? b <= stop : b < stop))) break;
      pieces.push({ child: e.child, state: stateOf(band, category), start, end: b, next: stateOf(band + 1, category), entered: first && entered });
      log.ageSplits++;
      first = false;
      start = b;
      band++;
    }
    let next: Piece['next'] = null;
    if (e.dec !== null) {
      const endBand = bandOfAge(ageOn(dob, e.dec));
      next = contiguousNext ? stateOf(endBand, categoryOfPlace(nextEp.place)) : 'exit';
    }
    pieces.push({ child: e.child, state: stateOf(band, category), start, end: e.dec, next, entered: first && entered });
  }
  return { pieces, dataEnd, dataStart, log, files: { header: tHeader.file, episodes: tEpisodes.file, swapped } };
}

// ---- rates -----------------------------------------------------------------------------------------

export interface RateOptions {
  /** First day of the reference window (default: a year before its end). */
  referenceStart?: Date;
  /** Last day of the reference window (default: the end of the data, 31 March). */
  referenceEnd?: Date;
}

export interface DemandTables {
  states: string[];
  /** Children in each state at the end of the reference window's last day. */
  stock: number[];
  /** The forecast starts the day after the window (the stock above is the stock that morning). */
  start: Date;
  transitions: number[][];
  exits: number[];
  entrants: number[];
  /** The counts behind the rates, for sampling error: child-days at risk, moves, exits, entrants. */
  counts: { exposure: number[]; moves: number[][]; exits: number[]; entrants: number[] };
  window: { start: Date; end: Date; days: number };
  dataEnd: Date;
  log: CleaningLog;
  /** Which file was read as which (cleanSsda903). */
  files: CleanData['files'];
}

/**
 * Daily rates over the reference window. A rate is moves ÷ child-days at risk (children in the state the
 * evening before, summed over the window's days) — the maximum-likelihood daily probability; D2I averages
 * each day's moves/stock instead, which weighs a day with one child as much as a day with a hundred.
 */
export function demandRates(clean: CleanData, o: RateOptions = {}): DemandTables {
  const n = STATES.length;
  const refEnd = o.referenceEnd ? dateToDay(o.referenceEnd) : clean.dataEnd;
  const refStart = o.referenceStart ? dateToDay(o.referenceStart) : birthday(refEnd + 1, -1);
  if (!(refStart <= refEnd)) throw new ImportError('', 0, `the reference window starts (${isoDay(refStart)}) after it ends (${isoDay(refEnd)})`);
  // Before the first return the files hold only the children still in care at its start: rates would be low.
  if (clean.dataStart !== null && refStart < clean.dataStart) {
    throw new ImportError(
      '',
      0,
      `the reference window starts (${isoDay(refStart)}) before the first return does (${isoDay(clean.dataStart)}); children who left care before then are not in the files`,
    );
  }
  if (refEnd > clean.dataEnd) throw new ImportError('', 0, `the reference window ends (${isoDay(refEnd)}) after the data does (${isoDay(clean.dataEnd)})`);
  const days = refEnd - refStart + 1;
  const exposure = new Array<number>(n).fill(0);
  const moves = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const exits = new Array<number>(n).fill(0);
  const entrants = new Array<number>(n).fill(0);
  const stock = new Array<number>(n).fill(0);
  for (const p of clean.pieces) {
    // At risk of moving on day d when in the state on d − 1: d from start + 1 to end (or the window's end).
    const from = Math.max(p.start + 1, refStart);
    const to = Math.min(p.end ?? refEnd, refEnd);
    if (to >= from) exposure[p.state]! += to - from + 1;
    if (p.end !== null && p.end >= refStart && p.end <= refEnd) {
      if (p.next === 'exit') exits[p.state]!++;
      else if (p.next !== null) moves[p.state]![p.next]!++;
    }
    if (p.entered && p.start >= refStart && p.start <= refEnd) entrants[p.state]!++;
    if (p.start <= refEnd && (p.end === null || p.end > refEnd)) stock[p.state]!++;
  }
  const rate = (k: number, at: number) => (at > 0 ? k / at : 0);
  return {
    states: [...STATES],
    stock,
    start: dayToDate(refEnd + 1),
    transitions: moves.map((row, j) => row.map((k, to) => (to === j ? 0 : rate(k, exposure[j]!)))),
    exits: exits.map((k, j) => rate(k, exposure[j]!)),
    entrants: entrants.map((k) => k / days),
    counts: { exposure, moves, exits, entrants },
    window: { start: dayToDate(refStart), end: dayToDate(refEnd), days },
    dataEnd: dayToDate(clean.dataEnd),
    log: clean.log,
    files: clean.files,
  };
}

/** What the pane calls on the two files' text: cleaned, counted, rated. No I/O. */
export function demandFromSsda903(
  headerText: string,
  episodesText: string,
  options: RateOptions & { headerFile?: string; episodesFile?: string; today?: Date } = {},
): DemandTables {
  const clean = cleanSsda903(headerText, episodesText, { header: options.headerFile ?? 'Header', episodes: options.episodesFile ?? 'Episodes' }, options.today);
  return demandRates(clean, options);
}
