/**
 * `cic eval`: formulas in, one result per line out, evaluated offline exactly as the Excel functions do.
 * Reads arguments, or standard input line by line (streamed, so thousands of formulas run in one process
 * with the release loaded once).
 */
import { createInterface } from 'node:readline';
import { evaluateFormula, formatOutcome } from '../shared/formulas/evaluate';
import type { BenchmarkSource } from '../shared/source';

export async function evalCommand(formulas: string[], src: BenchmarkSource, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const emit = async (line: string) => {
    if (line.trim() === '') return;
    out.write(`${formatOutcome(await evaluateFormula(line, src)).replace(/\r?\n/g, ' ')}\n`);
  };
  if (formulas.length > 0) {
    for (const f of formulas) await emit(f);
    return 0;
  }
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) await emit(line);
  return 0;
}
