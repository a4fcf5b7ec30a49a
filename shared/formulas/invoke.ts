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
  const list = [...args];
  // Excel passes an Invocation object after the declared parameters for some functions; it is never an argument.
  while (list.length > 0 && isInvocationLike(list[list.length - 1])) list.pop();
  if (list.length > def.params.length) throw valueError(`CIC.${def.id} takes at most ${def.params.length} arguments, got ${list.length}`);
  const out = def.params.map((_, i) => (list[i] === undefined ? null : list[i]));
  for (const v of out) if (isInvocationLike(v)) throw valueError(`CIC.${def.id}: unexpected ${Object.prototype.toString.call(v)} argument`);
  return out;
}

function checkResult(def: CicFunctionDef, v: CellValue): CellValue {
  const checkScalar = (x: unknown): void => {
    if (typeof x === 'number' && !Number.isFinite(x)) throw numError(`CIC.${def.id}: the result is not a finite number`);
    if (typeof x !== 'number' && typeof x !== 'string' && typeof x !== 'boolean') throw new Error(`CIC.${def.id} produced ${String(x)}`);
  };
  if (isEntity(v)) {
    if (typeof v.text !== 'string' || v.text === '') throw new Error(`CIC.${def.id} produced an entity without text`);
    for (const p of Object.values(v.properties)) checkScalar(p.basicValue);
    checkScalar(v.fallback);
  } else if (Array.isArray(v)) {
    if (v.length === 0 || v[0]?.length === 0) throw naError(`CIC.${def.id}: nothing to show`);
    const width = v[0]?.length ?? 0;
    for (const row of v) {
      if (!Array.isArray(row) || row.length !== width) throw new Error(`CIC.${def.id} produced a ragged table`);
      row.forEach(checkScalar);
    }
  } else {
    checkScalar(v);
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
 * Runs the definition and always settles with a cell value or an Excel error. A definition may answer
 * synchronously (over a release in memory): then no promise turn is spent beyond the one returned.
 */
export function invoke(def: CicFunctionDef, src: BenchmarkSource, args: readonly unknown[]): Promise<CellOutcome> {
  try {
    const out = def.run(src, normaliseArgs(def, args));
    if (isThenable(out)) return Promise.resolve(out).then((v) => outcome(def, v), toCellError);
    return Promise.resolve(outcome(def, out));
  } catch (e) {
    return Promise.resolve(toCellError(e));
  }
}
