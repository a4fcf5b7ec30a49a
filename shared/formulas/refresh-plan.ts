/**
 * A workbook's refresh, planned before it happens (issue 21 item 4): each CIC formula evaluated under the
 * release the workbook is pinned to and under a newer one, and the cells whose value would change. Only
 * CIC calls over literal arguments can be evaluated outside Excel: single-cell references are replaced by
 * the values read from the workbook (`withCellValues`); the rest (ranges, other Excel functions) are listed
 * as not compared rather than guessed at.
 */
import { parseFormula, type Expr } from '../excel/formula';
import type { BenchmarkSource } from '../source';
import { evaluateFormula, formatOutcome } from './evaluate';
import { functionById } from './index';

/** One cell holding a CIC formula. */
export interface WorkbookFormula {
  sheet: string;
  address: string;
  formula: string;
  /** The formula with the values of the cells it refers to in their place, when those were read. */
  literal?: string;
}

/** A cell whose value differs between the two releases: `now` under the pin, `then` under the newer release. */
export interface ChangedCell extends WorkbookFormula {
  now: string;
  then: string;
}

export interface RefreshPlan {
  changed: ChangedCell[];
  /** Formulas evaluated under both releases with the same value. */
  unchanged: number;
  /** Formulas that depend on cells or on Excel's own functions: not evaluated outside Excel. */
  notCompared: WorkbookFormula[];
}

const NAMESPACE = 'CIC.';

/** True when every call in the formula is a CIC function and every argument a literal. */
function onlyCic(e: Expr): boolean {
  if (e.kind !== 'call') return true;
  const name = e.name.toUpperCase();
  return name.startsWith(NAMESPACE) && functionById(name.slice(NAMESPACE.length)) !== undefined && e.args.every(onlyCic);
}

export function comparable(formula: string): boolean {
  try {
    return onlyCic(parseFormula(formula));
  } catch {
    return false; // a cell reference or a name: only Excel can evaluate it
  }
}

/** Evaluates every comparable formula under both sources (all at once, so an HTTP source batches its reads). */
export async function planRefresh(formulas: readonly WorkbookFormula[], now: BenchmarkSource, then: BenchmarkSource): Promise<RefreshPlan> {
  const text = (f: WorkbookFormula): string => f.literal ?? f.formula;
  const plain = ({ literal: _literal, ...f }: WorkbookFormula): WorkbookFormula => f;
  const notCompared = formulas.filter((f) => !comparable(text(f))).map(plain);
  const compared = formulas.filter((f) => comparable(text(f)));
  const values = await Promise.all(
    compared.map(async (f) => {
      const [a, b] = await Promise.all([evaluateFormula(text(f), now), evaluateFormula(text(f), then)]);
      return { ...plain(f), now: formatOutcome(a), then: formatOutcome(b) };
    }),
  );
  const changed = values.filter((v) => v.now !== v.then);
  return { changed, unchanged: values.length - changed.length, notCompared };
}

/** A single cell a formula refers to: its sheet as written (null: the formula's own) and its A1 address. */
export interface CellRef {
  sheet: string | null;
  address: string;
}

const STRING = /("(?:[^"]|"")*")/;
/** A1, $B$2, Sheet1!C3, 'My sheet'!D4 — not part of a range (A1:B2), a name or a function (LOG10). */
const REF = /(?<![\w$.:!'])((?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?\$?([A-Za-z]{1,3})\$?(\d+)(?![\w(:!])/g;

const refOf = (sheet: string | undefined, col: string, row: string): CellRef => ({
  sheet:
    sheet === undefined
      ? null
      : sheet
          .slice(0, -1)
          .replace(/^'(.*)'$/, '$1')
          .replace(/''/g, "'"),
  address: `${col.toUpperCase()}${row}`,
});

/** Rewrites every single-cell reference outside string literals through `f`. */
function eachRef(formula: string, f: (ref: CellRef) => string): string {
  return formula
    .split(STRING)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(REF, (_m, sheet: string | undefined, col: string, row: string) => f(refOf(sheet, col, row)))))
    .join('');
}

export function cellRefs(formula: string): CellRef[] {
  const refs: CellRef[] = [];
  eachRef(formula, (r) => (refs.push(r), ''));
  return refs;
}

/** A value read from a cell as a formula literal; null where none would be what Excel passes (blank, error). */
function literalOf(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string' && v !== '' && !v.startsWith('#')) return `"${v.replace(/"/g, '""')}"`;
  return null;
}

/** The formula with each referenced cell's value (from `valueOf`) in its place; null when one cannot be. */
export function withCellValues(formula: string, valueOf: (ref: CellRef) => unknown): string | null {
  let ok = true;
  const out = eachRef(formula, (r) => literalOf(valueOf(r)) ?? ((ok = false), ''));
  return ok ? out : null;
}
