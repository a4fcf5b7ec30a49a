/**
 * `cic table INDICATOR [--year Y] [--la LA] [--json]`: LAIT's "All LAs" view — every LA with its value,
 * band, quartile, rank, plus the boundaries and n — computed by the same functions as the cells.
 */
import { bandOf, quartileOfBand } from '../shared/benchmark/band';
import { bandPolarity } from '../shared/benchmark/polarity';
import { isLaNumber } from '../shared/release/distribution';
import { resolveDistribution, boundariesOf } from '../shared/formulas/resolve';
import { rankSorted } from '../shared/benchmark/rank';
import type { BenchmarkSource } from '../shared/source';
import { terminalJson, terminalText as tt } from '../shared/terminal-text';

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
  const { catalog, indicator, dist } = resolveDistribution(src, indicatorArg, year);
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

export async function tableCommand(args: string[], src: BenchmarkSource, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const opts = { year: null as string | null, la: null as string | null, json: false };
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--year') opts.year = args[++i] ?? null;
    else if (a === '--la') opts.la = args[++i] ?? null;
    else if (a === '--json') opts.json = true;
    else positional.push(a);
  }
  const indicator = positional[0];
  if (!indicator || positional.length > 1) {
    process.stderr.write('usage: cic table INDICATOR [--year Y] [--la LA] [--json]\n');
    return 2;
  }
  const t = await buildTable(src, indicator, opts.year);
  if (opts.la !== null) {
    const la = src.catalog().la(/^\d+$/.test(opts.la) ? Number(opts.la) : opts.la);
    t.rows = t.rows.filter((r) => r.la === la.number);
  }
  if (opts.json) {
    out.write(`${terminalJson(t, 2)}\n`);
    return 0;
  }
  const fmt = (v: number | null) => (v === null ? '-' : String(Number(v.toPrecision(15))));
  // Names, keys and labels are the release's text: escaped, so none can drive the terminal or fake a row.
  out.write(`${tt(t.indicator)} — ${tt(t.name)}\nyear ${tt(t.year)} · polarity ${t.polarity ?? 'none'} · n = ${t.n} · release ${tt(t.release)}\n`);
  out.write(`Q0..Q4: ${t.boundaries ? t.boundaries.map(fmt).join(' | ') : '-'} · England ${fmt(t.england)}\n\n`);
  out.write(['LA', 'ONS', 'Name', 'Value', 'Band', 'Quartile', 'Rank'].join('\t') + '\n');
  for (const r of t.rows) out.write([r.la, tt(r.ons ?? ''), tt(r.name), fmt(r.value), r.band ?? '-', r.quartile ?? '-', r.rank ?? '-'].join('\t') + '\n');
  return 0;
}
