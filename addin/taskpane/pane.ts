/** What the pane's sections share: the one benchmark source, the loaded catalog, the chosen LA, and running writers in Excel. */
import type { Catalog } from '../../shared/release/catalog';
import type { HttpSource } from '../client/http-source';
import { benchmarkSource } from '../client/runtime';
import { unitCostFormula } from '../excel/forecast-sheet';
import type { ActionStatus } from './action-status';
import { inWorkbook, NEEDS_EXCEL } from './excel-host';

export interface ChosenLa {
  number: number;
  name: string;
}

export const pane: { source: HttpSource; catalog: Catalog | null; la: ChosenLa | null } = {
  source: benchmarkSource(),
  catalog: null,
  la: null,
};

/** Runs a sheet writer inside Excel with every button disabled, its outcome told on `status`. */
export async function inExcel(status: ActionStatus, label: string, work: (context: Excel.RequestContext) => Promise<void>): Promise<void> {
  if (!inWorkbook()) {
    status.say(NEEDS_EXCEL);
    return;
  }
  try {
    status.say(`${label}…`, 0, 1);
    await withButtonsDisabled(() => Excel.run(work));
    status.say(`${label}: done.`);
  } catch (e) {
    status.say(`${label} failed: ${(e as Error).message}`);
  }
}

/** One sheet write at a time: every button is disabled until `work` settles. */
export async function withButtonsDisabled<T>(work: () => Promise<T>): Promise<T> {
  const buttons = [...document.querySelectorAll('button')];
  buttons.forEach((b) => (b.disabled = true));
  try {
    return await work();
  } finally {
    buttons.forEach((b) => (b.disabled = false));
  }
}

/** The chosen LA, or null after saying so on `status` and moving focus to the LA search. */
export function needLa(status: ActionStatus): ChosenLa | null {
  if (!pane.la) {
    status.say('Choose a local authority first.');
    document.getElementById('la')!.focus();
  }
  return pane.la;
}

/** A release unit-cost formula for a placement type when one matches ("Residential - External" → Residential). */
export function releaseCostFormula(type: string): string | null {
  const c = pane.catalog;
  if (!c) return null;
  for (const name of [type, type.split(/[\s/-]+/)[0] ?? '']) {
    let unit;
    try {
      unit = c.unitCostType(name);
    } catch {
      continue; // Not a release type.
    }
    return unitCostFormula(unit.type);
  }
  return null;
}
