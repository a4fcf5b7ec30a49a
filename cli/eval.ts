/**
 * `cic eval`: formulas in, one result per line out, evaluated offline exactly as the Excel functions do.
 * Reads arguments, or standard input line by line (streamed, so thousands of formulas run in one process
 * with the release loaded once). A result that is an indicator's value prints to the decimals DfE
 * publishes it with (`--raw`: full precision).
 */
import { createInterface } from 'node:readline';
import { closingQuotes, parseFormula } from '../shared/excel/formula';
import { evaluateFormula, formatOutcome } from '../shared/formulas/evaluate';
import type { Catalog } from '../shared/release/catalog';
import { read, type BenchmarkSource } from '../shared/source';
import { terminalText } from '../shared/terminal-text';
import { command } from './args';
import { indicatorDecimals, inIndicatorUnits, withDecimals } from './decimals';

export const EVAL_COMMAND = command({
  name: 'eval',
  usage: `usage: cic eval [--release FILE]… [--raw] [FORMULA …]
Evaluates =CIC.* formulas offline, exactly as the Excel functions do: each FORMULA given, else one formula
a line from standard input; one result a line (an error as "#N/A message").
  --release FILE   the release to compute with (default: the committed default release); give several
                   for a history: the newest as-of computes, CIC.REVISIONS reads them all
  --raw            numbers in full precision (default: an indicator's value to its published decimals)
  -h, --help       this help
Quotes pasted from Word (“ ” ‘ ’) read as quotes. Example:
  echo '=CIC.BAND("LACStable_2016on", 14, "2025")' | cic eval
`,
  options: { release: { type: 'string', multiple: true }, raw: { type: 'boolean' } },
  positionals: true,
});

/** Deeper than any formula a person writes (Excel itself allows 64 levels); beyond it the parser would overflow its stack. */
export const MAX_NESTING = 64;

/** How deeply brackets nest outside string literals (quoted as the parser quotes them, curly quotes included). */
export function nestingDepth(formula: string): number {
  let depth = 0;
  let max = 0;
  let inString: ReadonlySet<string> | null = null;
  for (const ch of formula) {
    if (inString) {
      if (inString.has(ch)) inString = null;
    } else if ((inString = closingQuotes(ch))) continue;
    else if (ch === '(' || ch === '{') max = Math.max(max, ++depth);
    else if (ch === ')' || ch === '}') depth--;
  }
  return max;
}

export class EvalInputError extends Error {}

/** The function a formula calls at its top, and the decimals its indicator is published to, where both are known. */
async function decimalsOf(formula: string, src: BenchmarkSource, catalog: Catalog): Promise<{ id: string; dps: number } | null> {
  let e;
  try {
    e = parseFormula(formula);
  } catch {
    return null; // evaluateFormula reports the syntax error
  }
  if (e.kind !== 'call') return null;
  const id = e.name.replace(/^CIC\./, '');
  const first = e.args[0];
  if (!inIndicatorUnits(id) || first?.kind !== 'literal' || typeof first.value !== 'string') return null;
  let indicator;
  try {
    indicator = catalog.indicator(first.value);
  } catch {
    return null; // the function itself says the indicator is unknown
  }
  return { id, dps: await indicatorDecimals(src, indicator) };
}

export async function evalCommand(
  formulas: string[],
  src: BenchmarkSource,
  out: NodeJS.WritableStream = process.stdout,
  options: { raw?: boolean } = {},
): Promise<number> {
  const catalog = options.raw ? null : await read(() => src.catalog());
  let n = 0;
  const emit = async (line: string) => {
    n++;
    if (line.trim() === '') return;
    const depth = nestingDepth(line);
    if (depth > MAX_NESTING) throw new EvalInputError(`formula ${n} nests ${depth} levels deep; at most ${MAX_NESTING} (as in Excel)`);
    const result = await evaluateFormula(line, src);
    const units = catalog && (await decimalsOf(line, src, catalog));
    const shown = units ? withDecimals(units.id, result, units.dps) : result;
    // A result can hold release text (names, labels) or echo the formula: one line, no control sequence.
    out.write(`${terminalText(formatOutcome(shown).replace(/\r?\n/g, ' '))}\n`);
  };
  if (formulas.length > 0) {
    for (const f of formulas) await emit(f);
    return 0;
  }
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) await emit(line);
  return 0;
}
