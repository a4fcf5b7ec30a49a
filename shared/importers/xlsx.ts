/**
 * The cells of one worksheet of an Excel workbook (.xlsx), as text: what LAIT's statistical-neighbour
 * files need and no more. The caller unzips (I/O stays at the edge) and hands over two parts' XML:
 * `xl/sharedStrings.xml` and the sheet's `xl/worksheets/sheetN.xml`. Formulas, styles and dates are not
 * interpreted: a cell is its stored text (a number as written, `301`; a shared or inline string).
 */
import { ImportError } from './errors';

/** The parts of a workbook this reader uses, by their path inside the zip. */
export interface WorkbookParts {
  /** `xl/workbook.xml`: the sheet names and their relationship ids. */
  workbook: string;
  /** `xl/_rels/workbook.xml.rels`: relationship id → part path. */
  rels: string;
  /** `xl/sharedStrings.xml`, absent when the workbook has no strings. */
  sharedStrings?: string;
  /** Every `xl/worksheets/*.xml` part, by path. */
  sheets: Readonly<Record<string, string>>;
}

const ENTITY: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML text content: entities and character references decoded. */
export function xmlText(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return ENTITY[ref] ?? whole;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** The text of every `<t>` run inside an element (rich text is several runs). */
const runs = (xml: string): string => [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => xmlText(m[1] ?? '')).join('');

export function parseSharedStrings(xml: string): string[] {
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) => runs(m[1] ?? ''));
}

const attr = (attrs: string, name: string): string | undefined => new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs)?.[1];

/** "A" → 0, "Z" → 25, "AA" → 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/**
 * The sheet's rows as text, row 1 first; a missing row or cell is ''. Row `i` of the result is Excel
 * row `i + 1`.
 */
export function sheetRows(file: string, sheetXml: string, shared: readonly string[]): string[][] {
  const data = /<sheetData\s*\/>|<sheetData>([\s\S]*)<\/sheetData>/.exec(sheetXml);
  if (!data) throw new ImportError(file, 1, 'not an Excel worksheet (no sheetData)');
  const rows: string[][] = [];
  let nextRow = 1;
  for (const row of (data[1] ?? '').matchAll(/<row(\s[^>]*?)?(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const r = Number(attr(row[1] ?? '', 'r') ?? nextRow);
    nextRow = r + 1;
    const cells: string[] = [];
    let nextColumn = 0;
    for (const cell of (row[2] ?? '').matchAll(/<c(\s[^>]*?)?(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = cell[1] ?? '';
      const ref = attr(attrs, 'r');
      const col = ref ? columnIndex(/^[A-Z]+/.exec(ref)?.[0] ?? '') : nextColumn;
      nextColumn = col + 1;
      const inner = cell[2] ?? '';
      const type = attr(attrs, 't');
      const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
      let text = '';
      if (type === 'inlineStr') text = runs(inner);
      else if (v !== undefined && type === 's') {
        const s = shared[Number(v)];
        if (s === undefined) throw new ImportError(file, r, `cell ${ref ?? col}: shared string ${v} does not exist`);
        text = s;
      } else if (v !== undefined) text = xmlText(v);
      while (cells.length < col) cells.push('');
      cells[col] = text;
    }
    while (rows.length < r - 1) rows.push([]);
    rows[r - 1] = cells;
  }
  return rows;
}

/** The part path of the sheet named `name` (case-insensitive), through the workbook's relationships. */
export function sheetPath(parts: WorkbookParts, name: string, file: string): string {
  const sheets = [...parts.workbook.matchAll(/<sheet\s([^>]*?)\/?>/g)].map((m) => ({
    name: xmlText(attr(m[1] ?? '', 'name') ?? ''),
    rid: attr(m[1] ?? '', 'r:id') ?? '',
  }));
  const sheet = sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  if (!sheet) throw new ImportError(file, 1, `no sheet "${name}"; sheets: ${sheets.map((s) => s.name).join(', ')}`);
  const rel = [...parts.rels.matchAll(/<Relationship\s([^>]*?)\/?>/g)].map((m) => m[1] ?? '').find((a) => attr(a, 'Id') === sheet.rid);
  const target = rel ? attr(rel, 'Target') : undefined;
  if (!target) throw new ImportError(file, 1, `sheet "${name}" has no part`);
  // Targets are relative to xl/ unless absolute.
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

/** One named sheet of a workbook as rows of text. */
export function readSheet(file: string, parts: WorkbookParts, name: string): string[][] {
  const path = sheetPath(parts, name, file);
  const xml = parts.sheets[path];
  if (xml === undefined) throw new ImportError(file, 1, `sheet "${name}" (${path}) is missing from the workbook`);
  return sheetRows(file, xml, parts.sharedStrings ? parseSharedStrings(parts.sharedStrings) : []);
}
