/**
 * The slice of Excel's formula language that `cic eval` needs: calls (nested), strings with "" escapes
 * (in straight quotes or the curly ones a formula pasted from Word has),
 * numbers (1e3, 50%), TRUE/FALSE, array constants {1,2;3,4}, and omitted arguments (f(a,,c)).
 * Hand-written because it is this small and ours; a general Excel parser would bring a calculation engine.
 */
import { type CellError, valueError } from './errors';

export type Expr =
  | { kind: 'literal'; value: number | string | boolean }
  | { kind: 'omitted' }
  | { kind: 'array'; rows: (number | string | boolean)[][] }
  | { kind: 'call'; name: string; args: Expr[] };

const syntax = (msg: string, src: string, at: number): CellError =>
  valueError(`Formula syntax: ${msg} at position ${at + 1} of ${JSON.stringify(src.length > 80 ? `${src.slice(0, 80)}…` : src)}`);

/** Straight quotes, and the curly ones Word and Outlook type in their place. */
const DOUBLE = new Set(['"', '\u201C', '\u201D']);
const SINGLE = new Set(['\u2018', '\u2019']);
const isQuote = (c: string | undefined): boolean => c !== undefined && (DOUBLE.has(c) || SINGLE.has(c));

/** The quotes that close a string opened by `c`, or null when `c` opens none. */
export const closingQuotes = (c: string): ReadonlySet<string> | null => (DOUBLE.has(c) ? DOUBLE : SINGLE.has(c) ? SINGLE : null);

export function parseFormula(source: string): Expr {
  const s = source.trim();
  let i = s.startsWith('=') ? 1 : 0;

  const ws = () => {
    while (i < s.length && /\s/.test(s[i] ?? '')) i++;
  };
  const peek = () => (ws(), s[i]);

  const str = (): string => {
    // Quotes pasted from Word are quotes too: “…” as "…", and ‘…’ (which Excel would refuse) as well.
    const closers = DOUBLE.has(s[i]!) ? DOUBLE : SINGLE;
    i++; // opening quote
    let out = '';
    for (;;) {
      if (i >= s.length) throw syntax('unterminated string', s, i);
      const c = s[i++]!;
      if (closers.has(c)) {
        if (s[i] === c) {
          out += c;
          i++;
          continue;
        }
        return out;
      }
      out += c;
    }
  };

  const number = (): number => {
    const m = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?%?/i.exec(s.slice(i));
    if (!m) throw syntax('expected a number', s, i);
    i += m[0].length;
    const t = m[0];
    return t.endsWith('%') ? Number(t.slice(0, -1)) / 100 : Number(t);
  };

  const scalarLiteral = (): number | string | boolean => {
    const c = peek();
    if (isQuote(c)) return str();
    if (c !== undefined && /[0-9.+-]/.test(c)) return number();
    const m = /^(true|false)\b/i.exec(s.slice(i));
    if (m) {
      i += m[0].length;
      return m[0].toLowerCase() === 'true';
    }
    throw syntax('expected a value', s, i);
  };

  const array = (): Expr => {
    i++; // {
    const rows: (number | string | boolean)[][] = [[]];
    for (;;) {
      rows[rows.length - 1]?.push(scalarLiteral());
      const c = peek();
      i++;
      if (c === ',') continue;
      if (c === ';') {
        rows.push([]);
        continue;
      }
      if (c === '}') break;
      throw syntax('expected , ; or } in array constant', s, i - 1);
    }
    if (rows.some((r) => r.length !== rows[0]?.length)) throw syntax('array rows differ in length', s, i - 1);
    return { kind: 'array', rows };
  };

  const expr = (): Expr => {
    const c = peek();
    if (c === '{') return array();
    if (isQuote(c) || (c !== undefined && /[0-9.+-]/.test(c))) return { kind: 'literal', value: scalarLiteral() };
    const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(s.slice(i));
    if (!m) throw syntax('expected a value or a function call', s, i);
    i += m[0].length;
    if (peek() !== '(') {
      const word = m[0].toLowerCase();
      if (word === 'true' || word === 'false') return { kind: 'literal', value: word === 'true' };
      throw syntax(`"${m[0]}" is not a value (names and cell references are not supported)`, s, i);
    }
    i++; // (
    const args: Expr[] = [];
    if (peek() === ')') {
      i++;
      return { kind: 'call', name: m[0].toUpperCase(), args };
    }
    for (;;) {
      const c2 = peek();
      args.push(c2 === ',' || c2 === ')' ? { kind: 'omitted' } : expr());
      const sep = peek();
      i++;
      if (sep === ',') continue;
      if (sep === ')') break;
      throw syntax('expected , or )', s, i - 1);
    }
    return { kind: 'call', name: m[0].toUpperCase(), args };
  };

  const result = expr();
  ws();
  if (i < s.length) throw syntax('unexpected text after the formula', s, i);
  return result;
}
