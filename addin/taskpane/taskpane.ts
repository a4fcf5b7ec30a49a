/**
 * The shared-runtime page: registers the CIC custom functions, then drives the task pane (status, release
 * pinning, LA choice, and the buttons that write the benchmark, dashboard and forecast sheets).
 */
import type { Catalog } from '../../shared/release/catalog';
import { previousYear } from '../../shared/release/years';
import { benchmarkSource } from '../client/runtime';
import { benchmarkRows, benchmarkSeries } from '../excel/benchmark-data';
import { writeBenchmarkSheet } from '../excel/benchmark-sheet';
import { writeDashboardSheet } from '../excel/dashboard-sheet';
import { SEED_TYPES, writeForecastSheet, type ForecastType } from '../excel/forecast-sheet';
import { registerFunctions } from '../cells/register';
import { DEFAULT_INDICATORS } from './defaults';
import { renderStatus } from './status-view';

registerFunctions();

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const source = benchmarkSource();
let catalog: Catalog | null = null;
let la: { number: number; name: string } | null = null;

function say(text: string, done?: number, total?: number): void {
  $('message').textContent = text;
  const bar = $<HTMLProgressElement>('progress');
  bar.hidden = total === undefined;
  if (total !== undefined) {
    bar.max = total;
    bar.value = done ?? 0;
  }
}

async function loadCatalog(): Promise<void> {
  try {
    catalog = await source.catalog();
  } catch (e) {
    say(`Could not load the benchmark release: ${(e as Error).message}`);
    return;
  }
  const options = catalog.las.filter((l) => l.kind === 'la' && l.current).map((l) => {
    const o = document.createElement('option');
    o.value = `${l.name} (${l.number}${l.ons ? `, ${l.ons}` : ''})`;
    return o;
  });
  $('la-options').replaceChildren(...options);
  const known = new Set(catalog.indicators.map((i) => i.key));
  const keys = DEFAULT_INDICATORS.filter((k) => known.has(k));
  const area = $<HTMLTextAreaElement>('indicators');
  if (!area.value.trim()) area.value = (keys.length ? keys : catalog.indicators.slice(0, 8).map((i) => i.key)).join('\n');
  fillChartChoices();
}

function fillChartChoices(): void {
  if (!catalog) return;
  const select = $<HTMLSelectElement>('chart-indicator');
  const keys = indicatorKeys();
  select.replaceChildren(...keys.map((k) => new Option(`${catalog!.indicator(k).name} (${k})`, k)));
}

function indicatorKeys(): string[] {
  if (!catalog) return [];
  const keys: string[] = [];
  for (const line of $<HTMLTextAreaElement>('indicators').value.split(/\n/).map((s) => s.trim()).filter(Boolean)) {
    try {
      keys.push(catalog.indicator(line).key);
    } catch {
      say(`Unknown indicator "${line}" is left out.`);
    }
  }
  return [...new Set(keys)];
}

function chooseLa(): void {
  const text = $<HTMLInputElement>('la').value.trim();
  const chosen = $('la-chosen');
  la = null;
  if (!catalog || !text) {
    chosen.textContent = 'No local authority chosen.';
    return;
  }
  const number = /\((\d{3})[,)]/.exec(text)?.[1];
  try {
    const hit = catalog.la(number ? Number(number) : text);
    la = { number: hit.number, name: hit.name };
    chosen.textContent = `Chosen: ${hit.name} (${hit.number}).`;
  } catch (e) {
    chosen.textContent = (e as Error).message;
  }
}

async function loadReleases(): Promise<void> {
  try {
    const list = await source.releases();
    const select = $<HTMLSelectElement>('release');
    select.replaceChildren(new Option('Current release', ''), ...list.releases.map((r) => new Option(`${r.id}: ${r.title} (${r.asOf})`, r.id)));
    select.value = source.status.pinned ?? '';
  } catch {
    // The status line already says the service is unreachable.
  }
}

/** Runs a sheet writer inside Excel, with buttons disabled and progress announced. */
async function inExcel(label: string, work: (context: Excel.RequestContext) => Promise<void>): Promise<void> {
  if (typeof Excel === 'undefined' || typeof Excel.run !== 'function') {
    say('Open this pane in Excel to write sheets.');
    return;
  }
  const buttons = [...document.querySelectorAll('button')];
  buttons.forEach((b) => (b.disabled = true));
  try {
    say(`${label}…`, 0, 1);
    await Excel.run(work);
    say(`${label}: done.`);
  } catch (e) {
    say(`${label} failed: ${(e as Error).message}`);
  } finally {
    buttons.forEach((b) => (b.disabled = false));
  }
}

function needLa(): { number: number; name: string } | null {
  if (!la) {
    say('Choose a local authority first.');
    $('la').focus();
  }
  return la;
}

async function refreshBenchmarks(): Promise<void> {
  const chosen = needLa();
  if (!chosen || !catalog) return;
  const keys = indicatorKeys();
  const chartKey = $<HTMLSelectElement>('chart-indicator').value || keys[0];
  await inExcel('Refreshing benchmarks', async (context) => {
    const rows = await benchmarkRows(source, chosen.number, keys, (done, total) => say(`Benchmarking ${done} of ${total} indicators…`, done, total));
    const series = chartKey ? await benchmarkSeries(source, chosen.number, chartKey) : [];
    const c = await source.catalog();
    await writeBenchmarkSheet(context, {
      la: chosen, release: { id: c.release.id, title: c.release.title }, rows,
      chart: chartKey ? { key: chartKey, name: c.indicator(chartKey).name, series } : undefined,
    });
  });
}

async function buildDashboard(): Promise<void> {
  const chosen = needLa();
  if (!chosen || !catalog) return;
  const c = catalog;
  const indicators = indicatorKeys().map((k) => {
    const i = c.indicator(k);
    const latest = i.years[i.years.length - 1]!;
    return { key: i.key, name: i.name, latestYear: latest, previousYear: previousYear(i.years, latest) };
  });
  await inExcel('Building the dashboard', (context) => writeDashboardSheet(context, { la: chosen, indicators }));
}

/** A release unit-cost formula for a seed type when one matches ("Residential - External" → Residential). */
function releaseCost(t: ForecastType): ForecastType {
  if (!catalog) return t;
  for (const name of [t.type, t.type.split(/[\s/-]+/)[0] ?? '']) {
    try {
      const unit = catalog.unitCostType(name);
      return { ...t, weeklyCost: `=CIC.UNITCOST("${unit.type.replace(/"/g, '""')}")` };
    } catch {
      // Not a release type: keep the typed cost.
    }
  }
  return t;
}

async function buildForecast(): Promise<void> {
  const startYear = $<HTMLInputElement>('start-year').value.trim() || '2025/26';
  const years = Math.min(50, Math.max(1, Number($<HTMLInputElement>('years').value) || 5));
  const types = $<HTMLInputElement>('release-costs').checked ? SEED_TYPES.map(releaseCost) : [...SEED_TYPES];
  const firstYear = /\d{4}/.exec(startYear)?.[0] ?? '2025';
  const stepDowns = [{ from: 'Residential - External', to: 'IFA', count: 5 as const, percent: '' as const, start: `${firstYear}-10-01` }];
  await inExcel('Building the forecast', (context) => writeForecastSheet(context, { types, startYear, years, stepDowns }));
}

async function checkStatus(): Promise<void> {
  await source.refreshStatus();
  await Promise.all([loadReleases(), catalog ? Promise.resolve() : loadCatalog()]);
}

async function pin(): Promise<void> {
  const id = $<HTMLSelectElement>('release').value || source.status.current;
  if (!id) {
    say('The current release is not known yet: check the service first.');
    return;
  }
  await source.repin(id);
  catalog = null;
  await loadCatalog();
  say(`Workbook pinned to release ${id}. Recalculate (Ctrl+Alt+F9) to update CIC cells.`);
}

function start(): void {
  source.onStatus(renderStatus);
  renderStatus(source.status);
  $('check').addEventListener('click', () => void checkStatus());
  $('pin').addEventListener('click', () => void pin());
  $('la').addEventListener('change', chooseLa);
  $('indicators').addEventListener('change', fillChartChoices);
  $('refresh').addEventListener('click', () => void refreshBenchmarks());
  $('dashboard').addEventListener('click', () => void buildDashboard());
  $('forecast').addEventListener('click', () => void buildForecast());
  void checkStatus();
}

const office = globalThis.Office as typeof Office | undefined;
if (office?.onReady) void office.onReady(() => start());
else if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
