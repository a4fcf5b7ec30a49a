/**
 * Calling a CIC function the way Excel does, and never letting a cell hang or crash: arguments are
 * normalised (undefined → null, a trailing invocation object dropped, arity checked), every failure
 * becomes an Excel error value, and results are checked to be something a cell can hold.
 */
import { CellError, naError, numError, valueError } from '../excel/errors';
import { Pending, retryAfter, type BenchmarkSource } from '../source';
import type { CellOutcome, CellValue, CicFunctionDef, EntityValue } from './types';

export const isEntity = (v: unknown): v is EntityValue => typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'Entity';

const isInvocationLike = (x: unknown): boolean => typeof x === 'object' && x !== null && !Array.isArray(x);

export function normaliseArgs(def: CicFunctionDef, args: readonly unknown[]): readonly unknown[] {
  // As Excel calls a cell (every declared parameter, omitted ones null): the arguments as they came.
  if (args.length === def.params.length && isPlain(args)) return args;
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

function isPlain(args: readonly unknown[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const v = args[i];
    if (v === undefined || isInvocationLike(v)) return false;
  }
  return true;
}

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

/**
 * Turn anything thrown into the Excel error a user should see. A CellError is the domain speaking (bad
 * input, no data); anything else is a defect, shown as its own #VALUE! "internal error" (never #N/A, which
 * means no data) carrying the exception as its `cause`, which each adapter logs (`defectOf`).
 */
export function toCellError(e: unknown, where = 'CIC'): CellError {
  if (e instanceof CellError) return e;
  const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return new CellError('#VALUE!', `${where} failed with an internal error (please report it): ${message}`, { cause: e });
}

/** The defect behind an "internal error" cell, for the adapter's log; undefined for the domain's own errors. */
export const defectOf = (v: unknown): unknown => (v instanceof CellError ? v.cause : undefined);

/**
 * One definition inside another's run (a card's properties): its value, or its Excel error as a value;
 * a Pending or a defect goes on up to the caller's `invoke`.
 */
export function callWithin(def: CicFunctionDef, src: BenchmarkSource, args: readonly unknown[]): CellOutcome {
  try {
    return checkResult(def, def.run(src, normaliseArgs(def, args)));
  } catch (e) {
    if (e instanceof CellError) return e;
    throw e;
  }
}

/**
 * Runs the definition: the cell value or Excel error at once when its data is in memory, else a promise
 * of it that always settles. Never throws. The one call path of every cell: the add-in, `cic eval` and
 * the service's lookup.
 */
export function invoke(def: CicFunctionDef, src: BenchmarkSource, args: readonly unknown[]): CellOutcome | Promise<CellOutcome> {
  // The answer at once when the data is in memory; a Pending waits for it.
  try {
    return checkResult(def, def.run(src, normaliseArgs(def, args)));
  } catch (e) {
    if (!(e instanceof Pending)) return toCellError(e, `CIC.${def.id}`);
    return retryAfter<CellOutcome>(
      e,
      () => checkResult(def, def.run(src, normaliseArgs(def, args))),
      (error) => toCellError(error, `CIC.${def.id}`),
    );
  }
}
