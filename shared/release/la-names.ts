/**
 * Local authorities as councils and analysts write them (docs/method.md, "Local authorities"): the DfE
 * name, the council's own name ("Leicestershire County Council", "London Borough of Hackney", "Tower
 * Hamlets LBC"), county abbreviations ("Leics", "NE Lincs"), acronyms ("BCP", "RBKC") and short forms
 * ("Stoke", "Brighton"); and what became of the councils that no longer exist.
 */
import type { La } from './schema';

/** Lower case, "&"/"+" as "and", "Saint" as "St", apostrophes dropped, other punctuation a space. */
function words(s: string): string[] {
  return s
    .toLowerCase()
    .replace(/[’‘'`´]/g, '')
    .replace(/[&+]/g, ' and ')
    .replace(/\bsaint\b/g, 'st')
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .flatMap((w) => (ABBREVIATIONS[w] ?? w).split(' '));
}

/**
 * Words written short in council and county names. Counties by their customary abbreviations; compass
 * points ("NE Lincs", "W Berks"); "Co" as in "Co Durham".
 */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  n: 'north',
  nth: 'north',
  s: 'south',
  sth: 'south',
  e: 'east',
  w: 'west',
  ne: 'north east',
  c: 'central',
  co: 'county',
  beds: 'bedfordshire',
  berks: 'berkshire',
  bucks: 'buckinghamshire',
  cambs: 'cambridgeshire',
  derbys: 'derbyshire',
  glos: 'gloucestershire',
  gloucs: 'gloucestershire',
  hants: 'hampshire',
  herts: 'hertfordshire',
  lancs: 'lancashire',
  leics: 'leicestershire',
  lincs: 'lincolnshire',
  northants: 'northamptonshire',
  notts: 'nottinghamshire',
  oxon: 'oxfordshire',
  salop: 'shropshire',
  shrops: 'shropshire',
  som: 'somerset',
  staffs: 'staffordshire',
  warks: 'warwickshire',
  wilts: 'wiltshire',
  worcs: 'worcestershire',
  yorks: 'yorkshire',
};

// The words around the place in a council's name: "Bristol City Council", "County Durham", "City of York",
// "Royal Borough of Greenwich", "Tower Hamlets LBC", "Bristol, City of" (DfE's form). Stripped, leaving the place.
const PREFIX =
  /^(?:the|council of the city of|council of the|corporation of|city and county of|city of|county of|london borough of|royal borough of|metropolitan borough of|borough of|lb of|rb of|lb|rb|county) /;
const SUFFIX =
  / (?:pre lg|metropolitan borough council|metropolitan district council|county borough council|borough council|district council|county council|city council|unitary authority|council|corporation|city of|county of|metropolitan borough|borough|city|county|mbc|lbc|rbc|bc|cc|dc|ua)$/;

const squash = (ws: readonly string[]): string => ws.join('');

/** A name's forms, most literal first: every word; without the council words after it; the place alone. */
function formsOf(s: string): [all: string, named: string, place: string] {
  const all = words(s).join(' ');
  let named = all;
  for (let prev = ''; prev !== named;) named = (prev = named).replace(SUFFIX, '');
  let place = named;
  for (let prev = ''; prev !== place;) place = (prev = place).replace(PREFIX, '').replace(SUFFIX, '');
  return [all, named, place].map((f) => f.replace(/ /g, '')) as [string, string, string];
}

/** What is left of an LA name once the council words are gone, normalised: "County Durham" → "durham". */
export const placeName = (s: string): string => formsOf(s)[2];

/**
 * Names in everyday use that no rule derives, by DfE number (checked against the release in tests).
 * Acronyms councils use for themselves, and short forms that would otherwise be ambiguous ("Kingston":
 * nobody calls Hull that).
 */
export const LA_ALIASES: Readonly<Record<string, number>> = {
  hull: 810,
  kingston: 314,
  bcp: 839,
  banes: 800,
  'b&nes': 800,
  bathnes: 800,
  rbkc: 207,
  'k&c': 207,
  'h&f': 205,
  lbhf: 205,
  rbwm: 868,
  rbg: 203,
  greenwich: 203,
  lbbd: 301,
  iow: 921,
  ios: 420,
  scilly: 420,
  mk: 826,
  bwd: 889,
  cwac: 896,
  'cw&c': 896,
  bhcc: 846,
  'b&h': 846,
  nelc: 812,
  eryc: 811,
  'east riding': 811,
  cyc: 816,
  nycc: 815,
  escc: 845,
  wscc: 938,
  kcc: 886,
  wnc: 941,
  nnc: 940,
  'w&f': 943,
  hereford: 884,
  bham: 330,
  // LAIT's sub-regions as an LA's region field writes them.
  'inner london': 987,
  'outer london': 988,
  'stoke on trent': 861,
  'newcastle on tyne': 391,
};

/** A council that no longer exists and the LAs that took over its area (DfE numbers). */
export interface Reorganised {
  name: string;
  /** Its DfE number where the release holds its history, else null. */
  number: number | null;
  /** The day the successors took over (ISO date). */
  ended: string;
  successors: readonly number[];
}

/** England's reorganisations since 1996 that touch children's services authorities. */
export const REORGANISED: readonly Reorganised[] = [
  { name: 'Cumbria', number: 909, ended: '2023-04-01', successors: [942, 943] },
  { name: 'Northamptonshire', number: 928, ended: '2021-04-01', successors: [940, 941] },
  // Dorset County's Christchurch went to BCP, the rest to the new Dorset.
  { name: 'Dorset', number: 835, ended: '2019-04-01', successors: [838, 839] },
  { name: 'Poole', number: 836, ended: '2019-04-01', successors: [839] },
  { name: 'Bournemouth', number: 837, ended: '2019-04-01', successors: [839] },
  { name: 'Bedfordshire', number: null, ended: '2009-04-01', successors: [822, 823] },
  { name: 'Cheshire', number: null, ended: '2009-04-01', successors: [895, 896] },
  { name: 'Berkshire', number: null, ended: '1998-04-01', successors: [867, 870, 871, 869, 868, 872] },
  { name: 'Avon', number: null, ended: '1996-04-01', successors: [800, 801, 802, 803] },
  { name: 'Cleveland', number: null, ended: '1996-04-01', successors: [805, 806, 807, 808] },
  { name: 'Humberside', number: null, ended: '1996-04-01', successors: [810, 811, 812, 813] },
];

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const dateText = (iso: string): string => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
};
const list = (xs: readonly string[]): string => (xs.length < 2 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);

/** "Bournemouth, Christchurch and Poole (839)", or the bare number where the release lacks it. */
type NameOf = (n: number) => string;
const nameOf = (las: readonly La[]): NameOf => {
  const by = new Map(las.map((l) => [l.number, l]));
  return (n) => {
    const la = by.get(n);
    return la ? `${la.name} (${n})` : String(n);
  };
};

const replacedBy = (r: Reorganised, name: NameOf): string =>
  `on ${dateText(r.ended)} ${r.successors.length > 1 ? 'it was replaced by' : 'it became part of'} ${list(r.successors.map(name))}`;

/**
 * Why an LA has no value for a year because of a reorganisation, or null: after it ended ("no longer
 * exists … replaced by …"), or before a successor was formed ("was formed on … from …"). A year label is
 * read by the year it ends in ("2021" and "2020-21" end in 2021: Northamptonshire still existed).
 */
export function reorganisationNote(las: readonly La[], laNumber: number, yearEnds: number | null): string | null {
  const name = nameOf(las);
  const gone = REORGANISED.find((r) => r.number === laNumber);
  const ended = (r: Reorganised) => Number(r.ended.slice(0, 4));
  if (gone && (yearEnds === null || yearEnds > ended(gone))) return `${name(laNumber)} no longer exists: ${replacedBy(gone, name)}`;
  const from = REORGANISED.filter((r) => r.number !== null && r.successors.includes(laNumber));
  if (from.length && yearEnds !== null && yearEnds <= ended(from[0]!))
    return `${name(laNumber)} was formed on ${dateText(from[0]!.ended)} from ${list(from.map((r) => name(r.number!)))}, so it has no figures of its own before then; see ${list(from.map((r) => String(r.number)))}`;
  return null;
}

/** A council named by what was typed that is not in the release because it ended before its data begins. */
export function formerCouncil(las: readonly La[], typed: string): string | null {
  const f = formsOf(typed);
  const hit = REORGANISED.find((r) => r.number === null && f.includes(placeName(r.name)));
  return hit ? `${hit.name} no longer exists: ${replacedBy(hit, nameOf(las))}` : null;
}

/** Which LA a name means, resolved in tiers; a name two LAs could give is left out of its tier (ambiguous). */
export class LaNames {
  private readonly full = new Map<string, La>();
  private readonly aliases = new Map<string, La>();
  private readonly places = new Map<string, La | null>();
  private readonly shorts = new Map<string, La | null>();
  /** Current LAs' place words, for containment ("East Riding") and suggestions. */
  private readonly current: { la: La; place: string; words: string[] }[];

  constructor(las: readonly La[]) {
    const byNumber = new Map(las.map((l) => [l.number, l]));
    // Former codes first so current ones overwrite; a current LA's name beats a former one's (Dorset 838 over 835).
    for (const la of las) for (const code of la.otherOns ?? []) this.full.set(code.toLowerCase(), la);
    const ordered = [...las].sort((a, b) => Number(a.current) - Number(b.current));
    for (const la of ordered) {
      this.full.set(squash(words(la.name)), la);
      if (la.ons) this.full.set(la.ons.toLowerCase(), la);
    }
    for (const [alias, n] of Object.entries(LA_ALIASES)) {
      const la = byNumber.get(n);
      if (la) this.aliases.set(squash(words(alias)), la);
    }
    const offer = (to: Map<string, La | null>, k: string, la: La): void => {
      if (!k) return;
      const had = to.get(k);
      if (had === undefined || had?.number === la.number) return void to.set(k, la);
      if (had === null || had.current === la.current) return void to.set(k, null); // two LAs: ambiguous, offer neither
      if (la.current) to.set(k, la); // a current LA beats a former one
    };
    for (const la of ordered) {
      if (la.kind !== 'la') continue;
      offer(this.places, placeName(la.name), la);
      // The part before "-on-"/"upon" ("Southend", "Stoke", "Newcastle"), before "and"/"with" ("Brighton",
      // "Telford", "Redcar", "Blackburn"), or before a comma ("Bournemouth, Christchurch and Poole").
      for (const re of [/^(.+?)[-\s]+(?:on|upon|under)[-\s]/i, /^(.+?)\s+(?:and|with)\s/i, /^([^,]+),/])
        for (const m of [re.exec(la.name)?.[1]]) if (m) offer(this.shorts, placeName(m), la);
    }
    this.current = las.filter((l) => l.kind === 'la' && l.current).map((la) => ({ la, place: placeName(la.name), words: words(la.name) }));
  }

  /** The LA a name means, or undefined. Codes and full names first, then aliases, places and short forms. */
  find(typed: string): La | undefined {
    const q = typed.trim();
    const code = this.full.get(q.toLowerCase());
    if (code) return code;
    const [all, named, place] = formsOf(q);
    for (const f of new Set([all, named, place])) {
      // A place left after stripping words before it is an LA's, never England's or a region's ("London").
      const byName = this.full.get(f);
      const hit =
        (byName && (byName.kind === 'la' || f !== place || place === named) ? byName : undefined) ??
        this.aliases.get(f) ??
        this.places.get(f) ??
        this.shorts.get(f);
      if (f && hit) return hit;
    }
    return undefined;
  }

  /** Current LAs whose name holds every word typed, in order ("Riding", "Hamlets", "Maidenhead"). */
  containing(typed: string): La[] {
    const ws = words(placeNameWords(typed));
    if (ws.join('').length < 4 || ws.every((w) => GENERIC.has(w))) return [];
    return this.current.filter((c) => containsRun(c.words, ws)).map((c) => c.la);
  }

  /**
   * Up to `max` current LAs a name probably meant, closest first: names holding its words, names starting
   * with it, then names a few edits away (Levenshtein ≤ a quarter of the place, at most 3).
   */
  suggest(typed: string, distance: (a: string, b: string, max: number) => number, max = 3): string[] {
    const q = placeName(typed);
    if (q.length < 3) return [];
    const out = new Set<string>();
    for (const la of this.containing(typed)) out.add(la.name);
    for (const c of this.current) if (c.place.startsWith(q)) out.add(c.la.name);
    if (out.size) return [...out].sort().slice(0, max);
    const limit = Math.max(1, Math.min(3, Math.floor(q.length / 4)));
    const scored: [number, string][] = [];
    for (const c of this.current) {
      const d = Math.min(distance(q, c.place, limit), distance(q, squash(c.words), limit));
      if (d <= limit) scored.push([d, c.la.name]);
    }
    scored.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
    const best = scored[0]?.[0];
    return scored
      .filter(([d]) => d === best)
      .slice(0, max)
      .map(([, name]) => name);
  }
}

/** Words that name no place on their own. */
const GENERIC = new Set([
  'north',
  'south',
  'east',
  'west',
  'central',
  'and',
  'of',
  'the',
  'upon',
  'on',
  'st',
  'city',
  'county',
  'borough',
  'isle',
  'isles',
  'forest',
]);

/** The typed name without council words, as words ("Tower Hamlets LBC" → "tower hamlets"). */
function placeNameWords(typed: string): string {
  let t = words(typed).join(' ');
  for (let prev = ''; prev !== t;) t = (prev = t).replace(PREFIX, '').replace(SUFFIX, '');
  return t;
}

const containsRun = (hay: readonly string[], run: readonly string[]): boolean => {
  for (let i = 0; i + run.length <= hay.length; i++) if (run.every((w, k) => hay[i + k] === w)) return true;
  return false;
};
