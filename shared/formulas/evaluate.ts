/**
 * Evaluating a parsed formula as Excel would: arguments first (an error argument makes the call that
 * error, as in Excel), then the CIC function through `invoke` — the same path the add-in takes.
 */
import { CellError } from '../excel/errors';
import { parseFormula, type Expr } from '../excel/formula';
import type { BenchmarkSource } from '../source';
import { functionById } from './index';
import { invoke, isEntity, toCellError } from './invoke';
import type { CellOutcome } from './types';

const NAMESPACE = 'CIC.';

async function evaluateExpr(e: Expr, src: BenchmarkSource): Promise<CellOutcome | null> {
  switch (e.kind) {
    case 'literal':
      // A typed number past the double range (2011e308) is no number Excel can hold.
      return typeof e.value === 'number' && !Number.isFinite(e.value) ? new CellError('#NUM!', 'the number is too large') : e.value;
    case 'omitted':
      return null;
    case 'array':
      return e.rows.some((row) => row.some((x) => typeof x === 'number' && !Number.isFinite(x))) ? new CellError('#NUM!', 'the number is too large') : e.rows;
    case 'call': {
      const id = e.name.startsWith(NAMESPACE) ? e.name.slice(NAMESPACE.length) : e.name;
      const def = functionById(id);
      if (!def) return new CellError('#NAME?', `Unknown function ${e.name}; CIC functions are ${NAMESPACE}QUARTILE, ${NAMESPACE}BAND, …`);
      const args: unknown[] = [];
      for (const a of e.args) {
        const v = await evaluateExpr(a, src);
        if (v instanceof CellError) return v;
        args.push(v);
      }
      return invoke(def, src, args);
    }
  }
}

export async function evaluateFormula(formula: string, src: BenchmarkSource): Promise<CellOutcome> {
  try {
    const v = await evaluateExpr(parseFormula(formula), src);
    return v === null ? 0 : v; // a bare omitted value shows as 0 in Excel
  } catch (e) {
    return toCellError(e);
  }
}

/** One line of `cic eval` output: a number as Excel shows it (15 significant digits), text, JSON for spills, a card's text and properties, or `#ERR message`. */
export function formatOutcome(v: CellOutcome): string {
  if (v instanceof CellError) return v.toString();
  if (typeof v === 'number') return String(Number(v.toPrecision(15)));
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (isEntity(v)) return `${v.text} ${JSON.stringify(Object.fromEntries(Object.entries(v.properties).map(([k, p]) => [k, p.basicValue])))}`;
  if (Array.isArray(v)) return JSON.stringify(v.map((row) => row.map((x) => (typeof x === 'number' ? Number(x.toPrecision(15)) : x))));
  return v;
}
