/**
 * `cic eval`: formulas in, one result per line out, evaluated offline exactly as the Excel functions do.
 * Reads arguments, or standard input line by line (streamed, so thousands of formulas run in one process
 * with the release loaded once).
 */
import { createInterface } from 'node:readline';
import { evaluateFormula, formatOutcome } from '../shared/formulas/evaluate';
import type { BenchmarkSource } from '../shared/source';
import { terminalText } from '../shared/terminal-text';

/** Deeper than any formula a person writes (Excel itself allows 64 levels); beyond it the parser would overflow its stack. */
export const MAX_NESTING = 64;

/** How deeply brackets nest outside string literals. */
export function nestingDepth(formula: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (const ch of formula) {
    if (ch === '"') inString = !inString;
    else if (inString) continue;
    else if (ch === '(' || ch === '{') max = Math.max(max, ++depth);
    else if (ch === ')' || ch === '}') depth--;
  }
  return max;
}

export class EvalInputError extends Error {}

export async function evalCommand(formulas: string[], src: BenchmarkSource, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  let n = 0;
  const emit = async (line: string) => {
    n++;
    if (line.trim() === '') return;
    const depth = nestingDepth(line);
    if (depth > MAX_NESTING) throw new EvalInputError(`formula ${n} nests ${depth} levels deep; at most ${MAX_NESTING} (as in Excel)`);
    // A result can hold release text (names, labels) or echo the formula: one line, no control sequence.
    out.write(`${terminalText(formatOutcome(await evaluateFormula(line, src)).replace(/\r?\n/g, ' '))}\n`);
  };
  if (formulas.length > 0) {
    for (const f of formulas) await emit(f);
    return 0;
  }
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) await emit(line);
  return 0;
}
