/**
 * The single call path of every custom function: the shared definition through `invoke` (exactly what
 * `cic eval` runs), with a domain CellError turned into the Excel error Office shows in the cell.
 */
import type { CellError } from '../../shared/excel/errors';
import { isCellError } from '../../shared/excel/errors';
import { functionById } from '../../shared/functions/index';
import { invoke } from '../../shared/functions/invoke';
import { benchmarkSource } from '../client/runtime';

type OfficeErrorCode = CustomFunctions.ErrorCode;

const CODES: Record<CellError['code'], keyof typeof CustomFunctions.ErrorCode> = {
  '#N/A': 'notAvailable',
  '#VALUE!': 'invalidValue',
  '#NUM!': 'invalidNumber',
  '#DIV/0!': 'divisionByZero',
  '#REF!': 'invalidReference',
  '#NAME?': 'invalidName',
  '#NULL!': 'nullReference',
  '#BUSY!': 'notAvailable',
};

/**
 * An Excel error for the cell. Outside Excel (a plain browser with Office.js) CustomFunctions.Error is not
 * defined, so an Error carrying the same code stands in.
 */
export function toOfficeError(e: CellError): unknown {
  const cf = globalThis.CustomFunctions as typeof CustomFunctions | undefined;
  if (cf && typeof cf.Error === 'function' && cf.ErrorCode) {
    return new cf.Error(cf.ErrorCode[CODES[e.code]] as OfficeErrorCode, e.message);
  }
  return Object.assign(new Error(e.message), { code: e.code });
}

export async function run<T>(id: string, args: unknown[]): Promise<T> {
  const def = functionById(id);
  if (!def) throw toOfficeError({ code: '#NAME?', message: `Unknown function CIC.${id}` } as CellError);
  const out = await invoke(def, benchmarkSource(), args);
  if (isCellError(out)) throw toOfficeError(out);
  return out as T;
}
