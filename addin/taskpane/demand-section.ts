/**
 * "Your own data (SSDA903)": the council's Header and Episodes CSVs read in the page (File.text()), turned
 * into the demand model's rate tables here (demandTablesFromFiles: pure, no request — child-level rows never
 * leave the computer), then written as the demand sheets when the pane runs in Excel.
 */
import { isoDay, dateToDay, PLACEMENT_CATEGORIES } from '../../shared/demand/ssda903';
import { demandTablesFromFiles, writeDemandSheets } from '../excel/demand-sheet';
import { startAction } from './action-status';
import { inWorkbook, NEEDS_EXCEL } from './excel-host';
import { releaseCostFormula, withButtonsDisabled } from './pane';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** The "Build demand sheets" button's action (taskpane.ts loads this module when it is first pressed). */
export async function build(): Promise<void> {
  const status = startAction('demand');
  const header = $<HTMLInputElement>('demand-header').files?.[0];
  const episodes = $<HTMLInputElement>('demand-episodes').files?.[0];
  if (!header || !episodes) {
    status.say(`Choose ${!header && !episodes ? 'both files' : !header ? 'the Header CSV' : 'the Episodes CSV'} first.`);
    $(!header ? 'demand-header' : 'demand-episodes').focus();
    return;
  }
  const years = Math.min(20, Math.max(1, Math.round(Number($<HTMLInputElement>('demand-years').value) || 5)));
  const inflation = (Number($<HTMLInputElement>('demand-inflation').value) || 0) / 100;
  status.say('Reading the files on this computer…');
  let tables;
  try {
    const [h, e] = await Promise.all([header.text(), episodes.text()]);
    // The files' names, so a bad row reads "episodes.csv:17: …"; today bounds their dates when they have no YEAR.
    tables = demandTablesFromFiles(h, e, { headerFile: header.name, episodesFile: episodes.name, today: new Date() });
  } catch (e) {
    status.say(`Could not read the SSDA903 files: ${(e as Error).message}`);
    return;
  }
  const children = tables.stock.reduce((a, b) => a + b, 0);
  const swapped = tables.files.swapped ? ` ${header.name} is the Episodes file and ${episodes.name} the Header file: read that way round.` : '';
  const summary = `Read ${tables.log.episodeRows} episode rows: ${children} children in care on ${isoDay(dateToDay(tables.window.end))}, rates over ${tables.window.days} days.${swapped}`;
  if (!inWorkbook()) {
    status.say(`${summary} ${NEEDS_EXCEL}`);
    return;
  }
  const weeklyCosts: Record<string, string> = {};
  for (const c of PLACEMENT_CATEGORIES) {
    const f = releaseCostFormula(c);
    if (f) weeklyCosts[c] = f;
  }
  status.say(`${summary} Writing the demand sheets…`);
  try {
    await withButtonsDisabled(() => Excel.run((context) => writeDemandSheets(context, tables, { years, inflation, weeklyCosts })));
    status.say(`${summary} Demand sheets written.`);
  } catch (e) {
    status.say(`Writing the demand sheets failed: ${(e as Error).message}`);
  }
}
