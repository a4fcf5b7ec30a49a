/** Small helpers shared by the sheet writers: A1 addresses and replacing a sheet the add-in owns. */
import { cellText } from './cell-text';

export function columnName(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A1 address of a block: zero-based top-left row/column, then height and width. */
export function block(row: number, col: number, rows: number, cols: number): string {
  const tl = `${columnName(col)}${row + 1}`;
  return rows === 1 && cols === 1 ? tl : `${tl}:${columnName(col + cols - 1)}${row + rows}`;
}

/** The add-in regenerates its own sheets whole: delete the old one (if any) and add a fresh one. */
export async function freshSheet(context: Excel.RequestContext, name: string): Promise<Excel.Worksheet> {
  const old = context.workbook.worksheets.getItemOrNullObject(name);
  old.load('isNullObject');
  await context.sync();
  if (!old.isNullObject) old.delete();
  return context.workbook.worksheets.add(name);
}

export function title(ws: Excel.Worksheet, text: string, subtitle: string): void {
  const t = ws.getRange('A1');
  t.values = [[cellText(text)]];
  t.format.font.bold = true;
  t.format.font.size = 14;
  ws.getRange('A2').values = [[cellText(subtitle)]];
}

/** Format a one-column block as text, so year labels such as "2025" are not turned into numbers. */
export function asText(ws: Excel.Worksheet, address: string, rows: number): void {
  ws.getRange(address).numberFormat = Array.from({ length: rows }, () => ['@']);
}
