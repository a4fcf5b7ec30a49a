/**
 * The workbook side of a refresh (issue 21 item 4): finding every CIC formula in the workbook, and writing
 * the cells a newer release would change to a sheet of their own. Formulas and values are written as text
 * (through cell-text.ts), so a listed formula is never a live one.
 */
import { cellRefs, withCellValues, type RefreshPlan, type WorkbookFormula } from '../../shared/formulas/refresh-plan';
import { cellText } from './cell-text';
import { block, freshSheet, title } from './sheet';

/** The add-in's own sheets of changes hold formulas as text: never read back as the workbook's formulas. */
export const CHANGES_PREFIX = 'CIC changes ';
/** Excel's limit on a sheet name, and the characters it refuses in one. */
const MAX_SHEET_NAME = 31;
const UNSAFE = /[[\]:*?/\\]/g;
/** Excel's limit on the text in one cell. */
const MAX_CELL_TEXT = 32_767;

export const changesSheetName = (releaseId: string): string => `${CHANGES_PREFIX}${releaseId.replace(UNSAFE, '-')}`.slice(0, MAX_SHEET_NAME);

const isCicFormula = (f: unknown): f is string => typeof f === 'string' && f.startsWith('=') && /CIC\./i.test(f);

/** Every cell whose formula calls a CIC function, sheet by sheet (spilled cells hold no formula of their own). */
export async function findCicFormulas(context: Excel.RequestContext): Promise<WorkbookFormula[]> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  await context.sync();
  const used = sheets.items
    .filter((ws) => !ws.name.startsWith(CHANGES_PREFIX))
    .map((ws) => {
      const range = ws.getUsedRangeOrNullObject(true);
      range.load('isNullObject,formulas,rowIndex,columnIndex');
      return { sheet: ws.name, range };
    });
  await context.sync();
  const found: WorkbookFormula[] = [];
  for (const { sheet, range } of used) {
    if (range.isNullObject) continue;
    (range.formulas as unknown[][]).forEach((row, r) =>
      row.forEach((formula, c) => {
        if (isCicFormula(formula)) found.push({ sheet, address: block(range.rowIndex + r, range.columnIndex + c, 1, 1), formula });
      }),
    );
  }
  return found;
}

/**
 * The formulas with the values of the single cells they refer to read from the workbook and put in their
 * place (`literal`), so `=CIC.VALUE($A2,B$1)` is compared as Excel computes it now. A reference Excel cannot
 * resolve (a missing sheet), a blank or an error cell leaves the formula as it is: listed as not compared.
 */
export async function withReferencedValues(context: Excel.RequestContext, formulas: readonly WorkbookFormula[]): Promise<WorkbookFormula[]> {
  const key = (sheet: string, address: string) => `${sheet}!${address}`;
  const ranges = new Map<string, Excel.Range>();
  for (const f of formulas) {
    for (const r of cellRefs(f.formula)) {
      const sheet = r.sheet ?? f.sheet;
      if (ranges.has(key(sheet, r.address))) continue;
      const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
      const range = ws.getRange(r.address);
      range.load('values');
      ranges.set(key(sheet, r.address), range);
    }
  }
  if (ranges.size === 0) return [...formulas];
  try {
    await context.sync();
  } catch {
    return [...formulas]; // a reference Excel refused: compare none of them rather than guess
  }
  return formulas.map((f) => {
    if (cellRefs(f.formula).length === 0) return f;
    const literal = withCellValues(f.formula, (r) => ranges.get(key(r.sheet ?? f.sheet, r.address))?.values[0]?.[0]);
    return literal === null ? f : { ...f, literal };
  });
}

const text = (s: string): string => cellText(s.length > MAX_CELL_TEXT ? `${s.slice(0, MAX_CELL_TEXT - 1)}…` : s);

/** Writes the plan to "CIC changes <newer>" (replacing an older one): one row per cell that would change. */
export async function writeChangesSheet(context: Excel.RequestContext, plan: RefreshPlan, pinned: string, newer: string): Promise<string> {
  const name = changesSheetName(newer);
  const ws = await freshSheet(context, name);
  title(ws, `CIC cells that release ${newer} would change`, `Values now (release ${pinned}) and then (release ${newer}); nothing is changed until you re-pin.`);
  const header = ['Sheet', 'Cell', 'Formula', `Now (${pinned})`, `Then (${newer})`];
  const rows = [
    ...plan.changed.map((c) => [c.sheet, c.address, c.formula, c.now, c.then]),
    ...plan.notCompared.map((c) => [c.sheet, c.address, c.formula, 'not compared: a range, a blank or error cell, or an Excel function', '']),
  ];
  const all = [header, ...rows].map((r) => r.map(text));
  const address = block(3, 0, all.length, header.length);
  const range = ws.getRange(address);
  // Text format too: "7.7" and "2024" are shown as Excel displayed them, not re-parsed.
  range.numberFormat = all.map((r) => r.map(() => '@'));
  range.values = all;
  ws.getRange(block(3, 0, 1, header.length)).format.font.bold = true;
  ws.activate();
  await context.sync();
  return name;
}
