/**
 * Children's services statistical-neighbour groups: each LA's 10 nearest LAs, closest first.
 * 2025 model: `sn_model_2025_wide.csv` (SN_1…SN_10, each followed by a closeness label SN_nP).
 * 2021 model: `New_Statistical_Neighbour_Groupings_April_2021.csv` (SN1, SNP, SN2, SNP, …: the label
 * columns share one name, so columns are read by position).
 * LAIT's own workbooks (`sn_april_2021.xlsx`, `sn_may_2025.xlsx`, sheet "LA SN Groups") have the 2021
 * CSV's layout under two rows of column numbers.
 */
import { z } from 'zod';
import { column, readCsv, validateRow, type CsvTable } from './csv';
import { ImportError } from './errors';

/** LA number as text → its 10 neighbour LA numbers, closest first. */
export type NeighbourGroups = Record<string, number[]>;

const laNumber = z
  .string()
  .trim()
  .regex(/^\d{3}$/, 'expected a 3-digit DfE LA number')
  .transform(Number);

const GroupSchema = z.tuple([laNumber, z.array(laNumber).length(10)]).superRefine(([la, group], ctx) => {
  if (new Set(group).size !== 10) ctx.addIssue({ code: 'custom', path: [1], message: `LA ${la} has a neighbour listed twice: ${group.join(',')}` });
  if (group.includes(la)) ctx.addIssue({ code: 'custom', path: [1], message: `LA ${la} is listed as its own neighbour` });
});

/** `known`: the LA numbers of the release, when every LA and neighbour must be one of them. */
function groups(table: CsvTable, laColumn: number, snColumns: number[], known?: ReadonlySet<number>): NeighbourGroups {
  const out: NeighbourGroups = {};
  const names = [table.header[laColumn] ?? 'LA', 'neighbours'];
  table.rows.forEach((row, i) => {
    // The 2021 file separates its pre-LGR groups with blank rows and an "Old SNs:" label row.
    if ([laColumn, ...snColumns].every((c) => !row[c]?.trim())) return;
    // LAIT's 2021 workbook lists Cumberland and Westmorland and Furness with "-" for every neighbour: no group.
    if (snColumns.every((c) => row[c]?.trim() === '-')) return;
    const [la, group] = validateRow(table, i, GroupSchema, [row[laColumn], snColumns.map((c) => row[c])], names);
    if (out[la] !== undefined) throw new ImportError(table.file, table.lineOf(i), `LA ${la} has two rows`);
    const unknown = known && [la, ...group].find((n) => !known.has(n));
    if (unknown) throw new ImportError(table.file, table.lineOf(i), `LA ${unknown} is not in the LAIT data`);
    out[la] = group;
  });
  return out;
}

const SN = Array.from({ length: 10 }, (_, i) => i + 1);

export function parseSn2025(file: string, text: string, known?: ReadonlySet<number>): NeighbourGroups {
  const table = readCsv(file, text);
  return groups(
    table,
    column(table, 'old_la_code'),
    SN.map((n) => column(table, `SN_${n}`)),
    known,
  );
}

export function parseSn2021(file: string, text: string, known?: ReadonlySet<number>): NeighbourGroups {
  const table = readCsv(file, text);
  return groups(
    table,
    column(table, 'LA num'),
    SN.map((n) => column(table, `SN${n}`)),
    known,
  );
}

/** The sheet LAIT keeps its groups on. */
export const SN_SHEET = 'LA SN Groups';

/**
 * LAIT's statistical-neighbour workbook, its sheet as rows of text (row 0 = Excel row 1): the header is
 * the row naming "LA num" and SN1, within the first few rows; errors name the Excel row.
 */
export function parseSnWorkbook(file: string, rows: readonly (readonly string[])[], known?: ReadonlySet<number>): NeighbourGroups {
  const at = rows.slice(0, 10).findIndex((r) => r.includes('LA num') && r.includes('SN1'));
  if (at < 0) throw new ImportError(file, 1, `no header row with "LA num" and "SN1" on sheet "${SN_SHEET}"`);
  const header = [...(rows[at] ?? [])];
  const table: CsvTable = {
    file,
    header,
    rows: rows.slice(at + 1).map((r) => Array.from({ length: Math.max(header.length, r.length) }, (_, c) => r[c] ?? '')),
    lineOf: (i) => at + 2 + i,
  };
  return groups(
    table,
    column(table, 'LA num'),
    SN.map((n) => column(table, `SN${n}`)),
    known,
  );
}
