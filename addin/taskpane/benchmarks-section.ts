/** "Benchmarks": the indicator picker feeding the selected-indicators list, the chart choice, and the benchmark, dashboard and funnel sheets. */
import { previousYear } from '../../shared/release/years';
import { benchmarkRows, benchmarkSeries } from '../excel/benchmark-data';
import { writeBenchmarkSheet } from '../excel/benchmark-sheet';
import { writeDashboardSheet } from '../excel/dashboard-sheet';
import { funnelData, writeFunnelSheet } from '../excel/funnel-sheet';
import { startAction, type ActionStatus } from './action-status';
import { DEFAULT_INDICATORS } from './defaults';
import { indicatorPicker, selectionSummary, type Picker } from './indicator-picker';
import { inExcel, needLa, pane } from './pane';
import { read } from '../../shared/source';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
let picker: Picker | null = null;

export function benchmarksSection(): void {
  picker = indicatorPicker(fillChartChoices);
  $('indicators').addEventListener('change', () => {
    picker?.sync();
    fillChartChoices();
  });
  $('refresh').addEventListener('click', () => void refreshBenchmarks());
  $('dashboard').addEventListener('click', () => void buildDashboard());
  $('funnel').addEventListener('click', () => void buildFunnel());
}

/** Called once the catalog is loaded: default selection, the picker, the chart choices. */
export function benchmarksReady(): void {
  const c = pane.catalog!;
  const area = $<HTMLTextAreaElement>('indicators');
  if (!area.value.trim()) {
    const known = new Set(c.indicators.map((i) => i.key));
    const keys = DEFAULT_INDICATORS.filter((k) => known.has(k));
    area.value = (keys.length ? keys : c.indicators.slice(0, 8).map((i) => i.key)).join('\n');
  }
  picker!.setCatalog(c);
  fillChartChoices();
}

function fillChartChoices(): void {
  const c = pane.catalog;
  if (!c || !picker) return;
  const select = $<HTMLSelectElement>('chart-indicator');
  const was = select.value;
  const unknown: string[] = [];
  const keys = picker.selectedKeys((line) => unknown.push(line));
  select.replaceChildren(...keys.map((k) => new Option(`${c.indicator(k).name} (${k})`, k)));
  $('indicators-hint').textContent = selectionSummary(c, keys.length, unknown);
  if ([...select.options].some((o) => o.value === was)) select.value = was;
}

/** The selected keys; lines the release does not know are named on `status` and left out. */
export function selectedKeys(status: ActionStatus): string[] {
  const unknown: string[] = [];
  const keys = picker?.selectedKeys((line) => unknown.push(line)) ?? [];
  if (unknown.length) status.say(`Unknown indicator${unknown.length > 1 ? 's' : ''} left out: ${unknown.map((u) => `"${u}"`).join(', ')}.`);
  return keys;
}

async function refreshBenchmarks(): Promise<void> {
  const status = startAction('bench');
  const chosen = needLa(status);
  if (!chosen || !pane.catalog) return;
  const keys = selectedKeys(status);
  if (!keys.length) {
    status.say('Pick at least one indicator first.');
    $('indicator-search').focus();
    return;
  }
  const chartKey = $<HTMLSelectElement>('chart-indicator').value || keys[0];
  const { source } = pane;
  await inExcel(status, 'Refreshing benchmarks', async (context) => {
    const rows = await benchmarkRows(source, chosen.number, keys, (done, total) => status.say(`Benchmarking ${done} of ${total} indicators…`, done, total));
    const series = chartKey ? await benchmarkSeries(source, chosen.number, chartKey) : [];
    const c = await read(() => source.catalog());
    await writeBenchmarkSheet(context, {
      la: chosen,
      release: { id: c.release.id, title: c.release.title },
      rows,
      chart: chartKey ? { key: chartKey, name: c.indicator(chartKey).name, polarity: c.indicator(chartKey).polarity, series } : undefined,
    });
  });
}

async function buildDashboard(): Promise<void> {
  const status = startAction('bench');
  const chosen = needLa(status);
  const c = pane.catalog;
  if (!chosen || !c) return;
  const indicators = selectedKeys(status).map((k) => {
    const i = c.indicator(k);
    const latest = i.years[i.years.length - 1]!;
    return { key: i.key, name: i.name, latestYear: latest, previousYear: previousYear(i.years, latest), counts: c.counts[i.key] ?? null };
  });
  if (!indicators.length) {
    status.say('Pick at least one indicator first.');
    $('indicator-search').focus();
    return;
  }
  await inExcel(status, 'Building the dashboard', (context) => writeDashboardSheet(context, { la: chosen, indicators }));
}

/** Every LA against its denominator for the chart indicator (indicators with counts in the release only). */
async function buildFunnel(): Promise<void> {
  const status = startAction('bench');
  const key = $<HTMLSelectElement>('chart-indicator').value || selectedKeys(status)[0];
  if (!key || !pane.catalog) {
    status.say('Pick an indicator for the chart first.');
    $('indicator-search').focus();
    return;
  }
  const { source } = pane;
  await inExcel(status, `Building the funnel chart of ${key}`, async (context) => writeFunnelSheet(context, await funnelData(source, key)));
}
