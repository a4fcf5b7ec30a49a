/**
 * The forecast builder's sheet: inputs the user edits (placement types, children, weekly costs — typed, or
 * =CIC.UNITCOST from the release —, growth, inflation, step-down moves), one live =CIC.FORECAST spill,
 * and a native chart of it. Everything runs in the workbook: no council figures leave it.
 */
import { cellText, formulaString } from './cell-text';
import { block, freshSheet, title } from './sheet';

export const FORECAST_SHEET = 'CIC Forecast';

export interface ForecastType {
  type: string;
  children: number;
  /** A number, or the writer's own formula for the release's cost: unitCostFormula(type). */
  weeklyCost: number | string;
  growth: number;
  inflation: number;
}

export interface StepDownInput {
  from: string;
  to: string;
  count: number | '';
  percent: number | '';
  start: string;
}

export interface ForecastSheetInput {
  types: readonly ForecastType[];
  startYear: string;
  years: number;
  stepDowns: readonly StepDownInput[];
}

/** Placement types, children and weekly costs as in the seeds' cost table (Leicestershire, 2020). */
export const SEED_TYPES: readonly ForecastType[] = [
  { type: 'SGO', children: 40, weeklyCost: 180, growth: 0.03, inflation: 0.02 },
  { type: 'Kinship/Connected', children: 60, weeklyCost: 344.5, growth: 0.03, inflation: 0.02 },
  { type: 'Mainstream Foster Care', children: 250, weeklyCost: 549, growth: 0.02, inflation: 0.03 },
  { type: 'IFA', children: 120, weeklyCost: 800, growth: 0.04, inflation: 0.04 },
  { type: 'Supported Lodgings - Internal', children: 20, weeklyCost: 385, growth: 0.02, inflation: 0.03 },
  { type: 'Residential - External', children: 45, weeklyCost: 4100, growth: 0.05, inflation: 0.06 },
];

export const INPUT_HEADERS = ['Placement type', 'Children', 'Weekly cost (£)', 'Growth a year', 'Inflation a year'];
export const STEPDOWN_HEADERS = ['From type', 'To type', 'Children moved', 'or % moved', 'From date'];

/** Where each input block sits, so the FORECAST formula and the tests agree. */
export function forecastLayout(input: ForecastSheetInput) {
  const typesTop = 4; // zero-based row of the input headers
  const firstType = typesTop + 2; // 1-based first type row
  const lastType = firstType + input.types.length - 1;
  const settingsTop = lastType + 1; // zero-based row of "Start year"
  const stepTop = settingsTop + 3;
  const firstStep = stepTop + 3; // 1-based: label row, then headers, then moves
  const lastStep = firstStep + Math.max(input.stepDowns.length, 1) - 1;
  const outTop = lastStep + 2;
  const col = (c: string) => `$${c}$${firstType}:$${c}$${lastType}`;
  const formula = `=CIC.FORECAST(${col('A')},${col('B')},${col('C')},$B$${settingsTop + 1},$B$${settingsTop + 2},${col('D')},${col('E')},$A$${firstStep}:$E$${lastStep})`;
  return { typesTop, settingsTop, stepTop, outTop, formula, outRows: input.years + 1, outCols: input.types.length + 2 };
}

export async function writeForecastSheet(context: Excel.RequestContext, input: ForecastSheetInput): Promise<void> {
  const ws = await freshSheet(context, FORECAST_SHEET);
  const L = forecastLayout(input);
  title(
    ws,
    'Placement forecast',
    'Edit the blue inputs; the forecast below is one live =CIC.FORECAST formula, computed in this workbook only. Annual cost = weekly × 52; growth and inflation compound each financial year.',
  );

  const inputs = ws.getRange(block(L.typesTop, 0, input.types.length + 1, INPUT_HEADERS.length));
  inputs.formulas = [INPUT_HEADERS, ...input.types.map((t) => [cellText(t.type), t.children, t.weeklyCost, t.growth, t.inflation])];
  ws.getRange(block(L.typesTop + 1, 3, input.types.length, 2)).numberFormat = input.types.map(() => ['0.0%', '0.0%']);
  ws.getRange(block(L.typesTop + 1, 2, input.types.length, 1)).numberFormat = input.types.map(() => ['£#,##0.00']);
  ws.getRange(block(L.settingsTop, 0, 2, 2)).values = [
    ['Start year', cellText(input.startYear)],
    ['Years', input.years],
  ];
  ws.getRange(block(L.settingsTop, 1, 1, 1)).numberFormat = [['@']];

  ws.getRange(block(L.stepTop, 0, 1, 1)).values = [['Step-down moves (pro-rata in the year they start)']];
  const steps =
    input.stepDowns.length > 0 ? input.stepDowns.map((s) => [cellText(s.from), cellText(s.to), s.count, s.percent, cellText(s.start)]) : [['', '', '', '', '']];
  ws.getRange(block(L.stepTop + 1, 0, steps.length + 1, STEPDOWN_HEADERS.length)).values = [STEPDOWN_HEADERS, ...steps];
  for (const top of [L.typesTop, L.stepTop + 1]) ws.getRange(block(top, 0, 1, INPUT_HEADERS.length)).format.font.bold = true;
  ws.getRange(block(L.typesTop + 1, 0, input.types.length, INPUT_HEADERS.length)).format.font.color = '#1D70B8';

  ws.getRange(block(L.outTop - 1, 0, 1, 1)).values = [['Forecast annual cost (£) by financial year']];
  ws.getRange(block(L.outTop, 0, 1, 1)).formulas = [[L.formula]];
  ws.getRange(block(L.outTop + 1, 1, L.outRows - 1, L.outCols - 1)).numberFormat = Array.from({ length: L.outRows - 1 }, () =>
    Array(L.outCols - 1).fill('£#,##0'),
  );

  const chart = ws.charts.add('ColumnStacked', ws.getRange(block(L.outTop, 0, L.outRows, L.outCols - 1)), 'Columns');
  chart.title.text = 'Forecast placement cost by type and financial year';
  chart.legend.position = 'Bottom';
  chart.setPosition(block(L.outTop, L.outCols + 1, 1, 1), block(L.outTop + 18, L.outCols + 9, 1, 1));
  ws.getRange(block(L.typesTop, 0, input.types.length + 1, INPUT_HEADERS.length)).format.autofitColumns();
  ws.activate();
  await context.sync();
}

/** The weekly cost cell for a placement type the release prices. */
export const unitCostFormula = (type: string): string => `=CIC.UNITCOST(${formulaString(type)})`;
