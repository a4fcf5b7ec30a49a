/**
 * Calling a CIC function the way Excel does, and never letting a cell hang or crash: arguments are
 * normalised (undefined → null, a trailing invocation object dropped, arity checked), every failure
 * becomes an Excel error value, and results are checked to be something a cell can hold.
 */
import { CellError, naError, numError, valueError } from '../excel/errors';
import type { BenchmarkSource } from '../source';
import type { CellOutcome, CellValue, CicFunctionDef, EntityValue } from './types';

export const isEntity = (v: unknown): v is EntityValue => typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'Entity';

const isInvocationLike = (x: unknown): boolean => typeof x === 'object' && x !== null && !Array.isArray(x);

export function normaliseArgs(def: CicFunctionDef, args: readonly unknown[]): unknown[] {
  // Excel passes an Invocation object after the declared parameters for some functions; it is never an argument.
  let n = args.length;
  while (n > 0 && isInvocationLike(args[n - 1])) n--;
  if (n > def.params.length) throw valueError(`CIC.${def.id} takes at most ${def.params.length} arguments, got ${n}`);
  const out: unknown[] = new Array<unknown>(def.params.length);
  for (let i = 0; i < out.length; i++) {
    const v = i < n ? args[i] : undefined;
    if (isInvocationLike(v)) throw valueError(`CIC.${def.id}: unexpected ${Object.prototype.toString.call(v)} argument`);
    out[i] = v === undefined ? null : v;
  }
  return out;
}

// Module level, not a closure per call: results are checked on every cell of every recalculation.
function checkScalar(def: CicFunctionDef, x: unknown): void {
  if (typeof x === 'number') {
    if (!Number.isFinite(x)) throw numError(`CIC.${def.id}: the result is not a finite number`);
  } else if (typeof x !== 'string' && typeof x !== 'boolean') throw new Error(`CIC.${def.id} produced ${String(x)}`);
}

function checkResult(def: CicFunctionDef, v: CellValue): CellValue {
  if (isEntity(v)) {
    if (typeof v.text !== 'string' || v.text === '') throw new Error(`CIC.${def.id} produced an entity without text`);
    for (const p of Object.values(v.properties)) checkScalar(def, p.basicValue);
    checkScalar(def, v.fallback);
  } else if (Array.isArray(v)) {
    if (v.length === 0 || v[0]?.length === 0) throw naError(`CIC.${def.id}: nothing to show`);
    const width = v[0]?.length ?? 0;
    for (const row of v) {
      if (!Array.isArray(row) || row.length !== width) throw new Error(`CIC.${def.id} produced a ragged table`);
      for (const x of row) checkScalar(def, x);
    }
  } else {
    checkScalar(def, v);
  }
  return v;
}

/** Turn anything thrown into the Excel error a user should see. */
export function toCellError(e: unknown): CellError {
  if (e instanceof CellError) return e;
  const message = e instanceof Error ? e.message : String(e);
  // Anything else is the data source failing (network, storage): LAIT-style "no data", not bad input.
  return naError(message || 'Benchmark data unavailable');
}

const outcome = (def: CicFunctionDef, v: CellValue): CellOutcome => {
  try {
    return checkResult(def, v);
  } catch (e) {
    return toCellError(e);
  }
};

const isThenable = (x: unknown): x is PromiseLike<CellValue> => typeof (x as { then?: unknown } | null)?.then === 'function';

/**
 * Runs the definition: the cell value or Excel error at once when the definition answers synchronously
 * (over data in memory), else a promise of it that always settles. Never throws.
 */
export function invokeNow(def: CicFunctionDef, src: BenchmarkSource, args: readonly unknown[]): CellOutcome | Promise<CellOutcome> {
  try {
    const out = def.run(src, normaliseArgs(def, args));
    if (isThenable(out)) return Promise.resolve(out).then((v) => outcome(def, v), toCellError);
    return outcome(def, out);
  } catch (e) {
    return toCellError(e);
  }
}

/** invokeNow, always as a promise: what a cell waits on. */
export function invoke(def: CicFunctionDef, src: BenchmarkSource, args: readonly unknown[]): Promise<CellOutcome> {
  return Promise.resolve(invokeNow(def, src, args));
}
