/**
 * Re-pinning the workbook, then having Excel recalculate it: every CIC cell then reads the newly pinned
 * release without the analyst pressing Ctrl+Alt+F9. DOM-free, so the order (pin, then a full
 * recalculation) is tested with the Excel stand-in.
 */
import type { HttpSource } from '../client/http-source';

/** Excel.run, or a stand-in for it. */
export type ExcelRun = (work: (context: Excel.RequestContext) => Promise<void>) => Promise<void>;

/** Excel.CalculationType.full, written as its value so this module loads where the Excel namespace is not defined. */
const FULL: Excel.CalculationType = 'Full' as Excel.CalculationType;

/**
 * A full recalculation: custom functions are not volatile, so only "full" (every formula dirty) calls
 * them again; "recalculate" would leave their cells on the old release.
 */
export async function recalculateWorkbook(run: ExcelRun): Promise<void> {
  await run(async (context) => {
    context.workbook.application.calculate(FULL);
    await context.sync();
  });
}

/**
 * Pins the workbook (or, outside Excel, the pane alone) to `id`; in Excel, then recalculates every cell.
 * Rejects when the pin could not be stored (nothing changed); a recalculation Excel refuses is told,
 * not thrown, since the pin itself holds.
 */
export async function pinWorkbook(source: Pick<HttpSource, 'repin'>, id: string, run: ExcelRun | null): Promise<string> {
  await source.repin(id);
  if (!run) return `No workbook is open, so nothing is pinned. This pane now uses release ${id}; open it in Excel to pin a workbook.`;
  try {
    await recalculateWorkbook(run);
  } catch (e) {
    return `Workbook pinned to release ${id}, but Excel could not recalculate it (${(e as Error).message}): press Ctrl+Alt+F9 to update CIC cells.`;
  }
  return `Workbook pinned to release ${id}; every CIC cell recalculated on it.`;
}
