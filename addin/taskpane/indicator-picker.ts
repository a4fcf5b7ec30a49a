/**
 * Indicators picked by name and topic: a topic filter and a search box over the release's indicators,
 * matches shown as checkboxes under LAIT topic headings (name, key, polarity, latest year). Ticking adds
 * the key to the "selected indicators" text list, which stays editable so typed keys and names still work.
 * Matches are capped so Tab never has to walk hundreds of checkboxes; typing more words narrows them.
 */
import type { Catalog } from '../../shared/release/catalog';
import type { Indicator } from '../../shared/release/schema';

export const MAX_SHOWN = 40;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export const polarityText = (p: Indicator['polarity']): string => (p === 'Low' ? 'lower is better' : p === 'High' ? 'higher is better' : 'no polarity');

export interface Picker {
  /** The keys in the text list that the catalog knows, in order, de-duplicated; `unknown` gets the rest. */
  selectedKeys(unknown?: (line: string) => void): string[];
  /** Re-render after the text list was edited by hand. */
  sync(): void;
  /** The release's indicators (again after a re-pin). */
  setCatalog(c: Catalog): void;
}

/**
 * The line under the selected-indicators list: how many it holds, and each typed line the release does not
 * know, with the indicators the search finds for it ("children in care": did you mean LACnum or LAC?).
 */
export function selectionSummary(catalog: Pick<Catalog, 'searchIndicators'>, selected: number, unknown: readonly string[]): string {
  const tail = 'Ticking an indicator above adds its key here; you can also type or paste keys.';
  if (unknown.length === 0) return `${selected} selected. ${tail}`;
  const named = unknown.slice(0, 5).map((line) => {
    const near = catalog.searchIndicators(line).slice(0, 3);
    return `"${line.length > 60 ? `${line.slice(0, 60)}…` : line}"${near.length ? ` (did you mean ${near.map((i) => i.key).join(' or ')}?)` : ' (no indicator matches its words)'}`;
  });
  const more = unknown.length > 5 ? ` and ${unknown.length - 5} more` : '';
  return `${selected} selected. Not found, left out: ${named.join('; ')}${more}. ${tail}`;
}

/** Listeners are attached once; the catalog can change under them. */
export function indicatorPicker(onChange: () => void): Picker {
  const area = $<HTMLTextAreaElement>('indicators');
  const search = $<HTMLInputElement>('indicator-search');
  const topic = $<HTMLSelectElement>('indicator-topic');
  const results = $('indicator-results');
  const count = $('indicator-count');

  let catalog: Catalog | null = null;
  let topics: string[] = [];
  function setCatalog(c: Catalog): void {
    catalog = c;
    topics = [...new Set(c.indicators.map((i) => i.topic))];
    const was = topic.value;
    topic.replaceChildren(
      new Option(`All topics (${c.indicators.length} indicators)`, ''),
      ...topics.map((t) => new Option(`${t} (${c.indicators.filter((i) => i.topic === t).length})`, t)),
    );
    if (topics.includes(was)) topic.value = was;
    render();
  }

  const lines = () =>
    area.value
      .split(/\n/)
      .map((s) => s.trim())
      .filter(Boolean);
  const keyOf = (line: string): string | null => {
    try {
      return catalog?.indicator(line).key ?? null;
    } catch {
      return null;
    }
  };
  function selectedKeys(unknown?: (line: string) => void): string[] {
    const keys: string[] = [];
    for (const line of lines()) {
      const k = keyOf(line);
      if (k) keys.push(k);
      else unknown?.(line);
    }
    return [...new Set(keys)];
  }

  function toggle(key: string, on: boolean): void {
    const kept = lines().filter((l) => keyOf(l) !== key);
    area.value = [...kept, ...(on ? [key] : [])].join('\n');
    onChange();
  }

  function item(i: Indicator, chosen: Set<string>): HTMLLIElement {
    const li = document.createElement('li');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.id = `pick-${i.key}`;
    box.value = i.key;
    box.checked = chosen.has(i.key);
    box.addEventListener('change', () => toggle(i.key, box.checked));
    const label = document.createElement('label');
    label.htmlFor = box.id;
    const name = document.createElement('span');
    name.className = 'pick-name';
    name.textContent = i.name;
    const meta = document.createElement('span');
    meta.className = 'pick-meta';
    meta.textContent = `${i.key} · ${polarityText(i.polarity)} · latest ${i.years[i.years.length - 1] ?? 'none'}`;
    label.append(name, meta);
    li.append(box, label);
    return li;
  }

  function render(): void {
    const text = search.value.trim();
    const t = topic.value;
    if (!catalog) {
      results.replaceChildren();
      count.textContent = 'Indicators are listed once the release is loaded.';
      return;
    }
    if (!text && !t) {
      results.replaceChildren();
      count.textContent = 'Type a word such as "stability" or choose a topic to list indicators.';
      return;
    }
    const hits = catalog.searchIndicators(text, t || null);
    const shown = hits.slice(0, MAX_SHOWN);
    const chosen = new Set(selectedKeys());
    const groups: HTMLElement[] = [];
    // Topics in the order of their best match, so the indicator the words name is listed first.
    for (const name of new Set(shown.map((i) => i.topic))) {
      const inTopic = shown.filter((i) => i.topic === name);
      if (!inTopic.length) continue;
      const h = document.createElement('h3');
      h.textContent = name;
      const ul = document.createElement('ul');
      ul.setAttribute('aria-label', name);
      ul.append(...inTopic.map((i) => item(i, chosen)));
      groups.push(h, ul);
    }
    results.replaceChildren(...groups);
    count.textContent =
      hits.length === 0
        ? 'No indicator matches: try fewer or other words.'
        : hits.length > shown.length
          ? `Showing ${shown.length} of ${hits.length} matches: type more words to narrow them.`
          : `${hits.length} ${hits.length === 1 ? 'indicator matches' : 'indicators match'}.`;
  }

  search.addEventListener('input', render);
  topic.addEventListener('change', render);
  return { selectedKeys, sync: render, setCatalog };
}
