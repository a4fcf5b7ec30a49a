/**
 * "Status" and "Release": checking the service, loading the catalog the other sections need, and pinning.
 * Outside Excel there is no workbook to pin: the pane says so, and only switches the release it uses itself.
 */
import { actionStatus, startAction } from './action-status';
import { inWorkbook } from './excel-host';
import { pane } from './pane';
import { pinWorkbook } from './pin-workbook';
import { read } from '../../shared/source';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export function releaseSection(onCatalog: () => void): { check(): Promise<void> } {
  async function loadCatalog(): Promise<void> {
    try {
      pane.catalog = await read(() => pane.source.catalog());
    } catch (e) {
      actionStatus('service').say(`Could not load the benchmark release: ${(e as Error).message}`);
      return;
    }
    onCatalog();
  }

  async function loadReleases(): Promise<void> {
    try {
      const list = await pane.source.releases();
      const select = $<HTMLSelectElement>('release');
      select.replaceChildren(new Option('Current release', ''), ...list.releases.map((r) => new Option(`${r.id}: ${r.title} (${r.asOf})`, r.id)));
      select.value = (inWorkbook() ? pane.source.status.pinned : null) ?? '';
    } catch {
      // The status list already says the service is unreachable.
    }
  }

  async function check(): Promise<void> {
    await pane.source.refreshStatus();
    await Promise.all([loadReleases(), pane.catalog ? Promise.resolve() : loadCatalog()]);
  }

  async function pin(): Promise<void> {
    const status = startAction('release');
    const id = $<HTMLSelectElement>('release').value || pane.source.status.current;
    if (!id) {
      status.say('The current release is not known yet: check the service first.');
      return;
    }
    const workbook = inWorkbook();
    status.say(workbook ? `Pinning the workbook to release ${id}…` : `Switching this pane to release ${id}…`);
    let done: string;
    try {
      done = await pinWorkbook(pane.source, id, workbook ? (work) => Excel.run(work) : null);
    } catch (e) {
      status.say(`Could not pin the workbook: ${(e as Error).message}. It is not pinned to ${id}.`);
      return;
    }
    pane.catalog = null;
    await loadCatalog();
    status.say(done);
  }

  $('check').addEventListener('click', () => {
    const status = startAction('service');
    status.say('Checking the service…');
    void check().then(() => status.say(pane.source.status.reachable ? 'Service checked: reachable.' : 'Service checked: unreachable.'));
  });
  $('pin').addEventListener('click', () => void pin());
  return { check };
}
