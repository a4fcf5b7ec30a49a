/**
 * Every CIC function through `invoke` (the one path the add-in, `cic eval` and the API share) over the
 * committed default release: any arguments give a value a cell can hold or a CellError — never a throw,
 * never a hang. Then `evaluateFormula` on random formula text.
 */
import fc from 'fast-check';
import { isEntity } from '../../shared/formulas/invoke';
import { describe, expect, it } from 'vitest';
import { readReleaseFile } from '../../node/release-file';
import { CellError, ERROR_CODES } from '../../shared/excel/errors';
import { evaluateFormula } from '../../shared/formulas/evaluate';
import { FUNCTIONS } from '../../shared/formulas/index';
import { invoke } from '../../shared/formulas/invoke';
import type { CellOutcome } from '../../shared/formulas/types';
import { ReleaseIndex } from '../../shared/release/release-index';
import { fuzzParams, within } from './config';
import { argumentsByName, excelValue } from './excel-values';

const index = new ReleaseIndex(readReleaseFile());
const validish = argumentsByName(index.release);
const CALL_MS = 2_000;
/** Excel's limit on the text in one cell. */
const MAX_CELL_TEXT = 32_767;

function cellProblem(v: CellOutcome): string | null {
  if (v instanceof CellError) return ERROR_CODES.includes(v.code) && typeof v.message === 'string' ? null : `bad CellError ${v.code}`;
  const scalarProblem = (x: unknown): string | null => {
    if (typeof x === 'number') return Number.isFinite(x) ? null : `non-finite ${x}`;
    if (typeof x === 'string') return x.length <= MAX_CELL_TEXT ? null : `text of ${x.length} characters`;
    return typeof x === 'boolean' ? null : `not a cell value: ${Object.prototype.toString.call(x)}`;
  };
  if (isEntity(v)) {
    // A data-type card: text, typed properties and a plain fallback, each a cell value itself.
    if (typeof v.text !== 'string' || v.text === '') return 'entity without text';
    for (const [name, p] of Object.entries(v.properties)) {
      const problem = scalarProblem(p.basicValue);
      if (problem) return `entity property ${name}: ${problem}`;
    }
    return scalarProblem(v.fallback);
  }
  if (!Array.isArray(v)) return scalarProblem(v);
  const width = v[0]?.length ?? 0;
  if (v.length === 0 || width === 0) return 'empty matrix';
  for (const row of v) {
    if (!Array.isArray(row) || row.length !== width) return 'ragged matrix';
    for (const x of row) {
      const p = scalarProblem(x);
      if (p) return p;
    }
  }
  return null;
}

/** Arguments as Excel might send them: any count (wrong arity included), sometimes an invocation object last. */
const argsFor = (arity: number, value: fc.Arbitrary<unknown>) =>
  fc
    .tuple(fc.array(value, { maxLength: arity + 2 }), fc.boolean())
    .map(([args, invocation]) => (invocation ? [...args, { address: 'Sheet1!A1', functionName: 'X' }] : args));

async function check(id: string, args: unknown[]): Promise<void> {
  const def = FUNCTIONS.find((f) => f.id === id)!;
  const out = await within(CALL_MS, `CIC.${id}`, Promise.resolve(invoke(def, index, args)));
  expect(cellProblem(out), `CIC.${id}(${fc.stringify(args).slice(0, 300)}) → ${fc.stringify(out).slice(0, 200)}`).toBeNull();
}

describe('every CIC function on arbitrary Excel values returns a cell value or an Excel error', () => {
  it.each(FUNCTIONS.map((f) => [f.id, f.params.length] as const))('%s', async (id, arity) => {
    await fc.assert(
      fc.asyncProperty(argsFor(arity, excelValue), (args) => check(id, args)),
      fuzzParams(300, 2),
    );
    // Each parameter mostly valid-ish for its name, sometimes junk or omitted, to reach the deep paths.
    const params = FUNCTIONS.find((f) => f.id === id)!.params;
    const deep = fc.tuple(
      ...params.map((p) =>
        fc.oneof({ weight: 8, arbitrary: validish(p.name) }, { weight: 1, arbitrary: excelValue }, { weight: 1, arbitrary: fc.constant(null) }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(deep, (args) => check(id, args)),
      fuzzParams(300, 2),
    );
  });
});

describe('evaluateFormula on random formula text never throws', () => {
  const names = fc.constantFrom(...FUNCTIONS.map((f) => `CIC.${f.id}`), 'SUM', 'CIC.', '');
  const token = fc.oneof(
    names,
    fc.constantFrom('(', ')', ',', ';', '{', '}', '"', '""', '=', ' ', 'TRUE', '1e308', '-', '%', '.'),
    fc.string({ maxLength: 6 }),
    validish('indicator').map((v) => JSON.stringify(v)),
    validish('la').map((v) => JSON.stringify(v)),
  );
  const formula = fc.oneof(
    fc.array(token, { maxLength: 30 }).map((t) => t.join('')),
    fc.string({ maxLength: 80 }),
    fc.integer({ min: 1, max: 5_000 }).map((n) => `=${'CIC.COUNT('.repeat(n)}`),
  );
  it('returns an outcome a cell can hold', async () => {
    await fc.assert(
      fc.asyncProperty(formula, async (f) => {
        const out = await within(CALL_MS, `evaluateFormula ${f.slice(0, 60)}`, evaluateFormula(f, index));
        expect(cellProblem(out), f.slice(0, 200)).toBeNull();
      }),
      fuzzParams(500, 4),
    );
  });
});
