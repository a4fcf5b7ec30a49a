/** Whether the pane runs inside Excel with a workbook open (outside, e.g. a plain browser, nothing can be pinned or written). */
export function inWorkbook(): boolean {
  try {
    return typeof Excel !== 'undefined' && typeof Excel.run === 'function' && !!globalThis.Office?.context?.document?.settings;
  } catch {
    return false;
  }
}

export const NEEDS_EXCEL = 'Open this pane in Excel to write sheets.';
