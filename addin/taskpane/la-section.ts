/** "Local authority": a datalist search by name, DfE number or ONS code; the choice is confirmed beside it. */
import { pane } from './pane';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export function laSection(): void {
  $('la').addEventListener('change', chooseLa);
}

export function laReady(): void {
  const options = pane
    .catalog!.las.filter((l) => l.kind === 'la' && l.current)
    .map((l) => {
      const o = document.createElement('option');
      o.value = `${l.name} (${l.number}${l.ons ? `, ${l.ons}` : ''})`;
      return o;
    });
  $('la-options').replaceChildren(...options);
  // An LA typed before the release arrived (or under the release before a re-pin) is looked up now.
  if ($<HTMLInputElement>('la').value.trim()) chooseLa();
}

function chooseLa(): void {
  const text = $<HTMLInputElement>('la').value.trim();
  const chosen = $('la-chosen');
  pane.la = null;
  if (!pane.catalog || !text) {
    chosen.textContent = 'No local authority chosen.';
    return;
  }
  const number = /\((\d{3})[,)]/.exec(text)?.[1];
  try {
    const hit = pane.catalog.la(number ? Number(number) : text);
    pane.la = { number: hit.number, name: hit.name };
    chosen.textContent = `Chosen: ${hit.name} (${hit.number}).`;
  } catch (e) {
    chosen.textContent = (e as Error).message;
  }
}
