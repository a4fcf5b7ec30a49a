/** Renders the client's status (service, release in use, pin, newer release) into the pane. */
import type { SourceStatus } from '../client/http-source';

const el = (id: string) => document.getElementById(id)!;

export function renderStatus(s: SourceStatus): void {
  const service = el('status-service');
  service.textContent = s.reachable === null ? 'Checking…' : s.reachable ? 'Reachable' : 'Unreachable';
  service.className = s.reachable === null ? '' : s.reachable ? 'ok' : 'bad';
  const id = s.releaseId ?? s.pinned;
  el('status-release').textContent = id
    ? `${id}${s.pinned === id ? ' (pinned)' : ''}${s.offline ? ' (cached copy)' : ''}`
    : 'None yet (the current release is pinned on first use)';
  el('status-newer').textContent = s.current === null ? 'Unknown' : s.current !== id && id ? `Yes: ${s.current}` : 'No, this is the current release';
  const note = el('status-note');
  note.hidden = !s.note;
  note.textContent = s.note ?? '';
}
