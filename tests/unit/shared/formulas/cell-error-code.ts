import { CellError, type ErrorCode } from '../../../../shared/excel/errors';

/** The CellError code `f` throws, or undefined if it returns; other exceptions propagate. */
export function thrownCode(f: () => unknown): ErrorCode | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof CellError) return e.code;
    throw e;
  }
  return undefined;
}
