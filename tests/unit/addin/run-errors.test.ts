/** Domain errors become the Excel errors Office accepts: messages only on #VALUE! and #N/A, no #NAME?/#REF!/#NULL! outputs. */
import { afterEach, describe, expect, it } from 'vitest';
import { toOfficeError } from '../../../addin/cells/run';
import { CellError, type ErrorCode } from '../../../shared/excel/errors';

class FakeError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}
const ErrorCode = { notAvailable: '#N/A', invalidValue: '#VALUE!', invalidNumber: '#NUM!', divisionByZero: '#DIV/0!' };

describe('toOfficeError', () => {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).CustomFunctions;
  });

  it.each<[ErrorCode, string, string | undefined]>([
    ['#N/A', '#N/A', 'why'],
    ['#VALUE!', '#VALUE!', 'why'],
    ['#NUM!', '#NUM!', undefined],
    ['#DIV/0!', '#DIV/0!', undefined],
    ['#NAME?', '#VALUE!', 'why'],
    ['#REF!', '#VALUE!', 'why'],
  ])('%s → %s with message %s', (from, to, message) => {
    (globalThis as Record<string, unknown>).CustomFunctions = { Error: FakeError, ErrorCode };
    const e = toOfficeError(new CellError(from, 'why')) as FakeError;
    expect(e).toBeInstanceOf(FakeError);
    expect([e.code, e.message]).toEqual([to, message]);
  });

  it('outside Excel, an Error carrying the code', () => {
    const e = toOfficeError(new CellError('#NUM!', 'n too small')) as Error & { code: string };
    expect([e.code, e.message]).toEqual(['#NUM!', 'n too small']);
  });
});
