/**
 * Renders the client's status (service, release in use, workbook pin, newer release) into the pane.
 * The pin line only says "pinned" once the pin store reports it (after the workbook setting was saved),
 * and outside Excel it says no workbook is open: the in-memory pin of a plain browser pins nothing.
 */
import type { SourceStatus } from '../client/http-source';

const el = (id: string) => document.getElementById(id)!;

export function pinText(s: SourceStatus, workbook: boolean): string {
  if (!workbook) return 'None: no workbook is open (open this pane in Excel to pin one)';
  if (s.pinned) return `Pinned to ${s.pinned}`;
  return 'Not pinned yet: the workbook is pinned to the release it first calculates with';
}

export function renderStatus(s: SourceStatus, workbook: boolean): void {
  const service = el('status-service');
  service.textContent = s.reachable === null ? 'Checking…' : s.reachable ? 'Reachable' : 'Unreachable';
  service.className = s.reachable === null ? '' : s.reachable ? 'ok' : 'bad';
  const id = s.releaseId ?? (workbook ? s.pinned : null);
  el('status-release').textContent = id ? `${id}${s.offline ? ' (cached copy)' : ''}` : 'None yet';
  el('status-pin').textContent = pinText(s, workbook);
  el('status-newer').textContent = s.current === null ? 'Unknown' : s.current !== id && id ? `Yes: ${s.current}` : 'No, this is the current release';
  const note = el('status-note');
  note.hidden = !s.note;
  note.textContent = s.note ?? '';
}
