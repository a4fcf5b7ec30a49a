/**
 * The pane's refresh, DOM-free so it is tested with the Excel stand-in: compare the workbook's CIC cells
 * under its pin and a newer release, list the changes on a sheet, then (on confirmation) re-pin and
 * recalculate through pinWorkbook. The newer release is read by a second source pinned in memory to it,
 * sharing nothing persistent with the workbook's: the workbook stays pinned until the user confirms.
 */
import { planRefresh, type RefreshPlan } from '../../shared/formulas/refresh-plan';
import type { BenchmarkSource } from '../../shared/source';
import { findCicFormulas, withReferencedValues, writeChangesSheet } from '../excel/refresh-sheet';
import type { ExcelRun } from './pin-workbook';

/** The line the pane shows when the service has a newer release than the pin; null when it has none. */
export function newerLine(status: { pinned: string | null; current: string | null }): string | null {
  const { pinned, current } = status;
  return pinned && current && current !== pinned ? `Release ${current} is newer than this workbook's pin ${pinned}.` : null;
}

export interface Comparison {
  plan: RefreshPlan;
  sheet: string;
  /** Formulas found in the workbook. */
  found: number;
}

export async function compareWorkbook(run: ExcelRun, now: BenchmarkSource, then: BenchmarkSource, pinned: string, newer: string): Promise<Comparison> {
  let formulas: Awaited<ReturnType<typeof findCicFormulas>> = [];
  await run(async (context) => void (formulas = await withReferencedValues(context, await findCicFormulas(context))));
  const plan = await planRefresh(formulas, now, then);
  let sheet = '';
  await run(async (context) => void (sheet = await writeChangesSheet(context, plan, pinned, newer)));
  return { plan, sheet, found: formulas.length };
}

export function comparisonText(c: Comparison, newer: string): string {
  const { changed, notCompared } = c.plan;
  const cells = (n: number) => `${n} cell${n === 1 ? '' : 's'}`;
  const n = notCompared.length;
  const skipped = n ? ` ${cells(n)} could not be compared (a range, a blank or error cell, or an Excel function in the formula).` : '';
  if (c.found === 0) return 'No CIC formulas in this workbook: nothing would change.';
  return `${cells(changed.length)} of ${c.found} would change under release ${newer}: listed on sheet "${c.sheet}".${skipped}`;
}
