/**
 * Finding indicators from the words an analyst uses (docs/method.md, "Finding indicators"): "children in
 * care" for LAIT's "looked after", "NEET", "re-referrals", "timescales". Words are compared stemmed
 * (plural "s" dropped), phrases with one meaning count as one word (SYNONYMS), and results are ranked so
 * the indicator named by the words comes first: its key, then an alias, then its name, over words found
 * only in its topic or unit.
 */
import type { Indicator } from './schema';

/**
 * Phrases that mean the same thing in LAIT's names, aliases and analysts' words. The first phrase names
 * the group; a longer phrase wins over a shorter one inside it ("not in education, employment or
 * training" is NEET, not EET).
 */
const SYNONYMS: readonly (readonly string[])[] = [
  [
    'looked after',
    'looked after children',
    'children looked after',
    'child looked after',
    'children in care',
    'child in care',
    'in care',
    'from care',
    'cla',
    'lac',
    'cic',
  ],
  ['children in need', 'child in need', 'cin'],
  ['child protection plan', 'cp plan', 'cpp', 'protection plan'],
  ['child protection', 'cp'],
  ['rereferral', 're referral', 'repeat referral'],
  ['neet', 'not in education employment or training', 'not in education employment and training', 'not in employment education or training'],
  [
    'eet',
    'in education employment or training',
    'education employment and training',
    'education employment or training',
    'in education employment and training',
    'education employment training',
  ],
  ['care leaver', 'leaving care', 'former relevant young people', 'care experienced'],
  ['placement stability', 'three or more placement', '3 or more placement', 'placement move', 'placement change', 'stability of placement'],
  ['timescale', 'timeliness', 'timely', 'on time', 'in time', 'to time', 'timescl'],
  ['social worker', 'sw'],
  ['unaccompanied asylum seeking children', 'unaccompanied asylum seeking child', 'uasc', 'asylum seeker'],
  ['special guardianship order', 'sgo', 'special guardianship'],
  ['ehc plan', 'ehcp', 'education health and care plan', 'ehc'],
  ['special educational need', 'sen', 'send'],
  ['free school meal', 'fsm'],
  ['percent', 'percentage', 'proportion'],
  ['number', 'num', 'count'],
  ['suspension', 'fixed period exclusion', 'fixed exclusion', 'fixed ex'],
  ['absence', 'absent', 'absentee'],
  ['adoption', 'adopted', 'adopt'],
  ['foster', 'fostering', 'fostered', 'foster care'],
  ['caseload', 'case load', 'cases per social worker'],
  ['youth justice', 'youth offending', 'yjs', 'yot'],
  ['unit cost', 'weekly cost', 'cost per week'],
  ['spend', 'expenditure', 'spending'],
  ['excess weight', 'obesity', 'obese', 'overweight'],
  ['under 18', 'teenage', 'teenager', 'under 18s'],
  ['good level of development', 'school readiness', 'gld'],
  ['key stage 1', 'ks1'],
  ['key stage 2', 'ks2'],
  ['key stage 4', 'ks4'],
  ['key stage 5', 'ks5'],
];

/**
 * Words analysts use for particular indicators that LAIT's names do not hold, searched as aliases are
 * (not accepted as keys: only the release's aliases are).
 */
const SEARCH_ALIASES: Readonly<Record<string, readonly string[]>> = {
  LAC: ['children in care rate', 'looked after children rate'],
  LACnum: ['children in care', 'number in care'],
  LAC_Start_Rate: ['entering care rate', 'care entry rate'],
  RevCP: ['child protection reviews within timescales', 'cp reviews on time'],
  CP_conf_15days: ['initial child protection conferences within timescales', 'icpc timescales'],
  Continue_Assess_Comp: ['assessment timescales', 'assessments on time'],
  SEN_EHC_Excpt_20wks: ['ehc plan timescales', 'ehcp within 20 weeks'],
  '16-17 NEET': ['young people neet', 'neet 16 17'],
  CareLeaversNEET: ['care leavers neet'],
  CareLeaverEET: ['care leavers in education employment or training'],
  Work_Force_TO_Rate: ['staff turnover'],
  Work_Force_Vac_Rate: ['vacancies'],
  Emotional_LAC: ['sdq', 'strengths and difficulties'],
};

/** A group that also means a wider one: a child protection plan is child protection. */
const IMPLIES: Readonly<Record<string, string>> = { 'child protection plan': 'child protection' };

/** Words a search need not find ("assessments within 45 days"). */
const STOP = new Set([
  'a',
  'an',
  'the',
  'of',
  'in',
  'and',
  'or',
  'to',
  'for',
  'with',
  'within',
  'by',
  'on',
  'at',
  'who',
  'are',
  'is',
  'be',
  'were',
  'from',
  'their',
  'than',
]);

const stem = (w: string): string =>
  w.length > 3 && w.endsWith('ies') ? `${w.slice(0, -3)}y` : w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;

/** Words of a text: lower case, "%" and "&" as words, "re-referral" and "10,000" joined, "LACStable" split, stemmed. */
function tokens(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .replace(/%/g, ' percent ')
    .replace(/&/g, ' and ')
    .replace(/(\d),(\d{3})/g, '$1$2')
    .replace(/([a-z])-([a-z])/g, '$1$2')
    .split(/[^a-z0-9+]+/)
    .filter(Boolean)
    .map(stem);
}

/** Each phrase as words, longest first, with its group's name. */
const PHRASES: readonly { words: string[]; group: string }[] = SYNONYMS.flatMap((g) => g.map((p) => ({ words: tokens(p), group: `§${g[0]}` }))).sort(
  (a, b) => b.words.length - a.words.length,
);

/** Words with each phrase replaced by its group, longest phrase first. */
function grouped(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length;) {
    const hit = PHRASES.find((p) => p.words.every((w, k) => words[i + k] === w));
    if (hit) {
      out.push(hit.group);
      const wider = IMPLIES[hit.group.slice(1)];
      if (wider) out.push(`§${wider}`);
      i += hit.words.length;
    } else out.push(words[i++] as string);
  }
  return out;
}

interface Entry {
  indicator: Indicator;
  key: string;
  keyWords: Set<string>;
  name: string[];
  /** The name's own words, phrases not grouped ("placement stability" as two words). */
  plainName: string[];
  aliases: string[][];
  /** Every word of the key, name and aliases, for prefixes ("stab" → stability). */
  strong: Set<string>;
  weak: Set<string>;
  /** The key, name, topic and aliases lower-cased, for substrings (as the search always allowed). */
  hay: string;
}

const built = new WeakMap<readonly Indicator[], Entry[]>();

function entries(indicators: readonly Indicator[]): Entry[] {
  let e = built.get(indicators);
  if (!e) {
    e = indicators.map((i) => {
      const keyText = i.key.replace(/_/g, ' ');
      const aliasTexts = [...i.aliases, ...(SEARCH_ALIASES[i.key] ?? [])];
      const keyWords = grouped(tokens(keyText));
      const name = grouped(tokens(i.name));
      const aliases = aliasTexts.map((a) => grouped(tokens(a)));
      // The words themselves count too ("children" is found in "children looked after").
      const plain = [keyText, i.name, ...aliasTexts].flatMap(tokens);
      return {
        indicator: i,
        key: i.key.toLowerCase(),
        keyWords: new Set(keyWords),
        name,
        plainName: tokens(i.name),
        aliases,
        strong: new Set([...keyWords, ...name, ...aliases.flat(), ...plain]),
        weak: new Set([...grouped(tokens(i.topic)), ...grouped(tokens(i.unit))]),
        hay: `${i.key} ${i.name} ${i.topic} ${i.aliases.join(' ')}`.toLowerCase(),
      };
    });
    built.set(indicators, e);
  }
  return e;
}

const sameWords = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((w, k) => w === b[k]);
const containsRun = (hay: readonly string[], run: readonly string[]): boolean => {
  for (let i = 0; i + run.length <= hay.length; i++) if (run.every((w, k) => hay[i + k] === w)) return true;
  return false;
};

/** How well one searched word is found: 3 in the key, name or an alias; 2 as the start of such a word; 1 in topic, unit or as text. */
function wordScore(e: Entry, w: string): number {
  if (e.strong.has(w)) return 3;
  const plain = !w.startsWith('§');
  if (plain && w.length >= 3) for (const s of e.strong) if (s.startsWith(w)) return 2;
  if (e.weak.has(w)) return 1;
  return plain && e.hay.includes(w) ? 1 : 0;
}

/**
 * Indicators whose key, name, alias, topic or unit holds every word searched (or a word of the same
 * meaning), best first; all of them, in release order, when nothing is searched. `topic` keeps one LAIT topic.
 */
export function searchIndicators(indicators: readonly Indicator[], text?: string | null, topic?: string | null): Indicator[] {
  const t = topic?.trim().toLowerCase();
  const inTopic = (i: Indicator) => !t || i.topic.toLowerCase() === t;
  const q = (text ?? '').trim();
  if (q === '') return indicators.filter(inTopic);
  const raw = q.toLowerCase();
  const all = grouped(tokens(q));
  const searched = all.filter((w) => !STOP.has(w));
  const words = searched.length ? searched : all;
  const scored: [number, number, Indicator][] = [];
  entries(indicators).forEach((e, k) => {
    if (!inTopic(e.indicator)) return;
    // What was typed, found whole in the text, finds it as the search always did ("LACStable", "% of CLA").
    const whole = e.hay.includes(raw);
    let score = 0;
    for (const w of words) {
      const s = wordScore(e, w) || (whole ? 1 : 0);
      if (s === 0) return;
      score += s;
    }
    if (e.key === raw) score += 1000;
    if (
      e.aliases.some(
        (a) =>
          sameWords(a, all) ||
          sameWords(
            a.filter((w) => !STOP.has(w)),
            words,
          ),
      )
    )
      score += 500;
    // A key made only of the words searched ("LAC" for "children in care") names what was meant.
    if ([...e.keyWords].every((w) => words.includes(w))) score += 100;
    const name = e.name.filter((w) => !STOP.has(w));
    const plainName = e.plainName.filter((w) => !STOP.has(w));
    if (sameWords(name, words)) score += 200;
    else if (containsRun(name, words) || containsRun(plainName, words)) score += 60;
    // Of names holding the words, the shortest (fewest other words) is the one most likely meant.
    score +=
      30 *
      Math.max(
        words.filter((w) => name.includes(w)).length / Math.max(1, name.length),
        words.filter((w) => plainName.includes(w)).length / Math.max(1, plainName.length),
      );
    scored.push([score, k, e.indicator]);
  });
  scored.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  return scored.map(([, , i]) => i);
}
