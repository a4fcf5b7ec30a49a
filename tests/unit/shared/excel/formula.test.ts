import { describe, expect, it } from 'vitest';
import { parseFormula } from '../../../../shared/excel/formula';
import { CellError } from '../../../../shared/excel/errors';

describe('parseFormula', () => {
  it('parses a call with strings, numbers and omitted arguments', () => {
    expect(parseFormula('=CIC.BAND("LACStable_2016on", 14, , "2025")')).toEqual({
      kind: 'call',
      name: 'CIC.BAND',
      args: [{ kind: 'literal', value: 'LACStable_2016on' }, { kind: 'literal', value: 14 }, { kind: 'omitted' }, { kind: 'literal', value: '2025' }],
    });
  });

  it('reads Excel literals: "" escapes, percentages, exponents, booleans, negative numbers', () => {
    const args = (f: string) => (parseFormula(f) as { args: unknown[] }).args;
    expect(args('=f("say ""hi""", 50%, 1e3, -2.5, TRUE, false)')).toEqual([
      { kind: 'literal', value: 'say "hi"' },
      { kind: 'literal', value: 0.5 },
      { kind: 'literal', value: 1000 },
      { kind: 'literal', value: -2.5 },
      { kind: 'literal', value: true },
      { kind: 'literal', value: false },
    ]);
  });

  it('reads quotes pasted from Word (“ ” ‘ ’) as quotes; an apostrophe inside a string stays text', () => {
    const straight = parseFormula('=CIC.BAND("LACStable_2016on", 14, "2025")');
    expect(parseFormula('=CIC.BAND(“LACStable_2016on”, 14, “2025”)')).toEqual(straight);
    expect(parseFormula('=CIC.BAND(‘LACStable_2016on’, 14, ‘2025’)')).toEqual(straight);
    expect(parseFormula('=CIC.BAND(“LACStable_2016on", 14, "2025”)')).toEqual(straight); // half autocorrected
    const args = (f: string) => (parseFormula(f) as { args: unknown[] }).args;
    expect(args('=f("children’s homes", “Children’s ““homes”””, {“a”, ‘b’})')).toEqual([
      { kind: 'literal', value: 'children’s homes' },
      { kind: 'literal', value: 'Children’s “homes”' },
      { kind: 'array', rows: [['a', 'b']] },
    ]);
    expect(() => parseFormula('=f(“unterminated)')).toThrow(/unterminated string/);
  });

  it('reads array constants row by row', () => {
    expect(parseFormula('=CIC.QUARTILEOF(3, {1,2;3,4}, "Low")')).toMatchObject({
      args: [
        { value: 3 },
        {
          kind: 'array',
          rows: [
            [1, 2],
            [3, 4],
          ],
        },
        { value: 'Low' },
      ],
    });
  });

  it('nests calls', () => {
    expect(parseFormula('=CIC.RAG(CIC.QUARTILE("x", 1), "Better")')).toMatchObject({
      args: [{ kind: 'call', name: 'CIC.QUARTILE' }, { value: 'Better' }],
    });
  });

  it.each([
    ['=CIC.BAND("x", 1', 'expected , or )'],
    ['=CIC.BAND("x)', 'unterminated string'],
    ['=CIC.BAND(A1)', 'cell references are not supported'],
    ['=CIC.QUARTILEOF(1, {1,2;3}, "Low")', 'array rows differ'],
    ['=CIC.BAND("x") junk', 'unexpected text'],
  ])('rejects %s with a #VALUE! naming the problem', (f, msg) => {
    let err: unknown;
    try {
      parseFormula(f);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CellError);
    expect((err as CellError).code).toBe('#VALUE!');
    expect((err as CellError).message).toContain(msg);
  });
});
