/**
 * An Excel.RequestContext built on office-addin-mock that records what the sheet writers do: every range
 * written (values, formulas, number formats), tables, charts and conditional formats, per worksheet.
 */
import { OfficeMockObject } from 'office-addin-mock';

export interface MockRange {
  address: string;
  values?: unknown[][];
  formulas?: unknown[][];
  numberFormat?: unknown[][];
  format: { font: Record<string, unknown>; fill: Record<string, unknown>; wrapText?: boolean; autofitColumns(): void };
  conditionalFormats: { add(type: string): { type: string; textComparison: { format: { fill: Record<string, unknown>; font: Record<string, unknown> }; rule?: unknown } } };
}

export interface MockSheet {
  name: string;
  deleted: boolean;
  activated: boolean;
  ranges: MockRange[];
  tables: { address: string; hasHeaders: boolean; name?: string; style?: string }[];
  charts: { type: string; source: string; seriesBy: string; title: { text?: string }; legend: { position?: string }; position?: [string, string] }[];
  conditional: { type: string; rule?: unknown }[];
}

export function mockExcel(existing: string[] = []) {
  const sheets: MockSheet[] = [];
  const sheet = (name: string): MockSheet => {
    const s: MockSheet = { name, deleted: false, activated: false, ranges: [], tables: [], charts: [], conditional: [] };
    sheets.push(s);
    return s;
  };
  existing.forEach(sheet);
  const api = (s: MockSheet) => ({
    getRange(address: string) {
      const r: MockRange = {
        address,
        format: { font: {}, fill: {}, autofitColumns() {} },
        conditionalFormats: {
          add(type: string) {
            const cf = { type, textComparison: { format: { fill: {}, font: {} } as { fill: Record<string, unknown>; font: Record<string, unknown> }, rule: undefined as unknown } };
            s.conditional.push(cf.textComparison as never);
            return cf;
          },
        },
      };
      s.ranges.push(r);
      return r;
    },
    tables: { add: (address: string, hasHeaders: boolean) => (s.tables.push({ address, hasHeaders }), s.tables[s.tables.length - 1]) },
    charts: {
      add(type: string, range: MockRange, seriesBy: string) {
        const c = { type, source: range.address, seriesBy, title: {}, legend: {}, setPosition(a: string, b: string) { c.position = [a, b]; } } as MockSheet['charts'][number] & { setPosition(a: string, b: string): void };
        s.charts.push(c);
        return c;
      },
    },
    activate: () => void (s.activated = true),
    delete: () => void (s.deleted = true),
  });
  const data = {
    workbook: {
      worksheets: {
        getItemOrNullObject(name: string) {
          const s = sheets.find((x) => x.name === name && !x.deleted);
          const found = s ? { isNullObject: false, ...api(s) } : { isNullObject: true, delete() {} };
          return { ...found, load() {} };
        },
        add: (name: string) => api(sheet(name)),
      },
    },
  };
  const context = new OfficeMockObject(data) as unknown as Excel.RequestContext;
  /** The cell values/formulas written to one sheet, by top-left address of each write. */
  const written = (name: string) => sheets.filter((s) => s.name === name && !s.deleted).at(-1)!;
  return { context, sheets, written };
}
