import { expect } from 'vitest';
import { ImportError } from '../../../../shared/importers/errors';

/** Run fn, expect an ImportError, and return it for checks on file, line and reason. */
export function importErrorOf(fn: () => unknown): ImportError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return e as ImportError;
  }
  throw new Error('expected an ImportError, nothing was thrown');
}

/** CSV text from lines (LF, with a final line break). */
export const csv = (...lines: string[]): string => `${lines.join('\n')}\n`;
