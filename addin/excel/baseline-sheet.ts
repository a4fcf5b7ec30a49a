/**
 * The "CIC Baseline" sheet: the forecast builder's starting point for one LA, from published data only.
 * Children looked after (CIC.CLAFORECAST: expected and its calibrated interval) and their cost
 * (CIC.COSTFORECAST) as live spills, the published history (CIC.VALUE of LACnum), and the user's scenario
 * (CIC.FORECAST compound growth from the latest published count, growth in an input cell) drawn against
 * the baseline in a native fan chart. Every figure is a formula: change the LA, the growth or the level
 * and the sheet follows.
 */
import { cellText, formulaString } from './cell-text';
import { bandChart } from './fan-chart';
import { block, freshSheet, title } from './sheet';

export const BASELINE_SHEET = 'CIC Baseline';
/** The published count of children looked after on 31 March. */
export const CLA_MEASURE = 'LACnum';

export interface BaselineSheetInput {
  la: { number: number; name: string };
  /** Forecast horizon in years (CLAFORECAST's `years`), 1–10. */
  years: number;
  /** Published years of LACnum, oldest first (the history shown). */
  history: readonly string[];
  /** Origin year of the forecast; default the latest published. */
  fromYear?: string;
  level?: number;
}

export const CHART_HEADERS = ['Year (31 March)', 'Published', 'Expected', 'Floor', 'Interval', 'Your scenario'];

/**
 * Cell layout (1-based rows): inputs in B3:B6, the CLAFORECAST spill at A9, COSTFORECAST beside it at F9,
 * the chart table under both.
 */
export function baselineLayout(input: BaselineSheetInput) {
  const years = Math.min(10, Math.max(1, Math.round(input.years)));
  const history = input.history.slice(-6);
  const latest = input.fromYear ?? history[history.length - 1] ?? '';
  const spillTop = 9;
  const chartTop = spillTop + years + 3; // 1-based header row of the chart table
  return { years, history, latest, spillTop, chartTop, chartRows: history.length + years };
}

/** The formulas of the sheet, cell by cell: [address, formula or value]. Year labels are text (cellText), so only the sheet's own formulas start with =. */
export function baselineCells(input: BaselineSheetInput): [string, string | number][] {
  const { years, history, latest, spillTop, chartTop } = baselineLayout(input);
  const cells: [string, string | number][] = [
    ['A3', 'Local authority'],
    ['B3', input.la.number],
    ['A4', 'Forecast from (31 March)'],
    ['B4', cellText(latest)],
    ['A5', 'Interval level'],
    ['B5', input.level ?? 0.8],
    ['A6', 'Your scenario: growth a year'],
    ['B6', 0.03],
    ['C6', 'compound growth of the published count, as CIC.FORECAST computes it'],
    [`A${spillTop - 1}`, 'Children looked after (baseline)'],
    [`A${spillTop}`, `=CIC.CLAFORECAST($B$3,${years},$B$4,$B$5)`],
    [`F${spillTop - 1}`, 'Cost of care by financial year (baseline)'],
    [`F${spillTop}`, `=CIC.COSTFORECAST($B$3,${years},$B$4,,$B$5)`],
  ];
  CHART_HEADERS.forEach((h, i) => cells.push([`${String.fromCharCode(65 + i)}${chartTop}`, h]));
  history.forEach((y, i) => {
    const r = chartTop + 1 + i;
    cells.push([`A${r}`, cellText(y)], [`B${r}`, `=IFERROR(CIC.VALUE("${CLA_MEASURE}",$B$3,A${r}),NA())`]);
    // The scenario starts from the published count at the origin, so its line joins the history there.
    cells.push([`F${r}`, y === latest ? `=B${r}` : '=NA()'], [`C${r}`, '=NA()'], [`D${r}`, '=NA()'], [`E${r}`, '=NA()']);
  });
  const originRow = chartTop + 1 + history.indexOf(latest);
  for (let k = 1; k <= years; k++) {
    const r = chartTop + history.length + k;
    const spillRow = `${k + 1}`;
    cells.push(
      [`A${r}`, `=INDEX($A$${spillTop}#,${spillRow},1)`],
      [`B${r}`, '=NA()'],
      [`C${r}`, `=INDEX($A$${spillTop}#,${spillRow},2)`],
      [`D${r}`, `=INDEX($A$${spillTop}#,${spillRow},3)`],
      [`E${r}`, `=INDEX($A$${spillTop}#,${spillRow},4)-INDEX($A$${spillTop}#,${spillRow},3)`],
      // CIC.FORECAST's children view: one type, the published count at the origin, compound growth.
      [
        `F${r}`,
        history.includes(latest)
          ? `=INDEX(CIC.FORECAST({"Children looked after"},$B$${originRow},0,${formulaString(latest)},${years + 1},$B$6,,,"children"),${k + 2},2)`
          : '=NA()',
      ],
    );
  }
  return cells;
}

export async function writeBaselineSheet(context: Excel.RequestContext, input: BaselineSheetInput): Promise<void> {
  const ws = await freshSheet(context, BASELINE_SHEET);
  title(
    ws,
    `Baseline forecast: ${input.la.name}`,
    'From published DfE data only. The interval is right as often as it says on held-out years (docs/method.md); the scenario line is yours.',
  );
  const { chartTop, chartRows } = baselineLayout(input);
  // Year labels stay text ("2026"), as the functions spill them.
  ws.getRange(block(chartTop, 0, chartRows, 1)).numberFormat = Array.from({ length: chartRows }, () => ['@']);
  ws.getRange('B4').numberFormat = [['@']];
  ws.getRange('B5:B6').numberFormat = [['0%'], ['0.0%']];
  for (const [address, v] of baselineCells(input)) {
    const r = ws.getRange(address);
    if (typeof v === 'string' && v.startsWith('=')) r.formulas = [[v]];
    else r.values = [[v]];
  }
  for (const a of ['A3:A6', 'A8', 'F8']) ws.getRange(a).format.font.bold = true;
  const level = Math.round((input.level ?? 0.8) * 100);
  const chart = bandChart(
    ws,
    { sheet: BASELINE_SHEET, top: chartTop - 1, left: 0, rows: chartRows },
    {
      floor: 3,
      bands: [{ column: 4, name: `${level}% interval`, color: '#B1B4B6' }],
      lines: [
        { column: 1, name: 'Published', color: '#0B0C0C' },
        { column: 2, name: 'Expected (baseline)', color: '#1D70B8' },
        { column: 5, name: 'Your scenario', color: '#D4351C', dashed: true },
      ],
    },
    `Children looked after: ${input.la.name}, baseline with its ${level}% interval and your scenario`,
  );
  const below = chartTop + chartRows + 2;
  chart.setPosition(block(below, 0, 1, 1), block(below + 18, 8, 1, 1));
  ws.activate();
  await context.sync();
}
