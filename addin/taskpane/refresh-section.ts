/**
 * "Newer release": when the service's current release is newer than the workbook's pin, the pane says so,
 * compares the workbook's CIC cells under both on request (a sheet lists what would change), and re-pins
 * and recalculates only when the user confirms.
 */
import { HttpSource } from '../client/http-source';
import { MemoryPin } from '../client/pin';
import { apiBaseUrl } from '../client/runtime';
import { startAction } from './action-status';
import { inWorkbook, NEEDS_EXCEL } from './excel-host';
import { pane, withButtonsDisabled } from './pane';
import { pinWorkbook, type ExcelRun } from './pin-workbook';
import { compareWorkbook, comparisonText, newerLine } from './refresh-workbook';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** One source per newer release, in memory only: comparing never touches the workbook's pin or cache. */
const newerSources = new Map<string, HttpSource>();
const sourceOf = (id: string): HttpSource => {
  let s = newerSources.get(id);
  if (!s) newerSources.set(id, (s = new HttpSource({ baseUrl: apiBaseUrl(), pin: new MemoryPin(id) })));
  return s;
};

export function refreshSection(afterRepin: () => Promise<void>): void {
  const box = $('newer');
  const repin = $<HTMLButtonElement>('repin-newer');
  /** The release compared with, once a comparison is on a sheet: what "Re-pin" moves to. */
  let compared: string | null = null;
  const run: ExcelRun = (work) => Excel.run(work);

  function show(): void {
    const line = inWorkbook() ? newerLine(pane.source.status) : null;
    // The buttons too: a control inside a hidden box is still a control to anything that lists them.
    box.hidden = $('compare').hidden = line === null;
    $('newer-line').textContent = line ?? '';
    if (compared !== pane.source.status.current) {
      compared = null;
      repin.hidden = true;
    }
  }

  async function compare(): Promise<void> {
    const status = startAction('newer');
    const { pinned, current } = pane.source.status;
    if (!inWorkbook()) return status.say(NEEDS_EXCEL);
    if (!pinned || !current) return status.say('Check the service first: the newer release is not known.');
    status.say(`Comparing this workbook's CIC cells under ${pinned} and ${current}…`);
    try {
      const c = await withButtonsDisabled(() => compareWorkbook(run, pane.source, sourceOf(current), pinned, current));
      status.say(comparisonText(c, current));
      compared = current;
      repin.textContent = `Re-pin to ${current}`;
      repin.hidden = false;
    } catch (e) {
      status.say(`Could not compare: ${(e as Error).message}`);
    }
  }

  async function confirm(): Promise<void> {
    const status = startAction('newer');
    if (!compared) return;
    const id = compared;
    status.say(`Pinning the workbook to release ${id}…`);
    try {
      const done = await withButtonsDisabled(() => pinWorkbook(pane.source, id, run));
      pane.catalog = null;
      await afterRepin();
      status.say(done);
    } catch (e) {
      status.say(`Could not pin the workbook: ${(e as Error).message}. It is not pinned to ${id}.`);
    }
  }

  pane.source.onStatus(show);
  show();
  $('compare').addEventListener('click', () => void compare());
  repin.addEventListener('click', () => void confirm());
}
