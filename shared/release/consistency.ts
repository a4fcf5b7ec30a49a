/**
 * A release that passes its schema can still contradict itself: a values column shorter than the LA list
 * (every count silently wrong), two LAs with one number, two indicators with one key (which polarity
 * wins?), a listed year with no data. These checks refuse such a release wherever one is built or
 * accepted (the importer, the upload endpoint, reading a file). Pure.
 */
import type { Release } from './schema';

/** Indicator keys are LAIT measure keys: short. The store's keys (URL-encoded) must stay well under 1 KiB. */
export const MAX_INDICATOR_KEY_CHARS = 200;

/** Half of a UTF-16 surrogate pair on its own: not Unicode, so no store key or URL can hold it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Every contradiction found, each one sentence naming what and where (empty = consistent). */
export function releaseProblems(r: Pick<Release, 'las' | 'indicators' | 'values'> & Partial<Pick<Release, 'neighbours' | 'counts'>>, max = 20): string[] {
  const out: string[] = [];
  const add = (msg: string): boolean => out.push(msg) >= max;
  const n = r.las.length;

  const numbers = new Set<number>();
  for (const la of r.las) {
    if (numbers.has(la.number) && add(`LA number ${la.number} appears twice (${la.name})`)) return out;
    numbers.add(la.number);
  }
  const keys = new Map<string, string>();
  for (const i of r.indicators) {
    if (
      i.key.length > MAX_INDICATOR_KEY_CHARS &&
      add(`Indicator key "${i.key.slice(0, 40)}…" is ${i.key.length} characters; at most ${MAX_INDICATOR_KEY_CHARS}`)
    )
      return out;
    const k = i.key.toLowerCase();
    if (keys.has(k) && add(`Indicator key ${i.key} appears twice (duplicate of ${keys.get(k)})`)) return out;
    keys.set(k, i.key);
    const byYear = r.values[i.key];
    for (const year of i.years) {
      if (!byYear || !Object.prototype.hasOwnProperty.call(byYear, year)) {
        if (add(`${i.key} lists year ${year} but the release has no data for it`)) return out;
      }
    }
    if (new Set(i.years).size !== i.years.length && add(`${i.key} lists a year twice`)) return out;
  }
  for (const [key, byYear] of Object.entries(r.values)) {
    if (LONE_SURROGATE.test(key) && add(`Indicator key ${JSON.stringify(key.slice(0, 40))} is not valid Unicode (half a surrogate pair)`)) return out;
    for (const [year, column] of Object.entries(byYear)) {
      if (column.length !== n && add(`${key} ${year} has ${column.length} values but the release lists ${n} LAs`)) return out;
    }
  }
  // A count pair names measures of this release (COMPARE reads their values) and only years its indicator has.
  const byKey = new Map(r.indicators.map((i) => [i.key, i]));
  for (const [key, pair] of Object.entries(r.counts ?? {})) {
    const ind = byKey.get(key);
    if (!ind && add(`counts for ${key}: no such indicator`)) return out;
    for (const side of [pair.numerator, pair.denominator]) {
      if (!byKey.has(side) && add(`counts for ${key} name ${side}, which is not an indicator of the release`)) return out;
    }
    for (const year of pair.years ?? []) {
      if (ind && !ind.years.includes(year) && add(`counts for ${key} hold in year ${year}, which ${key} does not list`)) return out;
    }
  }
  return out;
}

/** Throws one Error naming the first contradictions (`origin` says which file or request). */
export function assertConsistent(r: Parameters<typeof releaseProblems>[0], origin: string): void {
  const problems = releaseProblems(r, 4);
  if (problems.length > 0) throw new Error(`${origin}: the release contradicts itself: ${problems.join('; ')}`);
}
