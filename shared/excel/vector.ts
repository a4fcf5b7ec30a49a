/**
 * A range argument that is one row or one column (or a single value) as a list, for the functions that
 * take lists aligned with each other (FORECAST's types, costs and rates; DEMAND's states and tables).
 */
import { isBlank } from './args';
import { valueError } from './errors';

/**
 * The cells of `x`, in order. Blank cells at the end are dropped, since users select whole columns; the
 * first `keep` are always kept, so a table whose blank cells mean 0 stays aligned with its labels.
 * A range of several rows and several columns is a #VALUE! naming `arg`.
 */
export function vector(x: unknown, arg: string, keep = 0): unknown[] {
  if (!Array.isArray(x)) return isBlank(x) ? [] : [x];
  const rows = x as unknown[];
  // A loop, not Math.max(...rows): a whole column is 1,048,576 rows, more arguments than a call can take.
  let width = 0;
  for (const r of rows) width = Math.max(width, Array.isArray(r) ? r.length : 1);
  if (rows.length > 1 && width > 1) throw valueError(`${arg} must be a single row or column, not ${rows.length}×${width} cells`);
  const cells = rows.flat();
  while (cells.length > keep && isBlank(cells[cells.length - 1])) cells.pop();
  return cells;
}
