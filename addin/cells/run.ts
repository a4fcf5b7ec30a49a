/**
 * The single call path of every custom function: the shared definition through `invoke` (exactly what
 * `cic eval` runs), with a domain CellError turned into the Excel error Office shows in the cell.
 */
import type { CellError } from '../../shared/excel/errors';
import { isCellError } from '../../shared/excel/errors';
import { defectOf, invoke, isEntity } from '../../shared/formulas/invoke';
import type { CellOutcome, CicFunctionDef, EntityValue } from '../../shared/formulas/types';
import { benchmarkSource } from '../client/runtime';

type OfficeErrorCode = CustomFunctions.ErrorCode;

/**
 * Office's rules (learn.microsoft.com, "CustomFunctions.ErrorCode"): only #VALUE! and #N/A carry a custom
 * message; #NUM! and #DIV/0! are returned bare; #NAME?, #REF! and #NULL! are not valid outputs at all, so
 * those become #VALUE! with the message (they cannot reach a cell today: every id exists).
 */
const CODES: Record<CellError['code'], { code: keyof typeof CustomFunctions.ErrorCode; message: boolean }> = {
  '#N/A': { code: 'notAvailable', message: true },
  '#VALUE!': { code: 'invalidValue', message: true },
  '#NUM!': { code: 'invalidNumber', message: false },
  '#DIV/0!': { code: 'divisionByZero', message: false },
  '#REF!': { code: 'invalidValue', message: true },
  '#NAME?': { code: 'invalidValue', message: true },
  '#NULL!': { code: 'invalidValue', message: true },
  '#BUSY!': { code: 'notAvailable', message: true },
};

/**
 * An Excel error for the cell. Outside Excel (a plain browser with Office.js) CustomFunctions.Error is not
 * defined, so an Error carrying the same code stands in.
 */
export function toOfficeError(e: CellError): unknown {
  const cf = globalThis.CustomFunctions as typeof CustomFunctions | undefined;
  if (cf && typeof cf.Error === 'function' && cf.ErrorCode) {
    const { code, message } = CODES[e.code];
    return message ? new cf.Error(cf.ErrorCode[code] as OfficeErrorCode, e.message) : new cf.Error(cf.ErrorCode[code] as OfficeErrorCode);
  }
  return Object.assign(new Error(e.message), { code: e.code });
}

/**
 * Entity values (data-type cards) need CustomFunctionsRuntime 1.4 (Excel on the web, Microsoft 365 on
 * Windows 2208+ and Mac 16.64+). Elsewhere a card shows as its plain value, so the cell still means something.
 */
export function supportsDataTypes(
  office: { context?: { requirements?: { isSetSupported(name: string, version: string): boolean } } } | undefined = globalThis.Office,
): boolean {
  try {
    return office?.context?.requirements?.isSetSupported('CustomFunctionsRuntime', '1.4') === true;
  } catch {
    return false;
  }
}

/** What Office receives for an entity: the card where the host has data types, its plain value elsewhere. */
export function forHost(v: EntityValue, dataTypes: boolean): unknown {
  if (!dataTypes) return v.fallback;
  const { fallback: _plain, ...entity } = v;
  return entity;
}

/** What Office receives for a cell: its value, or a CustomFunctions.Error to throw. */
function forOffice(out: CellOutcome): unknown {
  if (isCellError(out)) {
    const defect = defectOf(out);
    if (defect !== undefined) console.error('CIC internal error:', defect);
    throw toOfficeError(out);
  }
  return isEntity(out) ? forHost(out, supportsDataTypes()) : out;
}

/**
 * The value at once when the data is in memory (Excel takes a plain return), else a promise that settles
 * with it; a domain error is thrown as Office's error either way.
 */
export function run(def: CicFunctionDef, args: unknown[]): unknown {
  const out = invoke(def, benchmarkSource(), args);
  return out instanceof Promise ? out.then(forOffice) : forOffice(out);
}
