/**
 * What changed between two releases: every value that changed, appeared or disappeared, by indicator,
 * LA (DfE number; England 970 and the regions 980–990 as LAIT numbers them) and year; the quartile
 * boundaries that moved; and a summary per indicator. A value is published when it is a number: a
 * missing or suppressed one, or one the release does not have at all, is null. Values compare as
 * numbers, the doubles the published text denotes (18.399999999999999 is 18.4; 82.30000000000001 is not
 * 82.3, which LAIT ranks apart).
 */
import { bandPolarity } from '../benchmark/polarity';
import { boundaries, sortedNumeric, type Boundaries } from '../benchmark/quartile';
import { EES_MEASURES } from '../importers/ees-counts';
import { POPULATION_KEY } from '../importers/population';
import type { Indicator, Release } from './schema';
import { sortYears } from './years';

export interface DiffItem {
  indicator: string;
  la: number;
  year: string;
  before: number | null;
  after: number | null;
}

export interface BoundaryMove {
  indicator: string;
  year: string;
  /** Q0–Q4 across the LAs (QUARTILE.INC, LAIT's method); null when no LA had a value. */
  before: Boundaries | null;
  after: Boundaries | null;
}

export interface IndicatorSummary {
  indicator: string;
  changed: number;
  added: number;
  removed: number;
  /** The year labels any of those fall in, oldest first. */
  years: string[];
  /** Years whose quartile boundaries moved. */
  boundaryYears: string[];
}

export interface ReleaseDiff {
  old: string;
  new: string;
  changed: DiffItem[];
  added: DiffItem[];
  removed: DiffItem[];
  boundaries: BoundaryMove[];
  summary: IndicatorSummary[];
}

export interface DiffOptions {
  /** Only these indicator keys (as the releases spell them); all when omitted. */
  indicators?: readonly string[];
}

/**
 * Measures the importer carries beside LAIT's own (the ONS population behind the rates, the EES counts
 * behind some percentages): not what LAIT published, so left out unless asked for by name.
 */
export const NOT_LAIT: ReadonlySet<string> = new Set([POPULATION_KEY, ...EES_MEASURES.map((m) => m.key)]);

const sameBoundaries = (a: Boundaries | null, b: Boundaries | null): boolean => a === b || (a !== null && b !== null && a.every((x, i) => x === b[i]));

const bandable = (i: Indicator | undefined): boolean => !!i && bandPolarity(i) !== null;

type Column = readonly (number | null)[] | undefined;

/** Q0–Q4 over the LAs only (England and the regions are never in a distribution). */
function boundariesOf(column: Column, laRows: readonly number[]): Boundaries | null {
  if (!column) return null;
  const sorted = sortedNumeric(laRows.map((i) => column[i]));
  return sorted.length ? boundaries(sorted) : null;
}

/** A published number, or null (missing, suppressed, or not in the release at all: row -1). */
const valueAt = (column: Column, i: number): number | null => {
  const v = column && i >= 0 ? column[i] : null;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

export function diffReleases(before: Release, after: Release, opts: DiffOptions = {}): ReleaseDiff {
  const oldIndicators = new Map(before.indicators.map((i) => [i.key, i]));
  const newIndicators = new Map(after.indicators.map((i) => [i.key, i]));
  const keys = opts.indicators?.length
    ? [...opts.indicators]
    : [...new Set([...after.indicators.map((i) => i.key), ...before.indicators.map((i) => i.key)])].filter((k) => !NOT_LAIT.has(k));
  const out: ReleaseDiff = { old: before.id, new: after.id, changed: [], added: [], removed: [], boundaries: [], summary: [] };
  // Every LA number either release has, and where it sits in each (-1: not there).
  const oldAt = new Map(before.las.map((l, i) => [l.number, i]));
  const newAt = new Map(after.las.map((l, i) => [l.number, i]));
  const las = [...new Set([...oldAt.keys(), ...newAt.keys()])].sort((p, q) => p - q);
  const oldRow = las.map((n) => oldAt.get(n) ?? -1);
  const newRow = las.map((n) => newAt.get(n) ?? -1);
  const oldLaRows = before.las.flatMap((l, i) => (l.kind === 'la' ? [i] : []));
  const newLaRows = after.las.flatMap((l, i) => (l.kind === 'la' ? [i] : []));
  for (const key of keys) {
    const a = before.values[key] ?? {};
    const b = after.values[key] ?? {};
    const summary: IndicatorSummary = { indicator: key, changed: 0, added: 0, removed: 0, years: [], boundaryYears: [] };
    for (const year of sortYears([...Object.keys(a), ...Object.keys(b)])) {
      const x = a[year];
      const y = b[year];
      let touched = false;
      for (let k = 0; k < las.length; k++) {
        const v = valueAt(x, oldRow[k] as number);
        const w = valueAt(y, newRow[k] as number);
        if (v === w) continue;
        const la = las[k] as number;
        const item: DiffItem = { indicator: key, la, year, before: v, after: w };
        touched = true;
        if (v === null) {
          out.added.push(item);
          summary.added++;
        } else if (w === null) {
          out.removed.push(item);
          summary.removed++;
        } else {
          out.changed.push(item);
          summary.changed++;
        }
      }
      if (touched) summary.years.push(year);
      if (bandable(newIndicators.get(key)) || bandable(oldIndicators.get(key))) {
        const q = boundariesOf(x, oldLaRows);
        const r = boundariesOf(y, newLaRows);
        if (!sameBoundaries(q, r)) {
          out.boundaries.push({ indicator: key, year, before: q, after: r });
          summary.boundaryYears.push(year);
        }
      }
    }
    if (summary.years.length || summary.boundaryYears.length) out.summary.push(summary);
  }
  return out;
}
