/**
 * `cic demand --header FILE --episodes FILE [--from DATE] [--to DATE] [--years N] [--inflation RATE] [--json]`:
 * the council's SSDA903 Header and Episodes files → the demand model's inputs (stock, daily transition, exit
 * and entrant rates over the reference window, by age band × placement category) and a forecast by financial
 * year, computed on this machine with the same code the add-in's pane runs, and printed as the pane's demand
 * sheet shows it: children on 31 March by placement type and by age band, the ±2σ band, and with
 * `--inflation` the cost, at the release's weekly unit cost for each placement type.
 */
import { basename } from 'node:path';
import { readInputFile } from '../node/input-file';
import { readReleaseFile, DEFAULT_RELEASE_PATH } from '../node/release-file';
import { GROWTH, rate } from '../shared/excel/args';
import { isCellError } from '../shared/excel/errors';
import { projectDemand } from '../shared/demand/model';
import { cleaningRows, stateRows, STATE_HEADERS } from '../shared/demand/report';
import { AGE_BANDS, demandFromSsda903, isoDay, dateToDay, PLACEMENT_CATEGORIES, type DemandTables } from '../shared/demand/ssda903';
import { toDate } from '../shared/finance/fiscal-year';
import { functionById } from '../shared/formulas/index';
import { invoke } from '../shared/formulas/invoke';
import { ReleaseIndex } from '../shared/release/release-index';
import { terminalJson, terminalText } from '../shared/terminal-text';
import { command, parseCommand, UsageError } from './args';

const USAGE = 'usage: cic demand --header FILE --episodes FILE [--from DATE] [--to DATE] [--years N] [--inflation RATE] [--json] [--release FILE]\n';

export const DEMAND_COMMAND = command({
  name: 'demand',
  usage: `${USAGE}The council's SSDA903 files → the demand model (Data to Insight's method), computed on this machine: the
cleaning, each state's stock and daily rates over the reference window, and a forecast of children in care
on 31 March by financial year — by placement type, by age band, and the total with a ±2σ band — as the
pane's demand sheets show it. Nothing is sent anywhere.
  --header FILE      the SSDA903 Header file (CHILD, DOB, …)
  --episodes FILE    the Episodes file (CHILD, DECOM, RNE, PLACE, DEC, …); the two given the other way
                     round are read the right way round, and the output says so
  --from DATE        first day of the reference window (default: a year before its end); a date as
                     2022-10-01, 01/10/2022, "1 October 2022" or "1 Oct 2022"
  --to DATE          its last day (default: the end of the data, 31 March)
  --years N          financial years to forecast, 1 to 50 (default 3)
  --inflation RATE   also the cost by financial year, weekly unit costs rising by RATE a year (3% or 0.03):
                     each placement type at the release's England weekly unit cost (CIC.UNITCOST), as the
                     pane fills them in
  --json             the rates and the forecast as JSON
  --release FILE     the release the unit costs come from (default: the committed default release)
  -h, --help         this help
`,
  options: {
    header: { type: 'string' },
    episodes: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    years: { type: 'string' },
    inflation: { type: 'string' },
    json: { type: 'boolean' },
    release: { type: 'string' },
  },
});

const fmt = (v: string | number): string => (typeof v === 'string' ? terminalText(v) : Number.isInteger(v) ? String(v) : v.toPrecision(4));

function table(rows: (string | number)[][]): string {
  const cells = rows.map((r) => r.map(fmt));
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
}

const sum = (v: readonly number[]) => v.reduce((a, b) => a + b, 0);
/** Per-state numbers summed into groups (states are band-major: band × placement category). */
const byCategory = (v: readonly number[]) => PLACEMENT_CATEGORIES.map((_, c) => sum(v.filter((_, j) => j % PLACEMENT_CATEGORIES.length === c)));
const byBand = (v: readonly number[]) => AGE_BANDS.map((_, b) => sum(v.slice(b * PLACEMENT_CATEGORIES.length, (b + 1) * PLACEMENT_CATEGORIES.length)));
/** Expected children to one decimal, as the pane's sheet formats them (#,##0.0). */
const oneDecimal = (x: number): string => x.toFixed(1);

/** Each placement type's weekly cost as the pane fills it in: the release's England unit cost, or none (£0). */
async function unitCosts(releasePath: string): Promise<{ cost: number | null; why: string }[]> {
  const src = new ReleaseIndex(readReleaseFile(releasePath));
  const UNITCOST = functionById('UNITCOST')!;
  return Promise.all(
    PLACEMENT_CATEGORIES.map(async (c) => {
      const v = await invoke(UNITCOST, src, [c]);
      return typeof v === 'number' ? { cost: v, why: '' } : { cost: null, why: isCellError(v) ? v.message : 'no unit cost' };
    }),
  );
}

export async function demandCommand(args: string[]): Promise<number> {
  const parsed = parseCommand(DEMAND_COMMAND, args, (t) => void process.stdout.write(t));
  if (!parsed) return 0;
  const opts = parsed.values;
  if (parsed.positionals.length)
    throw new UsageError('demand', `unexpected argument ${parsed.positionals[0]}: give the files as --header FILE --episodes FILE`);
  if (!opts.header || !opts.episodes) {
    process.stderr.write(USAGE);
    return 2;
  }
  const years = opts.years === undefined ? 3 : Number(opts.years);
  if (!Number.isInteger(years) || years < 1 || years > 50) throw new UsageError('demand', `--years must be a whole number from 1 to 50, not ${opts.years}`);
  let inflation: number | null = null;
  try {
    if (opts.inflation !== undefined) inflation = rate(opts.inflation, '--inflation', GROWTH);
  } catch (e) {
    throw new UsageError('demand', (e as Error).message);
  }
  const t = demandFromSsda903(readInputFile(opts.header).toString('utf8'), readInputFile(opts.episodes).toString('utf8'), {
    headerFile: basename(opts.header),
    episodesFile: basename(opts.episodes),
    referenceStart: opts.from ? toDate(opts.from, '--from') : undefined,
    referenceEnd: opts.to ? toDate(opts.to, '--to') : undefined,
    today: new Date(),
  });
  const costs = inflation === null ? null : await unitCosts(opts.release ?? (process.env.CIC_RELEASE_FILE || DEFAULT_RELEASE_PATH));
  const weeklyCosts = costs && t.states.map((_, j) => costs[j % PLACEMENT_CATEGORIES.length]!.cost ?? 0);
  const forecast = projectDemand(t, {
    start: t.start,
    years,
    variance: 'multinomial',
    ...(weeklyCosts ? { weeklyCosts, inflation: t.states.map(() => inflation!) } : {}),
  });
  if (opts.json) {
    process.stdout.write(`${terminalJson({ ...t, forecast }, 1)}\n`);
    return 0;
  }
  process.stdout.write(`${report(t, forecast, costs, inflation).join('\n')}\n`);
  return 0;
}

function report(
  t: DemandTables,
  forecast: ReturnType<typeof projectDemand>,
  costs: { cost: number | null; why: string }[] | null,
  inflation: number | null,
): string[] {
  const day = (d: Date) => isoDay(dateToDay(d));
  const files = t.files.swapped
    ? `Header file ${t.files.header}, Episodes file ${t.files.episodes} (given the other way round: read by their columns)`
    : `Header file ${t.files.header}, Episodes file ${t.files.episodes}`;
  const out = [
    files,
    `Reference window ${day(t.window.start)} to ${day(t.window.end)} (${t.window.days} days); data to ${day(t.dataEnd)}`,
    '',
    table([['Cleaning', 'Rows'], ...cleaningRows(t.log)]),
    '',
    table([STATE_HEADERS(t), ...stateRows(t)]),
    '',
    `Forecast from ${day(t.start)}: children in care on 31 March (expected, ±2σ)`,
    table([
      ['Financial year', 'Total', 'Lower', 'Upper'],
      ...forecast.map((r) => {
        const total = sum(r.children);
        const sd = Math.sqrt(r.totalVariance);
        return [r.label, Math.round(total), Math.max(0, Math.round(total - 2 * sd)), Math.round(total + 2 * sd)];
      }),
    ]),
    '',
    'By placement type (children on 31 March, expected)',
    table([
      ['Financial year', ...PLACEMENT_CATEGORIES, 'Total'],
      ...forecast.map((r) => [r.label, ...byCategory(r.children).map(oneDecimal), oneDecimal(sum(r.children))]),
    ]),
    '',
    'By age band (children on 31 March, expected)',
    table([
      ['Financial year', ...AGE_BANDS.map((b) => b.label), 'Total'],
      ...forecast.map((r) => [r.label, ...byBand(r.children).map(oneDecimal), oneDecimal(sum(r.children))]),
    ]),
  ];
  if (costs && inflation !== null) {
    const priced = PLACEMENT_CATEGORIES.map((c, i) =>
      costs[i]!.cost === null ? `${c} no unit cost in the release (counted at £0)` : `${c} £${costs[i]!.cost}`,
    );
    out.push(
      '',
      `Cost (£) by financial year: daily stock × weekly cost / 7, costs rising ${Number((inflation * 100).toPrecision(12))}% on each anniversary of the start`,
      `Weekly unit costs (England, the release's CIC.UNITCOST): ${priced.join('; ')}`,
      table([
        ['Financial year', ...PLACEMENT_CATEGORIES, 'Total'],
        ...forecast.map((r) => [r.label, ...byCategory(r.cost).map(Math.round), Math.round(sum(r.cost))]),
      ]),
    );
  }
  return out;
}
