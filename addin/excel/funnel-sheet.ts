/**
 * The "CIC Funnel" sheet: one indicator's every LA against its denominator, with the 95% and 99.8% control
 * limits around England's proportion (PHEindicatormethods' funnel limits for proportions,
 * shared/statistics/funnel.ts), as a native scatter chart. An LA outside the 99.8% funnel differs from England by more
 * than chance; inside the 95% funnel it does not. Needs the counts the release proved for the indicator.
 */
import { funnelLimits } from '../../shared/statistics/funnel';
import type { BenchmarkSource } from '../../shared/source';
import { cellText } from './cell-text';
import { block, freshSheet, title } from './sheet';
import { all, read } from '../../shared/source';
import type { Distribution } from '../../shared/release/distribution';

export const FUNNEL_SHEET = 'CIC Funnel';
export const FUNNEL_HEADERS = ['LA number', 'Local authority', 'Denominator', 'Value', 'Outside 95%', 'Outside 99.8%'];
export const LIMIT_HEADERS = ['Denominator', 'Lower 99.8%', 'Lower 95%', 'England', 'Upper 95%', 'Upper 99.8%'];

export interface FunnelData {
  key: string;
  name: string;
  year: string;
  numerator: string;
  denominator: string;
  england: number;
  points: { la: number; name: string; n: number; value: number; outside95: boolean; outside998: boolean }[];
  limits: number[][];
}

/** Every LA's value and denominator for the year, and the limits on a grid of denominators spanning them. */
export async function funnelData(src: BenchmarkSource, key: string, year?: string): Promise<FunnelData> {
  const catalog = await read(() => src.catalog());
  const ind = catalog.indicator(key);
  const pair = catalog.counts[ind.key];
  if (!pair) throw new Error(`${ind.key} has no counts in this release, so it has no funnel (see CIC.COMPARE)`);
  // Rates would need Poisson funnels; only proportions are drawn.
  if (pair.method !== 'proportion') throw new Error(`${ind.key} is a rate: funnel plots are drawn for percentages only`);
  const y = year ?? ind.years[ind.years.length - 1]!;
  const [values, nums, dens] = await read(
    () => all([ind.key, pair.numerator, pair.denominator], (k) => src.distribution(k, y)) as [Distribution, Distribution, Distribution],
  );
  const xs = [...nums.byLa.entries()];
  const england = (() => {
    // England's proportion from England's own counts, as the funnel's target (the published value where not).
    const x = nums.byLa.get(970);
    const n = dens.byLa.get(970);
    return x !== null && x !== undefined && n ? x / n : (values.england ?? NaN) / pair.multiplier;
  })();
  if (!Number.isFinite(england)) throw new Error(`${ind.key} ${y}: no England value to centre the funnel on`);
  const points: FunnelData['points'] = [];
  for (const [la, x] of xs) {
    const n = dens.byLa.get(la);
    const v = values.byLa.get(la);
    const l = catalog.laByNumberOrNull(la);
    if (!l || l.kind !== 'la' || x === null || n === null || n === undefined || v === null || v === undefined || !(n > 0)) continue;
    const [lim] = funnelLimits(england, [n], pair.multiplier);
    points.push({ la, name: l.name, n, value: v, outside95: v < lim!.lower95 || v > lim!.upper95, outside998: v < lim!.lower998 || v > lim!.upper998 });
  }
  points.sort((a, b) => a.n - b.n);
  const maxN = Math.max(...points.map((p) => p.n), 10);
  const grid = Array.from({ length: 40 }, (_, i) => Math.max(1, Math.round(maxN ** ((i + 1) / 40))));
  const limits = funnelLimits(england, [...new Set(grid)], pair.multiplier).map((f) => [
    f.denominator,
    f.lower998,
    f.lower95,
    england * pair.multiplier,
    f.upper95,
    f.upper998,
  ]);
  return {
    key: ind.key,
    name: ind.name,
    year: y,
    numerator: pair.numerator,
    denominator: pair.denominator,
    england: england * pair.multiplier,
    points,
    limits,
  };
}

export async function writeFunnelSheet(context: Excel.RequestContext, data: FunnelData): Promise<void> {
  const ws = await freshSheet(context, FUNNEL_SHEET);
  title(
    ws,
    `Funnel plot: ${data.name} (${data.key}), ${data.year}`,
    `Every LA's value against its denominator (${data.denominator}); control limits at 95% and 99.8% around England (${data.england.toFixed(1)}). Outside the 99.8% limits: a difference chance is unlikely to explain.`,
  );
  const top = 3;
  const rows = data.points.map((p) => [p.la, cellText(p.name), p.n, p.value, p.outside95 ? 'Yes' : '', p.outside998 ? 'Yes' : '']);
  ws.getRange(block(top, 0, rows.length + 1, FUNNEL_HEADERS.length)).values = [FUNNEL_HEADERS, ...rows];
  const lim = FUNNEL_HEADERS.length + 1;
  ws.getRange(block(top, lim, data.limits.length + 1, LIMIT_HEADERS.length)).values = [LIMIT_HEADERS, ...data.limits];
  const chart = ws.charts.add('XYScatter', ws.getRangeByIndexes(top + 1, 3, rows.length, 1), 'Columns');
  chart.title.text = cellText(`${data.name}: every LA against its denominator, with 95% and 99.8% limits around England`);
  chart.legend.position = 'Bottom';
  const las = chart.series.getItemAt(0);
  las.name = 'Local authorities';
  las.setXAxisValues(ws.getRangeByIndexes(top + 1, 2, rows.length, 1));
  LIMIT_HEADERS.slice(1).forEach((name, i) => {
    const s = chart.series.add(name);
    s.chartType = 'XYScatterLinesNoMarkers';
    s.setXAxisValues(ws.getRangeByIndexes(top + 1, lim, data.limits.length, 1));
    s.setValues(ws.getRangeByIndexes(top + 1, lim + 1 + i, data.limits.length, 1));
    s.format.line.color = name === 'England' ? '#0B0C0C' : name.endsWith('99.8%') ? '#D4351C' : '#F47738';
    if (name !== 'England') s.format.line.lineStyle = 'Dash';
  });
  chart.setPosition(block(top + 1, lim + LIMIT_HEADERS.length + 1, 1, 1), block(top + 22, lim + LIMIT_HEADERS.length + 9, 1, 1));
  ws.activate();
  await context.sync();
}
