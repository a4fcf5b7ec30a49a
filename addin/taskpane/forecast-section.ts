/** "Forecast builder": the seed forecast sheet, and the baseline forecast from published data for the chosen LA. */
import { SEED_TYPES, writeForecastSheet } from '../excel/forecast-sheet';
import { CLA_MEASURE, writeBaselineSheet } from '../excel/baseline-sheet';
import { startAction } from './action-status';
import { inWorkbook, NEEDS_EXCEL } from './excel-host';
import { inExcel, needLa, pane, releaseCostFormula } from './pane';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export function forecastSection(): void {
  $('forecast').addEventListener('click', () => void buildForecast());
  $('baseline').addEventListener('click', () => void buildBaseline());
}

const yearsWanted = (max: number) => Math.min(max, Math.max(1, Math.round(Number($<HTMLInputElement>('years').value) || 5)));

async function buildForecast(): Promise<void> {
  const status = startAction('forecast');
  const startYear = $<HTMLInputElement>('start-year').value.trim() || '2025/26';
  const years = yearsWanted(50);
  const types = $<HTMLInputElement>('release-costs').checked
    ? SEED_TYPES.map((t) => {
        const f = releaseCostFormula(t.type);
        return f ? { ...t, weeklyCost: f } : t;
      })
    : [...SEED_TYPES];
  const firstYear = /\d{4}/.exec(startYear)?.[0] ?? '2025';
  const stepDowns = [{ from: 'Residential - External', to: 'IFA', count: 5 as const, percent: '' as const, start: `${firstYear}-10-01` }];
  await inExcel(status, 'Building the forecast', (context) => writeForecastSheet(context, { types, startYear, years, stepDowns }));
}

async function buildBaseline(): Promise<void> {
  const status = startAction('forecast');
  const la = needLa(status);
  if (!la || !pane.catalog) return;
  if (!inWorkbook()) {
    status.say(NEEDS_EXCEL);
    return;
  }
  let history: readonly string[];
  try {
    history = pane.catalog.indicator(CLA_MEASURE).years;
  } catch {
    status.say(`This release does not publish ${CLA_MEASURE} (children looked after on 31 March), which the baseline forecasts.`);
    return;
  }
  // CLAFORECAST forecasts at most 10 years ahead.
  await inExcel(status, 'Building the baseline forecast', (context) => writeBaselineSheet(context, { la, years: yearsWanted(10), history }));
}
