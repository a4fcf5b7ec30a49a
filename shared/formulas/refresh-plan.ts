/**
 * A workbook's refresh, planned before it happens (issue 21 item 4): each CIC formula evaluated under the
 * release the workbook is pinned to and under a newer one, and the cells whose value would change. Only
 * formulas that are CIC calls over literal arguments can be evaluated outside Excel; the rest (cell
 * references, other Excel functions) are listed as not compared rather than guessed at.
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
  const notCompared = formulas.filter((f) => !comparable(f.formula));
  const compared = formulas.filter((f) => comparable(f.formula));
  const values = await Promise.all(
    compared.map(async (f) => {
      const [a, b] = await Promise.all([evaluateFormula(f.formula, now), evaluateFormula(f.formula, then)]);
      return { ...f, now: formatOutcome(a), then: formatOutcome(b) };
    }),
  );
  const changed = values.filter((v) => v.now !== v.then);
  return { changed, unchanged: values.length - changed.length, notCompared };
}
