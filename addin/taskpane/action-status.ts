/**
 * Each section's own status line (role=status, aria-live polite, class "action-status") beside its
 * buttons, so the outcome of an action is read where the action is. Starting any action clears every
 * line first: an old "done" never sits next to a new attempt.
 */
export interface ActionStatus {
  say(text: string, done?: number, total?: number): void;
}

/** The status line `<p id="{section}-status">` and its optional `<progress id="{section}-progress">`. */
export function actionStatus(section: string): ActionStatus {
  const text = document.getElementById(`${section}-status`)!;
  const bar = document.getElementById(`${section}-progress`) as HTMLProgressElement | null;
  return {
    say(message, done, total) {
      text.textContent = message;
      if (!bar) return;
      bar.hidden = total === undefined;
      if (total !== undefined) {
        bar.max = total;
        bar.value = done ?? 0;
      }
    },
  };
}

/** A new action begins in `section`: every section's previous outcome goes. */
export function startAction(section: string): ActionStatus {
  for (const p of document.querySelectorAll('.action-status')) p.textContent = '';
  for (const bar of document.querySelectorAll<HTMLProgressElement>('.action-progress')) bar.hidden = true;
  return actionStatus(section);
}
