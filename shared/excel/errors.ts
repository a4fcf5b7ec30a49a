/**
 * Excel error values as the domain raises them. The add-in maps these to CustomFunctions.Error,
 * `cic eval` prints them as `#CODE message`, and the API returns them inside lookup results.
 * Extends Error so a throw deep in the domain keeps a stack, yet carries the cell's code and message.
 */
export type ErrorCode = '#N/A' | '#VALUE!' | '#NUM!' | '#DIV/0!' | '#REF!' | '#NAME?' | '#NULL!' | '#BUSY!';

export const ERROR_CODES: readonly ErrorCode[] = ['#N/A', '#VALUE!', '#NUM!', '#DIV/0!', '#REF!', '#NAME?', '#NULL!', '#BUSY!'];

export class CellError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = 'CellError';
    this.code = code;
  }
  /** How `cic eval` and logs show it: `#N/A Unknown indicator "foo"`. */
  override toString(): string {
    return this.message ? `${this.code} ${this.message}` : this.code;
  }
}

export const isCellError = (x: unknown): x is CellError => x instanceof CellError;

/** Bad input: wrong type, out-of-range argument. */
export const valueError = (message: string): CellError => new CellError('#VALUE!', message);
/** Unknown indicator / LA / year, no data, or service unreachable with nothing cached. */
export const naError = (message: string): CellError => new CellError('#N/A', message);
/** Statistical impossibility: quartile of an empty set, QUARTILE.EXC outside its range. */
export const numError = (message: string): CellError => new CellError('#NUM!', message);
