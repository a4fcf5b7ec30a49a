/** The demand tables as rows for a sheet or a terminal: one shape for the pane's sheet and `cic demand`. */
import type { CleaningLog, DemandTables } from './ssda903';
import { isoDay, dateToDay } from './ssda903';

const CLEANING_LABELS: [keyof CleaningLog, string][] = [
  ['headerRows', 'Header rows read'],
  ['headerDuplicates', 'Header rows superseded by a later return'],
  ['episodeRows', 'Episode rows read'],
  ['noChild', 'Episodes dropped: no CHILD'],
  ['noStartDate', 'Episodes dropped: no DECOM'],
  ['noDateOfBirth', 'Episodes dropped: child has no DOB in Header'],
  ['sameStartDuplicates', 'Duplicates dropped: same child and start (latest end kept)'],
  ['sameEndDuplicates', 'Duplicates dropped: same child and end (longer kept)'],
  ['overlapsShortened', 'Overlapping episodes cut at the next start'],
  ['continuationsMerged', 'Continuation episodes (RNE L/T/U) folded into the one before'],
  ['zeroLength', 'Same-day episodes dropped'],
  ['ageSplits', 'Episodes split at an age-band birthday'],
  ['episodesUsed', 'Episodes used'],
];

export const cleaningRows = (log: CleaningLog): [string, number][] => CLEANING_LABELS.map(([k, label]) => [label, log[k]]);

export const STATE_HEADERS = (t: DemandTables) => [
  'State',
  `Children on ${isoDay(dateToDay(t.window.end))}`,
  'Exit rate a day',
  'Entrants a day',
  'Child-days at risk',
];

/** One row per state: stock at the window's end, daily exit probability, entrants per day, exposure. */
export const stateRows = (t: DemandTables): (string | number)[][] =>
  t.states.map((s, j) => [s, t.stock[j]!, t.exits[j]!, t.entrants[j]!, t.counts.exposure[j]!]);

/** The square transitions table with its header row and state column. */
export const transitionRows = (t: DemandTables): (string | number)[][] => [['From \\ to', ...t.states], ...t.states.map((s, j) => [s, ...t.transitions[j]!])];
