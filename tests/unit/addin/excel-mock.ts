/**
 * An Excel.RequestContext built on office-addin-mock that records what the sheet writers do: every range
 * written (values, formulas, number formats), tables, charts and conditional formats, per worksheet, and
 * every recalculation asked for.
 */
import { OfficeMockObject } from 'office-addin-mock';
import { block as blockAddress } from '../../../addin/excel/sheet';

export interface MockRange {
  address: string;
  values?: unknown[][];
  formulas?: unknown[][];
  numberFormat?: unknown[][];
  format: { font: Record<string, unknown>; fill: Record<string, unknown>; wrapText?: boolean; autofitColumns(): void };
  conditionalFormats: {
    add(type: string): { type: string; textComparison: { format: { fill: Record<string, unknown>; font: Record<string, unknown> }; rule?: unknown } };
  };
}

/** A chart series as the band/fan charts set it up. */
export interface MockSeries {
  name?: string;
  values?: string;
  xValues?: string;
  chartType?: string;
  fillCleared?: boolean;
  fillColor?: string;
  line: { color?: string; lineStyle?: string };
  legendHidden?: boolean;
}

export interface MockSheet {
  name: string;
  deleted: boolean;
  activated: boolean;
  ranges: MockRange[];
  tables: { address: string; hasHeaders: boolean; name?: string; style?: string }[];
  charts: {
    type: string;
    source: string;
    seriesBy: string;
    title: { text?: string };
    legend: { position?: string };
    position?: [string, string];
    series: MockSeries[];
  }[];
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
            const cf = {
              type,
              textComparison: {
                format: { fill: {}, font: {} } as { fill: Record<string, unknown>; font: Record<string, unknown> },
                rule: undefined as unknown,
              },
            };
            s.conditional.push(cf.textComparison as never);
            return cf;
          },
        },
      };
      s.ranges.push(r);
      return r;
    },
    tables: { add: (address: string, hasHeaders: boolean) => (s.tables.push({ address, hasHeaders }), s.tables[s.tables.length - 1]) },
    getRangeByIndexes(row: number, col: number, rows: number, cols: number) {
      return api(s).getRange(blockAddress(row, col, rows, cols));
    },
    charts: {
      add(type: string, range: MockRange, seriesBy: string) {
        const series: MockSeries[] = [];
        const seriesApi = (x: MockSeries) => ({
          set name(n: string) {
            x.name = n;
          },
          set chartType(t: string) {
            x.chartType = t;
          },
          setValues: (r: MockRange) => void (x.values = r.address),
          setXAxisValues: (r: MockRange) => void (x.xValues = r.address),
          format: { fill: { clear: () => void (x.fillCleared = true), setSolidColor: (c: string) => void (x.fillColor = c) }, line: x.line },
        });
        // The chart's first series comes from its source range.
        series.push({ values: range.address, line: {} });
        const c = {
          type,
          source: range.address,
          seriesBy,
          title: {},
          series,
          legend: {
            legendEntries: {
              getItemAt: (i: number) => ({
                set visible(v: boolean) {
                  series[i]!.legendHidden = !v;
                },
              }),
            },
          },
          setPosition(a: string, b: string) {
            c.position = [a, b];
          },
        } as unknown as MockSheet['charts'][number] & { setPosition(a: string, b: string): void };
        Object.assign(c, {
          series: Object.assign(series, {
            getItemAt: (i: number) => seriesApi(series[i]!),
            add: (name: string) => {
              const x: MockSeries = { name, line: {} };
              series.push(x);
              return seriesApi(x);
            },
          }),
        });
        s.charts.push(c);
        return c;
      },
    },
    activate: () => void (s.activated = true),
    delete: () => void (s.deleted = true),
  });
  /** Every Excel recalculation asked for (application.calculate), in order. */
  const calculations: string[] = [];
  const data = {
    workbook: {
      application: { calculate: (type: string) => void calculations.push(type) },
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
  return { context, sheets, written, calculations };
}
