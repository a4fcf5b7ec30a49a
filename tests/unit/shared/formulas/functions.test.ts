/**
 * The CIC functions over a small hand-made release, each expected figure worked by hand in the comments
 * (R type 7 quartiles on the LA values only; England and regions never ranked).
 */
import { describe, expect, it } from 'vitest';
import { CellError } from '../../../../shared/excel/errors';
import { evaluateFormula, formatOutcome } from '../../../../shared/formulas/evaluate';
import { functionById, FUNCTIONS } from '../../../../shared/formulas/index';
import { invoke } from '../../../../shared/formulas/invoke';
import { ReleaseIndex } from '../../../../shared/release/release-index';
import { syntheticRelease } from '../../../fixtures/synthetic-release';

const src = new ReleaseIndex(syntheticRelease());
const ev = async (f: string) => formatOutcome(await evaluateFormula(f, src));
const call = (id: string, ...args: unknown[]) => invoke(functionById(id)!, src, args);

describe('benchmark functions on LowGood 2025: LA values 4, 8, 8, 10, 12, 12 (n = 6)', () => {
  // h = p·5: Q1 = x[1.25] = 8, Q2 = x[2.5] = 9, Q3 = x[3.75] = 11.5
  it('BOUNDARIES spills Q0..Q4 per QUARTILE.INC', async () => {
    expect(await call('BOUNDARIES', 'LowGood', 2025)).toEqual([[4, 8, 9, 11.5, 12]]);
  });
  it.each([
    [7.7, 'A', 1],
    [8, 'A', 1],
    [8.5, 'B', 2],
    [9, 'B', 2],
    [9.5, 'C', 3],
    [11.5, 'C', 3],
    [12, 'D', 4],
    [99, 'D', 4],
  ])('value %s → band %s, quartile %s (Low: a boundary value goes to the better band)', async (v, band, q) => {
    expect(await call('BAND', 'LowGood', v, '2025')).toBe(band);
    expect(await call('QUARTILE', 'lowgood', v, 2025)).toBe(q);
  });
  it('RANK: 1 + the number of LAs strictly better, so ties share the lowest rank', async () => {
    expect(await call('RANK', 'LowGood', 8)).toBe(2);
    expect(await call('RANK', 'LowGood', 12)).toBe(5);
    expect(await call('RANK', 'LowGood', 2)).toBe(1);
  });
  it('COUNT excludes England, regions and missing values', async () => {
    expect(await call('COUNT', 'LowGood')).toBe(6);
    expect(await call('COUNT', 'LowGood', 2024)).toBe(8);
  });
  it('VALUE accepts an LA by number, ONS code or name; NATIONAL is England', async () => {
    expect(await call('VALUE', 'LowGood', 855, 2025)).toBe(8);
    expect(await call('VALUE', 'LowGood', 'E10000018', 2025)).toBe(8);
    expect(await call('VALUE', 'LowGood', 'leicestershire', '2024')).toBe(7.7);
    expect(await call('NATIONAL', 'LowGood')).toBe(9);
  });
  it('SNAVG: mean (or median) of the neighbours that have a value, by model', async () => {
    // 2025 group of 855: 830=12, 891=–, 857=12, 856=10, 202=8, 201=4, 928=– → mean 46/5, median 10
    expect(await call('SNAVG', 'LowGood', 855)).toBeCloseTo(9.2, 12);
    expect(await call('SNAVG', 'LowGood', 855, null, 'median')).toBe(10);
    expect(await call('SNAVG', 'LowGood', 855, 2025, null, '2021')).toBe(12);
    // The model as a number, as Excel passes a typed 2021.
    expect(await call('SNAVG', 'LowGood', 855, 2025, null, 2021)).toBe(12);
    expect(await call('SNAVG', 'LowGood', 855, 2025, [['median']])).toBe(10);
  });
});

describe('High polarity: HighGood 2025, LA values 55, 61, 66, 70, 72, 75, 80 (n = 7)', () => {
  // h = p·6: Q1 = 63.5, Q2 = 70, Q3 = 73.5
  it.each([
    [63.5, 'D'],
    [63.6, 'C'],
    [70, 'C'],
    [73.5, 'B'],
    [73.6, 'A'],
    [80, 'A'],
  ])('%s → %s (High: a boundary value goes to the worse band)', async (v, band) => {
    expect(await call('BAND', 'HighGood', v)).toBe(band);
  });
  it('ranks high values first', async () => {
    expect(await call('RANK', 'HighGood', 70)).toBe(4);
    expect(await call('RANK', 'HighGood', 80)).toBe(1);
  });
});

describe('errors a user sees in the cell', () => {
  const code = async (p: unknown) => ((await p) as CellError).code;
  it('no polarity or No_Quartile → explained #N/A, not a guess', async () => {
    const r = await call('QUARTILE', 'NoPolarity', 3);
    expect(r).toBeInstanceOf(CellError);
    expect((r as CellError).code).toBe('#N/A');
    expect((r as CellError).message).toContain('no polarity');
    expect(await code(call('BAND', 'NoQuartile', 3))).toBe('#N/A');
    expect(await code(call('RANK', 'NoPolarity', 3))).toBe('#N/A');
    expect(await call('RANK', 'NoQuartile', 3)).toBe(3);
  });
  it('unknown indicator, LA or year → #N/A; bad types and arity → #VALUE!', async () => {
    expect(await code(call('BAND', 'Nope', 3))).toBe('#N/A');
    expect(await code(call('VALUE', 'LowGood', 999))).toBe('#N/A');
    expect(await code(call('BAND', 'LowGood', 3, 2019))).toBe('#N/A');
    expect(await code(call('BAND', 'LowGood', 'abc'))).toBe('#VALUE!');
    expect(await code(call('BAND', 'LowGood', 3, 2025, 'inc', 'extra'))).toBe('#VALUE!');
    expect(await code(call('BAND', 42, 3))).toBe('#VALUE!');
    expect(await code(call('BAND', 'LowGood', 3, 2025, 'nonsense'))).toBe('#VALUE!');
  });
  it('a suppressed value is #N/A, never 0', async () => {
    const r = await call('VALUE', 'LowGood', 891, 2025);
    expect((r as CellError).code).toBe('#N/A');
    expect((r as CellError).message).toContain('not published');
  });
  it('a trailing invocation object is not an argument', async () => {
    expect(await call('BAND', 'LowGood', 7.7, null, null, { address: 'Sheet1!A1' })).toBe('A');
  });
});

describe('metadata and workbook functions', () => {
  it('POLARITY, RELEASE, INDICATORS (by alias), NEIGHBOURS, UNITCOST', async () => {
    expect(await call('POLARITY', 'NoPolarity')).toBe('None');
    expect(await call('POLARITY', 'HighGood')).toBe('High');
    expect(await call('RELEASE')).toBe('synthetic-1');
    const found = (await call('INDICATORS', 'low good alias')) as unknown[][];
    expect(found[0]?.[0]).toBe('Key');
    expect(found.slice(1).map((r) => r[0])).toEqual(['LowGood']);
    expect(await call('NEIGHBOURS', 'Leicestershire', '2021')).toEqual([
      [891, 'Nottinghamshire'],
      [830, 'Derbyshire'],
      [928, 'Northamptonshire'],
    ]);
    expect(await call('UNITCOST', 'residential')).toBe(4500);
    expect(await call('UNITCOST', 'Residential care', 855, '2024-25')).toBe(4100);
  });
  it('CHANGE under a polarity, an indicator, or none; tolerance is relative', async () => {
    expect(await call('CHANGE', 7.7, 8.7, 'Low')).toBe('Better');
    expect(await call('CHANGE', 7.7, 8.7, 'HighGood')).toBe('Worse');
    expect(await call('CHANGE', 8, 8.05, 'Low')).toBe('Similar');
    expect(await call('CHANGE', 8, 8.05, 'Low', 0)).toBe('Better');
    expect(await call('CHANGE', 5, 4)).toBe('Higher');
  });
  it('RAG per the committee key', async () => {
    expect(await call('RAG', 1, 'Worse')).toBe('G');
    expect(await call('RAG', 'D', 'Better')).toBe('R');
    expect(await call('RAG', 2, 'Better')).toBe('G');
    expect(await call('RAG', 2, 'Better', 0.2)).toBe('A');
    expect(await call('RAG', 3, 'Worse')).toBe('R');
    expect(await call('RAG', 3, 'Similar')).toBe('A');
  });
  it('QUARTILEOF bands within a workbook range, ignoring blanks and text', async () => {
    expect(
      await call(
        'QUARTILEOF',
        7.7,
        [
          [4, 8, 8],
          [10, 12, 12],
        ],
        'Low',
      ),
    ).toBe(1);
    expect(await call('QUARTILEOF', 9.5, [[4, null, 8, 'x', 8, 10, 12, 12]], 'low')).toBe(3);
    expect(((await call('QUARTILEOF', 1, [['a', 'b']], 'Low')) as CellError).code).toBe('#N/A');
  });
});

describe('evaluateFormula (cic eval)', () => {
  it('evaluates nested formulas and propagates errors like Excel', async () => {
    expect(await ev('=CIC.BAND("LowGood", 7.7, 2025)')).toBe('A');
    expect(await ev('=CIC.RAG(CIC.QUARTILE("LowGood", 12), CIC.CHANGE(12, 10, "Low"))')).toBe('R');
    expect(await ev('=CIC.RAG(CIC.QUARTILE("NoPolarity", 1), "Better")')).toMatch(/^#N\/A .*no polarity/);
    expect(await ev('=CIC.NOSUCH(1)')).toMatch(/^#NAME\? /);
    expect(await ev('=CIC.BOUNDARIES("LowGood")')).toBe('[[4,8,9,11.5,12]]');
    expect(await ev('=CIC.SNAVG("LowGood", 855)')).toBe('9.2');
  });
  it('every function id is unique and documented', () => {
    const ids = FUNCTIONS.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of FUNCTIONS) {
      expect(f.description.length).toBeGreaterThan(10);
      for (const p of f.params) expect(p.description.length).toBeGreaterThan(5);
      // optional parameters only after required ones (Excel's rule)
      const firstOptional = f.params.findIndex((p) => p.optional);
      if (firstOptional >= 0) expect(f.params.slice(firstOptional).every((p) => p.optional)).toBe(true);
    }
  });
});
