/**
 * Just enough of Excel's formula language to run the demand sheet's own formulas in a test: numbers, text,
 * cell and range references (with $ and 'Sheet'! prefixes), + − × ÷, comparisons, and MAX, IF, OR, SUM and
 * SUMPRODUCT with element-wise array arithmetic. Blank cells are 0 in arithmetic and comparisons, as in Excel.
 */
import { columnName } from '../../../addin/excel/sheet';

type V = number | string | boolean | null | V[][];
export type Cells = Map<string, Map<string, unknown>>; // sheet → A1 → value or formula

const colIndex = (c: string) => [...c].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

/** Every cell a mock sheet writer wrote, by sheet and A1 address. */
export function cellsOf(sheets: { name: string; deleted: boolean; ranges: { address: string; values?: unknown[][]; formulas?: unknown[][] }[] }[]): Cells {
  const out: Cells = new Map();
  for (const s of sheets.filter((x) => !x.deleted)) {
    const m = out.get(s.name) ?? new Map<string, unknown>();
    out.set(s.name, m);
    for (const r of s.ranges) {
      const grid = r.formulas ?? r.values;
      if (!grid) continue;
      const [, c, row] = /^([A-Z]+)(\d+)/.exec(r.address)!;
      grid.forEach((line, i) => line.forEach((v, j) => m.set(`${columnName(colIndex(c!) + j)}${Number(row) + i}`, v)));
    }
  }
  return out;
}

const TOKEN =
  /\s*(?:('(?:[^']|'')+'!|[A-Za-z ]+!)?(\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?)|(\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|("(?:[^"]|"")*")|([A-Z][A-Z.]*)\(|(<>|<=|>=|[-+*/(),=<>]))/y;

/** Custom functions the formulas may call (e.g. CIC.DEMAND), by name. */
export const extra = new Map<string, (args: V[]) => V>();

// Results per workbook, so a range read by many formulas is computed once (set inputs before evaluating).
const memo = new WeakMap<Cells, Map<string, V>>();

export function evaluate(cells: Cells, sheet: string, address: string, depth = 0): V {
  const cache = memo.get(cells) ?? new Map<string, V>();
  memo.set(cells, cache);
  const key = `${sheet}!${address}`;
  if (cache.has(key)) return cache.get(key)!;
  const v = compute(cells, sheet, address, depth);
  cache.set(key, v);
  return v;
}

function compute(cells: Cells, sheet: string, address: string, depth: number): V {
  const raw = cells.get(sheet)?.get(address);
  if (depth > 50) throw new Error('too deep');
  if (typeof raw !== 'string' || !raw.startsWith('=')) return raw === '' || raw === undefined ? null : (raw as V);
  const text = raw.slice(1);
  const toks: { kind: string; v: string; sheet?: string }[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const m = TOKEN.exec(text);
    if (!m) throw new Error(`cannot read ${text.slice(TOKEN.lastIndex)}`);
    if (m[2]) toks.push({ kind: 'ref', v: m[2].replace(/\$/g, ''), sheet: m[1] ? m[1].slice(0, -1).replace(/^'|'$/g, '').replace(/''/g, "'") : sheet });
    else if (m[3]) toks.push({ kind: 'num', v: m[3] });
    else if (m[4]) toks.push({ kind: 'str', v: m[4].slice(1, -1).replace(/""/g, '"') });
    else if (m[5]) toks.push({ kind: 'fn', v: m[5] });
    else toks.push({ kind: 'op', v: m[6]! });
  }
  let p = 0;
  const peek = () => toks[p];
  const take = (v?: string) => {
    const t = toks[p++];
    if (!t || (v && t.v !== v)) throw new Error(`expected ${v} in ${raw}`);
    return t;
  };
  const ref = (s: string, a: string): V => {
    const [from, to] = a.split(':');
    if (!to) return evaluate(cells, s, from!, depth + 1);
    const [, c1, r1] = /([A-Z]+)(\d+)/.exec(from!)!;
    const [, c2, r2] = /([A-Z]+)(\d+)/.exec(to)!;
    const rows: V[][] = [];
    for (let r = Number(r1); r <= Number(r2); r++) {
      const line: V[] = [];
      for (let c = colIndex(c1!); c <= colIndex(c2!); c++) line.push(evaluate(cells, s, `${columnName(c)}${r}`, depth + 1));
      rows.push(line);
    }
    return rows;
  };
  const num = (v: V): number => (v === null || v === '' ? 0 : typeof v === 'boolean' ? Number(v) : typeof v === 'number' ? v : Number.NaN);
  const lift = (a: V, b: V, f: (x: V, y: V) => V): V => {
    if (Array.isArray(a) || Array.isArray(b)) {
      const A = Array.isArray(a) ? a : null;
      const B = Array.isArray(b) ? b : null;
      const shape = (A ?? B)!;
      return shape.map((line, i) => line.map((_, j) => f(A ? A[i]![j]! : a, B ? B[i]![j]! : b)));
    }
    return f(a, b);
  };
  const binary: Record<string, (x: V, y: V) => V> = {
    '+': (x, y) => num(x) + num(y),
    '-': (x, y) => num(x) - num(y),
    '*': (x, y) => num(x) * num(y),
    '/': (x, y) => num(x) / num(y),
    '=': (x, y) => num(x) === num(y),
    '<>': (x, y) => num(x) !== num(y),
    '<': (x, y) => num(x) < num(y),
    '>': (x, y) => num(x) > num(y),
    '<=': (x, y) => num(x) <= num(y),
    '>=': (x, y) => num(x) >= num(y),
  };
  const flat = (v: V): V[] => (Array.isArray(v) ? v.flat() : [v]);
  const fns: Record<string, (args: V[]) => V> = {
    MAX: (a) => Math.max(...a.flatMap(flat).map(num)),
    SUM: (a) => a.flatMap(flat).reduce<number>((s, x) => s + num(x), 0),
    SUMPRODUCT: (a) => flat(a.reduce((x, y) => lift(x, y, binary['*']!))).reduce<number>((s, x) => s + num(x), 0),
    OR: (a) => a.flatMap(flat).some((x) => num(x) !== 0),
    IF: (a) => (num(a[0]!) !== 0 ? a[1]! : (a[2] ?? false)),
  };
  const levels = [
    ['=', '<>', '<', '>', '<=', '>='],
    ['+', '-'],
    ['*', '/'],
  ];
  const expr = (level = 0): V => {
    if (level === levels.length) return unary();
    let left = expr(level + 1);
    while (peek()?.kind === 'op' && levels[level]!.includes(peek()!.v)) {
      const op = take().v;
      left = lift(left, expr(level + 1), binary[op]!);
    }
    return left;
  };
  const unary = (): V => {
    const t = take();
    if (t.kind === 'op' && t.v === '-') return lift(unary(), null, (x) => -num(x));
    if (t.kind === 'op' && t.v === '(') {
      const v = expr();
      take(')');
      return v;
    }
    if (t.kind === 'num') return Number(t.v);
    if (t.kind === 'str') return t.v;
    if (t.kind === 'ref') return ref(t.sheet!, t.v);
    if (t.kind === 'fn') {
      const args: V[] = [];
      // An omitted argument (",,") is null, as Excel passes it to a custom function.
      if (peek()?.v !== ')')
        for (;;) {
          args.push(peek()?.v === ',' || peek()?.v === ')' ? null : expr());
          if (peek()?.v === ',') take(',');
          else break;
        }
      take(')');
      const f = fns[t.v] ?? extra.get(t.v);
      if (!f) throw new Error(`no function ${t.v}`);
      return f(args);
    }
    throw new Error(`unexpected ${t.v} in ${raw}`);
  };
  const v = expr();
  if (p !== toks.length) throw new Error(`left over in ${raw}`);
  return v;
}
