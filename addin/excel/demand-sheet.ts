/**
 * The demand model's two sheets. "CIC Demand data": what the council's SSDA903 files give over the reference
 * window (stock, daily exit and entrant rates, the transitions table, the cleaning counts) as plain values.
 * "CIC Demand": the scenario cells (× and + on every rate and entrant number, weekly costs, inflation), the
 * scenario rates as ordinary formulas over them — renormalised as D2I does so no state's outflows pass 1 —,
 * and live =CIC.DEMAND spills (children, ±2σ band, cost) with a chart. The files are read and turned into
 * these tables in the pane (demandFromSsda903, no request made); only aggregate rates reach the workbook.
 */
import { cleaningRows, stateRows, STATE_HEADERS, transitionRows } from '../../shared/demand/report';
import { dateToDay, demandFromSsda903, isoDay, type DemandTables, type RateOptions } from '../../shared/demand/ssda903';
import { cellText, sheetRef, textRows } from './cell-text';
import { block, columnName, freshSheet, title } from './sheet';

export const DEMAND_DATA_SHEET = 'CIC Demand data';
export const DEMAND_SHEET = 'CIC Demand';

/**
 * What the pane calls on the two files' text: the tables to write. Pure, no network. Give the files' names
 * (headerFile, episodesFile) so a malformed row is reported as "episodes.csv:17: reason".
 */
export const demandTablesFromFiles = (
  headerText: string,
  episodesText: string,
  options: RateOptions & { headerFile?: string; episodesFile?: string; today?: Date } = {},
): DemandTables => demandFromSsda903(headerText, episodesText, options);

export interface DemandSheetSettings {
  years: number;
  inflation: number;
  /** Weekly cost (£) by placement category ("Fostering", …): a number, or unitCostFormula(type) for the release's cost. */
  weeklyCosts?: Partial<Record<string, number | string>>;
}

export const STATE_INPUT_HEADERS = [
  'State',
  'Children at start',
  'Exit rate (data)',
  'Exit ×',
  'Exit +',
  'Entrants a day (data)',
  'Entrants ×',
  'Entrants +',
  'Weekly cost (£)',
  'Exit before renormalising',
  'Changed outflow',
  'Unchanged outflow',
  'Exit rate (scenario)',
  'Entrants (scenario)',
];

const abs = (row: number, col: number) => `$${columnName(col)}$${row + 1}`;
const absBlock = (row: number, col: number, rows: number, cols: number) => `${abs(row, col)}:${abs(row + rows - 1, col + cols - 1)}`;

/** Where everything sits (zero-based rows and columns), so the formulas and the tests agree. */
export function demandLayout(n: number, years: number) {
  const data = { statesTop: 3, transTop: 3 + n + 2 }; // header rows; states / transitions from the next row
  const settings = { start: 3, years: 4, inflation: 5 }; // rows of the Start / Years / Inflation cells (column B)
  const statesTop = 7;
  const scaleTop = statesTop + n + 2; // label row, then header row, then n rows
  const addTop = scaleTop + n + 3;
  const rawTop = addTop + n + 3;
  const finalTop = rawTop + n + 3;
  const outTop = finalTop + n + 3; // label row, then the spill
  const bandTop = outTop + years + 3;
  const costTop = bandTop + years + 3;
  const m = (top: number) => absBlock(top + 2, 1, n, n);
  const col = (c: number) => absBlock(statesTop + 1, c, n, 1);
  const args = `${col(0)},${col(1)},${m(finalTop)},${col(12)},${col(13)},${abs(settings.start, 1)},${abs(settings.years, 1)}`;
  return {
    data,
    settings,
    statesTop,
    scaleTop,
    addTop,
    rawTop,
    finalTop,
    outTop,
    bandTop,
    costTop,
    children: `=CIC.DEMAND(${args})`,
    band: `=CIC.DEMAND(${args},,,"band")`,
    cost: `=CIC.DEMAND(${args},${col(8)},${abs(settings.inflation, 1)},"cost")`,
  };
}

function writeDataSheet(ws: Excel.Worksheet, t: DemandTables, L: ReturnType<typeof demandLayout>): void {
  const n = t.states.length;
  title(
    ws,
    'Demand model inputs from SSDA903',
    `Reference window ${isoDay(dateToDay(t.window.start))} to ${isoDay(dateToDay(t.window.end))} (${t.window.days} days); rates are daily probabilities. Computed in this workbook from the files chosen in the pane; no child-level record is kept.`,
  );
  ws.getRange(block(L.data.statesTop, 0, n + 1, 5)).values = textRows([STATE_HEADERS(t), ...stateRows(t)]);
  ws.getRange(block(L.data.statesTop + 1, 2, n, 1)).numberFormat = t.states.map(() => ['0.000000']);
  ws.getRange(block(L.data.statesTop + 1, 3, n, 1)).numberFormat = t.states.map(() => ['0.0000']);
  const clean = cleaningRows(t.log);
  ws.getRange(block(L.data.statesTop, 6, clean.length + 1, 2)).values = [['Cleaning', 'Rows'], ...clean];
  ws.getRange(block(L.data.transTop - 1, 0, 1, 1)).values = [['Daily probability of moving from the row state to the column state']];
  ws.getRange(block(L.data.transTop, 0, n + 1, n + 1)).values = textRows(transitionRows(t));
  ws.getRange(block(L.data.transTop + 1, 1, n, n)).numberFormat = t.states.map(() => t.states.map(() => '0.000000'));
  for (const top of [L.data.statesTop, L.data.transTop]) ws.getRange(block(top, 0, 1, n + 1)).format.font.bold = true;
}

export async function writeDemandSheets(context: Excel.RequestContext, t: DemandTables, s: DemandSheetSettings): Promise<void> {
  const n = t.states.length;
  const L = demandLayout(n, s.years);
  // The model sheet refers to the data sheet: replace it first so no formula is left pointing at a deleted sheet.
  const ws = await freshSheet(context, DEMAND_SHEET);
  const data = await freshSheet(context, DEMAND_DATA_SHEET);
  writeDataSheet(data, t, L);
  const D = sheetRef(DEMAND_DATA_SHEET);
  const dataState = (i: number, c: number) => `${D}!${abs(L.data.statesTop + 1 + i, c)}`;
  const dataTrans = (i: number, j: number) => `${D}!${abs(L.data.transTop + 1 + i, 1 + j)}`;

  title(
    ws,
    'Demand model (Data to Insight method)',
    'Edit the blue scenario cells: × scales a rate, + adds to it (1 and blank = as in the data). Rates are renormalised so outflows stay ≤ 1, changed rates first. The forecasts below are live =CIC.DEMAND formulas computed in this workbook.',
  );
  ws.getRange(block(L.settings.start, 0, 3, 2)).values = [
    ['Start (stock date)', isoDay(dateToDay(t.start))],
    ['Years', s.years],
    ['Inflation a year', s.inflation],
  ];
  ws.getRange(block(L.settings.start, 1, 1, 1)).numberFormat = [['@']];
  ws.getRange(block(L.settings.inflation, 1, 1, 1)).numberFormat = [['0.0%']];

  const r = (i: number) => L.statesTop + 2 + i; // 1-based sheet row of state i
  const rowOf = (top: number, i: number) => `$B$${top + 3 + i}:$${columnName(n)}$${top + 3 + i}`;
  const category = (state: string) => state.split(' - ').at(-1) ?? '';
  const stateInputs = t.states.map((state, i) => {
    const R = r(i);
    const changed = (a: string, b: string) => `OR(${a}${R}<>1,${b}${R}<>0)`;
    return [
      cellText(state),
      `=${dataState(i, 1)}`,
      `=${dataState(i, 2)}`,
      1,
      '',
      `=${dataState(i, 3)}`,
      1,
      '',
      s.weeklyCosts?.[category(state)] ?? '',
      `=MAX(0,C${R}*D${R}+E${R})`,
      `=SUMPRODUCT(${rowOf(L.rawTop, i)}*(((${rowOf(L.scaleTop, i)}<>1)+(${rowOf(L.addTop, i)}<>0))>0))+IF(${changed('D', 'E')},J${R},0)`,
      `=SUM(${rowOf(L.rawTop, i)})+J${R}-K${R}`,
      `=IF(K${R}+L${R}<=1,J${R},IF(${changed('D', 'E')},J${R}/MAX(1,K${R}),IF(L${R}=0,0,J${R}*MAX(0,1-K${R})/L${R})))`,
      `=MAX(0,F${R}*G${R}+H${R})`,
    ];
  });
  ws.getRange(block(L.statesTop, 0, n + 1, STATE_INPUT_HEADERS.length)).formulas = [STATE_INPUT_HEADERS, ...stateInputs];
  ws.getRange(block(L.statesTop, 0, 1, STATE_INPUT_HEADERS.length)).format.font.bold = true;
  for (const c of [3, 4, 6, 7, 8]) ws.getRange(block(L.statesTop + 1, c, n, 1)).format.font.color = '#1D70B8';
  ws.getRange(block(L.statesTop + 1, 8, n, 1)).numberFormat = t.states.map(() => ['£#,##0.00']);

  const matrixBlock = (top: number, label: string, cell: (i: number, j: number) => string | number) => {
    ws.getRange(block(top, 0, 1, 1)).values = [[label]];
    ws.getRange(block(top + 1, 0, n + 1, n + 1)).formulas = [
      ['From \\ to', ...t.states.map(cellText)],
      ...t.states.map((st, i) => [cellText(st), ...t.states.map((_, j) => (i === j ? '' : cell(i, j)))]),
    ];
    ws.getRange(block(top + 1, 0, 1, n + 1)).format.font.bold = true;
  };
  const at = (top: number, i: number, j: number) => `${columnName(1 + j)}${top + 3 + i}`;
  matrixBlock(L.scaleTop, 'Scenario: × each transition rate (1 = as in the data)', () => 1);
  matrixBlock(L.addTop, 'Scenario: + each transition rate (blank = nothing added)', () => '');
  for (const top of [L.scaleTop, L.addTop]) ws.getRange(block(top + 2, 1, n, n)).format.font.color = '#1D70B8';
  matrixBlock(L.rawTop, 'Scenario transition rates before renormalising', (i, j) => `=MAX(0,${dataTrans(i, j)}*${at(L.scaleTop, i, j)}+${at(L.addTop, i, j)})`);
  matrixBlock(L.finalTop, 'Scenario transition rates (what CIC.DEMAND reads)', (i, j) => {
    const R = r(i);
    const raw = at(L.rawTop, i, j);
    return `=IF($K${R}+$L${R}<=1,${raw},IF(OR(${at(L.scaleTop, i, j)}<>1,${at(L.addTop, i, j)}<>0),${raw}/MAX(1,$K${R}),IF($L${R}=0,0,${raw}*MAX(0,1-$K${R})/$L${R})))`;
  });
  for (const top of [L.rawTop, L.finalTop]) ws.getRange(block(top + 2, 1, n, n)).numberFormat = t.states.map(() => t.states.map(() => '0.000000'));

  const spill = (top: number, label: string, formula: string, cols: number, format: string) => {
    ws.getRange(block(top, 0, 1, 1)).values = [[label]];
    ws.getRange(block(top + 1, 0, 1, 1)).formulas = [[formula]];
    ws.getRange(block(top + 2, 1, s.years, cols)).numberFormat = Array.from({ length: s.years }, () => Array(cols).fill(format));
  };
  spill(L.outTop, 'Children in care on 31 March, by state', L.children, n + 1, '#,##0.0');
  spill(L.bandTop, 'Total children in care on 31 March, expected and ±2σ (multinomial variance)', L.band, 3, '#,##0');
  spill(L.costTop, 'Cost (£) by financial year: daily stock × weekly cost / 7, inflation on each anniversary of the start', L.cost, n + 1, '£#,##0');

  const chart = ws.charts.add('Line', ws.getRange(block(L.bandTop + 1, 0, s.years + 1, 4)), 'Columns');
  chart.title.text = 'Children in care on 31 March: expected and ±2σ band';
  chart.legend.position = 'Bottom';
  chart.setPosition(block(L.bandTop, 6, 1, 1), block(L.bandTop + 18, 14, 1, 1));
  ws.activate();
  await context.sync();
}
