/**
 * Writes a committee dashboard in the seeds' shape (indicator, latest value, change on the previous
 * data point, RAG, national quartile with 1 = top, SN average), every figure a live =CIC.* formula, and the
 * change judged by significance (CIC.SIGCHANGE) where the release has the counts, by tolerance where not
 * — the sheet says which, row by row and in the summary; and the
 * summary counts as COUNTIF formulas over those rows, so the narrative cannot drift from the table
 * (the seeds' own hand-written counts do not add up).
 */
import { cellText, formulaString } from './cell-text';
import { block, freshSheet, title } from './sheet';

export const DASHBOARD_SHEET = 'CIC Dashboard';

export interface DashboardIndicator {
  key: string;
  name: string;
  latestYear: string;
  previousYear: string | null;
  /** The counts the indicator is made of, where the release has them: the change is then tested for significance. */
  counts?: { numerator: string; denominator: string } | null;
}

export const DASHBOARD_HEADERS = [
  'Indicator key',
  'Indicator',
  'Latest year',
  'Latest value',
  'Previous year',
  'Previous value',
  'Compared to previous data point',
  'RAG',
  'National benchmark (quartile 1 = top)',
  'Statistical neighbour average',
  'How the change was judged',
];

export const BY_SIGNIFICANCE = "Significance (Newcombe's interval)";
export const BY_TOLERANCE = 'Tolerance (1%): no counts published';

const FIRST = 6; // first data row, 1-based (rows 1–2 title, 3 LA input, 5 headers)

/** The formulas of one dashboard row (1-based sheet row r); the LA is the input cell $B$3. */
export function dashboardRow(ind: DashboardIndicator, r: number): (string | number)[] {
  // Written through .formulas: the release's key, name and years go in as text, and the formulas read them from A, C and E.
  return [
    cellText(ind.key),
    cellText(ind.name),
    cellText(ind.latestYear),
    `=CIC.VALUE($A${r},$B$3,$C${r})`,
    cellText(ind.previousYear ?? ''),
    ind.previousYear === null ? '' : `=CIC.VALUE($A${r},$B$3,$E${r})`,
    changeFormula(ind, r),
    `=IFERROR(CIC.RAG($I${r},$G${r},CIC.POSITION($A${r},$D${r},$C${r})),"")`,
    `=CIC.QUARTILE($A${r},$D${r},$C${r})`,
    `=CIC.SNAVG($A${r},$B$3,$C${r})`,
    ind.previousYear === null ? '' : ind.counts ? BY_SIGNIFICANCE : BY_TOLERANCE,
  ];
}

/**
 * The change column: a real change (CIC.SIGCHANGE on the published counts of both years) where the
 * release has the indicator's counts, else the direction by CIC.CHANGE's 1% tolerance, and column K says which.
 */
function changeFormula(ind: DashboardIndicator, r: number): string {
  if (!ind.counts) return `=IFERROR(CIC.CHANGE($D${r},$F${r},$A${r}),"")`;
  const v = (key: string, yearCol: string) => `CIC.VALUE(${formulaString(key)},$B$3,$${yearCol}${r})`;
  const { numerator: n, denominator: d } = ind.counts;
  return `=IFERROR(CIC.SIGCHANGE(${v(n, 'C')},${v(d, 'C')},${v(n, 'E')},${v(d, 'E')},$A${r}),"")`;
}

/** Summary lines: label and formula over rows first..last (1-based). */
export function summaryFormulas(first: number, last: number): [string, string][] {
  const rows = (col: string) => `$${col}$${first}:$${col}$${last}`;
  return [
    ['Measures', `=COUNTA(${rows('A')})`],
    ['Improved (Better)', `=COUNTIF(${rows('G')},"Better")`],
    ['Declined (Worse)', `=COUNTIF(${rows('G')},"Worse")`],
    ['Similar', `=COUNTIF(${rows('G')},"Similar")`],
    ['In the top quartile', `=COUNTIF(${rows('I')},1)`],
    ['In the bottom quartile', `=COUNTIF(${rows('I')},4)`],
    ['Green', `=COUNTIF(${rows('H')},"G")`],
    ['Amber', `=COUNTIF(${rows('H')},"A")`],
    ['Red', `=COUNTIF(${rows('H')},"R")`],
    ['Changes judged by tolerance (no counts)', `=COUNTIF(${rows('K')},"${BY_TOLERANCE}")`],
  ];
}

export async function writeDashboardSheet(
  context: Excel.RequestContext,
  input: { la: { number: number; name: string }; indicators: readonly DashboardIndicator[] },
): Promise<void> {
  const ws = await freshSheet(context, DASHBOARD_SHEET);
  title(
    ws,
    `Performance dashboard: ${input.la.name}`,
    'Live =CIC formulas: change the local authority in B3, or re-pin the release in the pane, and every figure and count updates.',
  );
  ws.getRange('A3:B3').values = [['Local authority', input.la.number]];
  ws.getRange('A3').format.font.bold = true;

  const n = input.indicators.length;
  const last = FIRST + n - 1;
  const head = ws.getRange(block(FIRST - 2, 0, 1, DASHBOARD_HEADERS.length));
  head.values = [DASHBOARD_HEADERS];
  head.format.font.bold = true;
  head.format.wrapText = true;
  if (n > 0) {
    const text = Array.from({ length: n }, () => ['@']);
    ws.getRange(block(FIRST - 1, 2, n, 1)).numberFormat = text;
    ws.getRange(block(FIRST - 1, 4, n, 1)).numberFormat = text;
    ws.getRange(block(FIRST - 1, 0, n, DASHBOARD_HEADERS.length)).formulas = input.indicators.map((ind, i) => dashboardRow(ind, FIRST + i));
  }

  const summaryTop = last + 2; // zero-based row of the "Summary" heading
  const summary = summaryFormulas(FIRST, Math.max(last, FIRST));
  ws.getRange(block(summaryTop, 0, 1, 1)).values = [['Summary']];
  ws.getRange(block(summaryTop, 0, 1, 1)).format.font.bold = true;
  ws.getRange(block(summaryTop + 1, 0, summary.length, 2)).formulas = summary;
  const cell = (label: string) => `B${summaryTop + 2 + summary.findIndex(([l]) => l === label)}`;
  ws.getRange(block(summaryTop + summary.length + 2, 0, 1, 1)).formulas = [
    [
      `="From "&${cell('Measures')}&" measures, "&${cell('Improved (Better)')}&" improved, "&${cell('Declined (Worse)')}&" declined and "&${cell('Similar')}&" stayed similar; "&${cell('In the top quartile')}&" are in the top quartile nationally and "&${cell('In the bottom quartile')}&" in the bottom quartile."`,
    ],
  ];

  const rag = ws.getRange(block(FIRST - 1, 7, Math.max(n, 1), 1));
  for (const [text, colour] of [
    ['G', '#00703C'],
    ['A', '#FFBF47'],
    ['R', '#D4351C'],
  ] as const) {
    const cf = rag.conditionalFormats.add('ContainsText');
    cf.textComparison.format.fill.color = colour;
    cf.textComparison.format.font.color = text === 'A' ? '#0B0C0C' : '#FFFFFF';
    cf.textComparison.rule = { operator: 'BeginsWith', text };
  }
  ws.getRange(block(FIRST - 2, 0, n + 1, DASHBOARD_HEADERS.length)).format.autofitColumns();
  ws.activate();
  await context.sync();
}
