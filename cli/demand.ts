/**
 * `cic demand --header FILE --episodes FILE [--from DATE] [--to DATE] [--years N] [--json]`: the council's
 * SSDA903 Header and Episodes files → the demand model's inputs (stock, daily transition, exit and entrant
 * rates over the reference window, by age band × placement category) and a forecast by financial year,
 * computed on this machine with the same code the add-in's pane runs.
 */
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { readInputFile } from '../node/input-file';
import { projectDemand } from '../shared/demand/model';
import { cleaningRows, stateRows, STATE_HEADERS } from '../shared/demand/report';
import { demandFromSsda903, isoDay, dateToDay } from '../shared/demand/ssda903';
import { toDate } from '../shared/finance/fiscal-year';
import { terminalJson, terminalText } from '../shared/terminal-text';

const USAGE = 'usage: cic demand --header FILE --episodes FILE [--from DATE] [--to DATE] [--years N] [--json]\n';

const fmt = (v: string | number): string => (typeof v === 'string' ? terminalText(v) : Number.isInteger(v) ? String(v) : v.toPrecision(4));

function table(rows: (string | number)[][]): string {
  const cells = rows.map((r) => r.map(fmt));
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
}

export async function demandCommand(args: string[]): Promise<number> {
  let opts;
  try {
    opts = parseArgs({
      args,
      options: {
        header: { type: 'string' },
        episodes: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        years: { type: 'string' },
        json: { type: 'boolean' },
      },
    }).values;
  } catch (e) {
    process.stderr.write(`cic demand: ${terminalText((e as Error).message)}\n${USAGE}`);
    return 2;
  }
  if (!opts.header || !opts.episodes) {
    process.stderr.write(USAGE);
    return 2;
  }
  const years = opts.years === undefined ? 3 : Number(opts.years);
  const t = demandFromSsda903(readInputFile(opts.header).toString('utf8'), readInputFile(opts.episodes).toString('utf8'), {
    headerFile: basename(opts.header),
    episodesFile: basename(opts.episodes),
    referenceStart: opts.from ? toDate(opts.from, '--from') : undefined,
    referenceEnd: opts.to ? toDate(opts.to, '--to') : undefined,
    today: new Date(),
  });
  const forecast = projectDemand(t, { start: t.start, years, variance: 'multinomial' });
  if (opts.json) {
    process.stdout.write(`${terminalJson({ ...t, forecast }, 1)}\n`);
    return 0;
  }
  const out = [
    `Reference window ${isoDay(dateToDay(t.window.start))} to ${isoDay(dateToDay(t.window.end))} (${t.window.days} days); data to ${isoDay(dateToDay(t.dataEnd))}`,
    '',
    table([['Cleaning', 'Rows'], ...cleaningRows(t.log)]),
    '',
    table([STATE_HEADERS(t), ...stateRows(t)]),
    '',
    `Forecast from ${isoDay(dateToDay(t.start))}: children in care on 31 March (expected, ±2σ)`,
    table([
      ['Financial year', 'Total', 'Lower', 'Upper'],
      ...forecast.map((r) => {
        const total = r.children.reduce((a, b) => a + b, 0);
        const sd = Math.sqrt(r.totalVariance);
        return [r.label, Math.round(total), Math.max(0, Math.round(total - 2 * sd)), Math.round(total + 2 * sd)];
      }),
    ]),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
