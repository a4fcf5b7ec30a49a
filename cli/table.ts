/**
 * `cic table INDICATOR [--year Y] [--la LA] [--json] [--raw]`: LAIT's "All LAs" view — every LA with its value,
 * band, quartile, rank, plus the boundaries and n — computed by the same functions as the cells.
 */
import { bandOf, quartileOfBand } from '../shared/benchmark/band';
import { bandPolarity } from '../shared/benchmark/polarity';
import { isLaNumber } from '../shared/release/distribution';
import { resolveDistribution, boundariesOf } from '../shared/formulas/resolve';
import { rankSorted } from '../shared/benchmark/rank';
import { read, type BenchmarkSource } from '../shared/source';
import { terminalJson, terminalText as tt } from '../shared/terminal-text';
import { command, parseCommand, UsageError } from './args';
import { boundaryText, indicatorDecimals, toDecimals } from './decimals';

export interface TableRow {
  la: number;
  ons: string | null;
  name: string;
  region: string | null;
  value: number | null;
  band: string | null;
  quartile: number | null;
  rank: number | null;
}

export async function buildTable(src: BenchmarkSource, indicatorArg: string, year: string | null) {
  const { catalog, indicator, dist } = await read(() => resolveDistribution(src, indicatorArg, year));
  // Banded as CIC.BAND bands: only under the polarity LAIT bands the measure by.
  const polarity = bandPolarity(indicator);
  const b = dist.sorted.length > 0 ? boundariesOf(dist, 'inc') : null;
  const rows: TableRow[] = catalog.las
    .filter((la) => isLaNumber(la.number) && dist.byLa.has(la.number))
    .map((la) => {
      const value = dist.byLa.get(la.number) ?? null;
      const band = value !== null && polarity && b ? bandOf(value, b, polarity) : null;
      return {
        la: la.number,
        ons: la.ons,
        name: la.name,
        region: la.region,
        value,
        band,
        quartile: band ? quartileOfBand(band) : null,
        rank: value !== null && indicator.polarity ? rankSorted(value, dist.sorted, indicator.polarity) : null,
      };
    });
  return {
    release: dist.release,
    indicator: indicator.key,
    name: indicator.name,
    year: dist.year,
    polarity: indicator.polarity,
    n: dist.sorted.length,
    boundaries: b,
    england: dist.england,
    rows,
  };
}

export const TABLE_COMMAND = command({
  name: 'table',
  usage: `usage: cic table INDICATOR [--year Y] [--la LA] [--json] [--raw] [--release FILE]
LAIT's "All LAs" view of an indicator: every LA's value, band, quartile and rank, the quartile boundaries,
n and England, computed by the same functions as the cells.
  INDICATOR        a LAIT key, alias or name ("LACStable_2016on", "re-referrals")
  --year Y         any spelling of the year (2025, "2024-25", "2024/25"; default the latest)
  --la LA          one LA: its number, ONS code or name as councils write it ("Leics")
  --json           the whole table as JSON (numbers as the release holds them)
  --raw            numbers in full precision (default: values to the indicator's published decimals,
                   boundaries to two more places, which holds them exactly)
  --release FILE   the release to read (default: the committed default release)
  -h, --help       this help
`,
  options: { year: { type: 'string' }, la: { type: 'string' }, json: { type: 'boolean' }, raw: { type: 'boolean' }, release: { type: 'string' } },
  positionals: true,
});

export async function tableCommand(args: string[], src: BenchmarkSource, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const parsed = parseCommand(TABLE_COMMAND, args, (t) => void out.write(t));
  if (!parsed) return 0;
  const opts = parsed.values;
  const [indicator, ...extra] = parsed.positionals;
  if (!indicator) throw new UsageError('table', 'name an indicator: cic table INDICATOR');
  if (extra.length) throw new UsageError('table', `one indicator at a time, not also "${extra.join(' ')}"`);
  const t = await buildTable(src, indicator, opts.year ?? null);
  if (opts.la !== undefined) {
    const wanted = opts.la;
    const la = await read(() => src.catalog().la(/^\d+$/.test(wanted) ? Number(wanted) : wanted));
    t.rows = t.rows.filter((r) => r.la === la.number);
  }
  if (opts.json) {
    out.write(`${terminalJson(t, 2)}\n`);
    return 0;
  }
  const dps = opts.raw ? null : await indicatorDecimals(src, await read(() => src.catalog().indicator(t.indicator)));
  const value = (v: number | null) => (v === null ? '-' : toDecimals(v, dps));
  const boundary = (v: number) => boundaryText(v, dps);
  // Names, keys and labels are the release's text: escaped, so none can drive the terminal or fake a row.
  out.write(`${tt(t.indicator)} — ${tt(t.name)}\nyear ${tt(t.year)} · polarity ${t.polarity ?? 'none'} · n = ${t.n} · release ${tt(t.release)}\n`);
  out.write(`Q0..Q4: ${t.boundaries ? t.boundaries.map(boundary).join(' | ') : '-'} · England ${value(t.england)}\n\n`);
  out.write(['LA', 'ONS', 'Name', 'Value', 'Band', 'Quartile', 'Rank'].join('\t') + '\n');
  for (const r of t.rows) out.write([r.la, tt(r.ons ?? ''), tt(r.name), value(r.value), r.band ?? '-', r.quartile ?? '-', r.rank ?? '-'].join('\t') + '\n');
  return 0;
}
