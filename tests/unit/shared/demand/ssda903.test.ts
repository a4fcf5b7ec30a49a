/**
 * SSDA903 → demand inputs: each cleaning rule on a tiny hand-made return, the synthetic round trip (rates
 * recovered within sampling error of the ones the files were made from, stock exact), and malformed files
 * reported with their line and reason.
 */
import { describe, expect, it } from 'vitest';
import { cleanSsda903, demandFromSsda903, demandRates, STATES, AGE_BANDS, PLACEMENT_CATEGORIES } from '../../../../shared/demand/ssda903';
import { ImportError } from '../../../../shared/importers/errors';
import { projectDemand } from '../../../../shared/demand/model';
import { craftedSameStart, synthetic903 } from '../../../fixtures/ssda903';

const HEADER = 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB,LA,YEAR\n';
const EPISODES = 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN,LA,YEAR\n';
const ep = (child: string, decom: string, rne: string, place: string, dec: string, year = 2021) =>
  `${child},${decom},${rne},C2,N1,${place},PR1,${dec},,,,,,X,${year}\n`;
const state = (label: string) => STATES.indexOf(label);

describe('cleaning, rule by rule', () => {
  const header = `${HEADER}A,1,2012-06-15,WBRI,,,,X,2020\nA,1,2012-06-15,WBRI,,,,X,2021\n`;
  it('the same episode open in one return and closed in the next is one closed episode', () => {
    const c = cleanSsda903(header, EPISODES + ep('A', '2020-01-01', 'S', 'U1', '', 2020) + ep('A', '2020-01-01', 'S', 'U1', '2020-09-01', 2021));
    expect(c.pieces).toEqual([
      { child: 'A', state: state('5 to 10 - Fostering'), start: c.pieces[0]!.start, end: Date.UTC(2020, 8, 1) / 864e5, next: 'exit', entered: true },
    ]);
    expect(c.log.sameStartDuplicates).toBe(1);
    expect(c.log.headerDuplicates).toBe(1);
  });
  it('an episode overrunning the next one ends when the next starts, and moves into it', () => {
    const c = cleanSsda903(header, EPISODES + ep('A', '2020-01-01', 'S', 'U1', '2020-01-20') + ep('A', '2020-01-10', 'P', 'K2', ''));
    expect(c.log.overlapsShortened).toBe(1);
    expect(c.pieces[0]).toMatchObject({ end: Date.UTC(2020, 0, 10) / 864e5, next: state('5 to 10 - Residential'), entered: true });
    expect(c.pieces[1]).toMatchObject({ state: state('5 to 10 - Residential'), entered: false, end: null });
  });
  it('a continuation episode (RNE L/T/U starting as the last ends) folds into the one before', () => {
    const c = cleanSsda903(
      header,
      EPISODES +
        ep('A', '2020-01-01', 'S', 'U1', '2020-03-01') +
        ep('A', '2020-03-01', 'L', 'U1', '2020-05-01') +
        ep('A', '2020-05-01', 'T', 'U1', '2020-05-20'),
    );
    expect(c.log.continuationsMerged).toBe(2);
    expect(c.pieces).toHaveLength(1);
    expect(c.pieces[0]).toMatchObject({ end: Date.UTC(2020, 4, 20) / 864e5, next: 'exit' });
  });
  it('an episode is split on the birthday that moves the child into the next age band', () => {
    const c = cleanSsda903(header, EPISODES + ep('A', '01/01/2022', 'S', 'H5', '01/01/2023', 2023));
    expect(c.log.ageSplits).toBe(1);
    expect(
      c.pieces.map((p) => [STATES[p.state], new Date(p.start * 864e5).toISOString().slice(0, 10), p.next === 'exit' ? 'exit' : STATES[p.next!], p.entered]),
    ).toEqual([
      ['5 to 10 - Supported', '2022-01-01', '10 to 16 - Supported', true],
      ['10 to 16 - Supported', '2022-06-15', 'exit', false],
    ]);
  });
  it('a break between episodes is a leaving and a new entry; episodes of children without a birth date are dropped', () => {
    const c = cleanSsda903(
      header + 'B,1,,WBRI,,,,X,2021\n',
      EPISODES + ep('A', '2020-01-01', 'S', 'U1', '2020-02-01') + ep('A', '2020-03-01', 'S', 'Z1', '') + ep('B', '2020-01-01', 'S', 'U1', ''),
    );
    expect(c.pieces.map((p) => [p.next, p.entered])).toEqual([
      ['exit', true],
      [null, true],
    ]);
    expect(c.pieces[1]!.state).toBe(state('5 to 10 - Other'));
    expect(c.log.noDateOfBirth).toBe(1);
  });
});

describe('an open episode sharing its start with a same-day one (crafted returns 2024 and 2025)', () => {
  const day = (iso: string) => Date.parse(iso) / 864e5;
  for (const year of [true, false]) {
    it(`keeps the child in care: the open episode is the latest end${year ? '' : ' (no YEAR column)'}`, () => {
      const f = craftedSameStart({ year });
      const c = cleanSsda903(f.header, f.episodes);
      const a = c.pieces.filter((p) => p.child === 'A');
      expect(a).toEqual([{ child: 'A', state: state('5 to 10 - Fostering'), start: day('2023-06-01'), end: null, next: null, entered: true }]);
      // B: open in 2024's return, closed in 2025's, is one closed episode; C: the latest of two closed ends.
      expect(c.pieces.filter((p) => p.child === 'B').map((p) => [p.end, p.next])).toEqual([[day('2024-07-01'), 'exit']]);
      expect(c.pieces.filter((p) => p.child === 'C').map((p) => p.end)).toEqual([day('2024-02-20')]);
      const d = demandRates(c);
      expect(d.stock[state('5 to 10 - Fostering')]).toBe(1);
      expect(d.stock.reduce((x, y) => x + y, 0)).toBe(1);
    });
  }
});

describe('a child born on 29 February has birthdays on 1 March in common years, 29 February in leap years', () => {
  const iso = (day: number) => new Date(day * 864e5).toISOString().slice(0, 10);
  const header = `${HEADER}L,1,29/02/2012,WBRI,,,,X,2023\nM,2,29/02/2004,WBRI,,,,X,2023\n`;
  const run = (rows: string) =>
    cleanSsda903(header, EPISODES + rows).pieces.map((p) => [
      p.child,
      STATES[p.state],
      iso(p.start),
      p.next === 'exit' || p.next === null ? p.next : STATES[p.next],
    ]);
  it('splits at 10 on 1 March 2022 (a common year) and at 16 on 29 February 2020 (a leap year)', () => {
    expect(run(ep('L', '2022-01-10', 'S', 'U1', '2022-06-01', 2023) + ep('M', '2020-01-10', 'S', 'H5', '2020-06-01', 2023))).toEqual([
      ['L', '5 to 10 - Fostering', '2022-01-10', '10 to 16 - Fostering'],
      ['L', '10 to 16 - Fostering', '2022-03-01', 'exit'],
      ['M', '10 to 16 - Supported', '2020-01-10', '16 to 18+ - Supported'],
      ['M', '16 to 18+ - Supported', '2020-02-29', 'exit'],
    ]);
  });
  it('the age band on a day is the one the splits give: 9 on 28 February 2022, 10 on 1 March', () => {
    expect(run(ep('L', '2022-02-28', 'S', 'U1', '2022-05-01', 2023))).toEqual([
      ['L', '5 to 10 - Fostering', '2022-02-28', '10 to 16 - Fostering'],
      ['L', '10 to 16 - Fostering', '2022-03-01', 'exit'],
    ]);
    // Entering on the day itself: already 10; ending on the day: the next state is in the new band.
    expect(run(ep('L', '2022-03-01', 'S', 'U1', '2022-05-01', 2023))[0]).toEqual(['L', '10 to 16 - Fostering', '2022-03-01', 'exit']);
    expect(run(ep('L', '2022-01-10', 'S', 'U1', '2022-03-01', 2023) + ep('L', '2022-03-01', 'P', 'K2', '', 2023))).toEqual([
      ['L', '5 to 10 - Fostering', '2022-01-10', '10 to 16 - Residential'],
      ['L', '10 to 16 - Residential', '2022-03-01', null],
    ]);
  });
});

describe('synthetic SSDA903 round trip (5 years of returns, with duplicates, overlaps, continuations, age crossings)', () => {
  const s = synthetic903({ seed: 2024, years: 5 });
  const d = demandFromSsda903(s.header, s.episodes);
  it('cleans exactly the mess that was put in', () => {
    expect(d.log.continuationsMerged).toBe(s.injected.continuations);
    expect(d.log.overlapsShortened).toBe(s.injected.overlaps);
    expect(s.injected.continuations).toBeGreaterThan(50);
    expect(s.injected.overlaps).toBeGreaterThan(20);
    expect(d.log.ageSplits).toBeGreaterThan(100);
    expect(d.window).toMatchObject({ days: 365 });
    expect(d.start.toISOString().slice(0, 10)).toBe('2025-04-01');
  });
  it('stock on the last day is the true stock, state by state', () => {
    expect(d.stock).toEqual(s.stockAtEnd);
  });
  it('exit and move rates of every well-observed state are within 4 standard errors of the true ones', () => {
    let checked = 0;
    STATES.forEach((_, j) => {
      const c = j % PLACEMENT_CATEGORIES.length;
      const at = d.counts.exposure[j]!;
      if (at < 3000) return;
      const within = (got: number, p: number) => expect(Math.abs(got - p)).toBeLessThanOrEqual(4 * Math.sqrt(p / at) + 1e-12);
      within(d.exits[j]!, s.rates.exits[c]!);
      for (let c2 = 0; c2 < PLACEMENT_CATEGORIES.length; c2++) {
        if (c2 === c) continue;
        // A move that falls on a band birthday lands in the next band: count every band of the category.
        const moved = d.counts.moves[j]!.reduce((sum, k, to) => sum + (to % PLACEMENT_CATEGORIES.length === c2 ? k : 0), 0);
        within(moved / at, s.rates.moves[c]![c2]!);
      }
      checked++;
    });
    expect(checked).toBeGreaterThanOrEqual(12);
  });
  it('pooled over age bands the rates agree to within 3 standard errors', () => {
    for (let c = 0; c < PLACEMENT_CATEGORIES.length; c++) {
      let at = 0;
      let exits = 0;
      AGE_BANDS.forEach((_, b) => {
        at += d.counts.exposure[b * PLACEMENT_CATEGORIES.length + c]!;
        exits += d.counts.exits[b * PLACEMENT_CATEGORIES.length + c]!;
      });
      const p = s.rates.exits[c]!;
      expect(Math.abs(exits / at - p)).toBeLessThanOrEqual(3 * Math.sqrt(p / at));
    }
  });
  it('entrants per day by state are within 4 standard errors of rate × band weight × category weight', () => {
    STATES.forEach((_, j) => {
      const lambda =
        s.rates.entrantsPerDay * s.rates.bandWeights[Math.floor(j / PLACEMENT_CATEGORIES.length)]! * s.rates.categoryWeights[j % PLACEMENT_CATEGORIES.length]!;
      expect(Math.abs(d.entrants[j]! - lambda)).toBeLessThanOrEqual(4 * Math.sqrt(lambda / d.window.days) + 1e-12);
    });
  });
  it('the recovered tables are a valid model that runs forward', () => {
    const out = projectDemand(d, { start: d.start, years: 3, variance: 'multinomial' });
    const total = out[2]!.children.reduce((a, b) => a + b, 0);
    const now = d.stock.reduce((a, b) => a + b, 0);
    // The synthetic process has run for 11 years from empty, close to its steady state.
    expect(Math.abs(total - now) / now).toBeLessThan(0.15);
    expect(out[2]!.totalVariance).toBeGreaterThan(0);
  });
  it('a reference window is checked against the returns: not before the first, not after the last', () => {
    const clean = cleanSsda903(s.header, s.episodes);
    expect(() => demandRates(clean, { referenceStart: new Date('2020-01-01') })).toThrow(/starts \(2020-01-01\) before the first return does \(2020-04-01\)/);
    expect(() => demandRates(clean, { referenceEnd: new Date('2025-04-01') })).toThrow(/ends \(2025-04-01\) after the data does \(2025-03-31\)/);
    expect(() => demandRates(clean, { referenceStart: new Date('2024-01-01'), referenceEnd: new Date('2023-01-01') })).toThrow(
      /starts \(2024-01-01\) after it ends/,
    );
    const two = demandRates(clean, { referenceStart: new Date('2023-04-01'), referenceEnd: new Date('2025-03-31') });
    expect(two.window.days).toBe(731);
    expect(two.stock).toEqual(d.stock);
  });
  it('without the mess the same process gives the same stock and no repairs', () => {
    const clean = synthetic903({ seed: 2024, years: 5, messy: false });
    const c = demandFromSsda903(clean.header, clean.episodes);
    expect(c.log).toMatchObject({ continuationsMerged: 0, overlapsShortened: 0 });
    expect(c.stock).toEqual(d.stock);
  });
});

describe('reading', () => {
  it('a file with quoted fields (and a BOM) reads the same as the plain one', () => {
    const header = `${HEADER}A,1,2012-06-15,WBRI,,,,X,2021\n`;
    const plain = EPISODES + ep('A', '2020-01-01', 'S', 'U1', '2020-03-01') + ep('A', '2020-03-01', 'P', 'K2', '');
    const quoted = `\ufeff${plain.replace('K2,PR1', '"K2","PR1"').replace(',,,,,,X,2021\n', ',,,"a, b",,,X,2021\n')}`;
    expect(cleanSsda903(header, quoted).pieces).toEqual(cleanSsda903(header, plain).pieces);
  });
});

describe('malformed files: the line and the reason', () => {
  const header = `${HEADER}A,1,2012-06-15,WBRI,,,,X,2021\n`;
  const fail = (h: string, e: string): ImportError => {
    try {
      cleanSsda903(h, e, { header: 'header.csv', episodes: 'episodes.csv' });
    } catch (err) {
      expect(err).toBeInstanceOf(ImportError);
      return err as ImportError;
    }
    throw new Error('no error');
  };
  it.each([
    [
      'a bad date',
      header,
      EPISODES + ep('A', '2020-01-01', 'S', 'U1', '') + ep('A', '2020-13-01', 'P', 'U1', ''),
      'episodes.csv',
      3,
      /DECOM "2020-13-01" is not a date/,
    ],
    [
      'an end before the start',
      header,
      EPISODES + ep('A', '2020-02-01', 'S', 'U1', '2020-01-01'),
      'episodes.csv',
      2,
      /DEC 2020-01-01 is before DECOM 2020-02-01/,
    ],
    ['a missing column', header, 'CHILD,DECOM,RNE,PLACE\nA,2020-01-01,S,U1\n', 'episodes.csv', 1, /missing column "DEC"/],
    ['a Header given as Episodes', header, header, 'episodes.csv', 1, /missing column "DECOM".*Episodes/],
    ['a bad date of birth', `${HEADER}A,1,15/06/12,WBRI,,,,X,2021\n`, EPISODES, 'header.csv', 2, /DOB "15\/06\/12" is not a date/],
    ['a truncated file', header, EPISODES + 'A,2020-01-01,S,C2', 'episodes.csv', 2, /truncated/],
    [
      'a row with fields missing',
      header,
      EPISODES + ep('A', '2020-01-01', 'S', 'U1', '') + '\nA,2020-02-01,P\n',
      'episodes.csv',
      4,
      /3 fields where the header has 15/,
    ],
    [
      'episodes of no child in Header',
      header,
      EPISODES + ep('Z', '2020-01-01', 'S', 'U1', ''),
      'episodes.csv',
      1,
      /no usable episodes \(1 rows: 0 without CHILD, 0 without DECOM, 1 of children with no DOB in header.csv\)/,
    ],
    ['a bad collection year', `${HEADER}A,1,2012-06-15,WBRI,,,,X,twenty\n`, EPISODES, 'header.csv', 2, /YEAR "twenty"/],
  ])('%s', (_, h, e, file, line, reason) => {
    const err = fail(h, e);
    expect(err.file).toBe(file);
    expect(err.line).toBe(line);
    expect(err.reason).toMatch(reason);
  });
});

describe('no network', () => {
  it('processing the files makes no request (fetch, XMLHttpRequest, sendBeacon and WebSocket all trip a wire)', () => {
    const g = globalThis as Record<string, unknown>;
    const names = ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource'];
    const saved = names.map((k) => g[k]);
    const calls: string[] = [];
    names.forEach((k) => {
      g[k] = new Proxy(function () {}, { apply: () => void calls.push(k), construct: () => (calls.push(k), {}) });
    });
    const nav = g.navigator as { sendBeacon?: unknown } | undefined;
    const beacon = nav?.sendBeacon;
    if (nav) nav.sendBeacon = () => (calls.push('sendBeacon'), true);
    try {
      const s = synthetic903({ seed: 3, years: 2 });
      demandFromSsda903(s.header, s.episodes);
    } finally {
      names.forEach((k, i) => {
        g[k] = saved[i];
      });
      if (nav) nav.sendBeacon = beacon;
    }
    expect(calls).toEqual([]);
  });
});

describe('dates', () => {
  it('parseDay agrees with Date.UTC on every day from 1899 to 2101, in both forms, and rejects impossible days', async () => {
    const { parseDay } = await import('../../../../shared/demand/ssda903');
    for (let t = Date.UTC(1899, 0, 1); t <= Date.UTC(2101, 11, 31); t += 864e5) {
      const d = new Date(t);
      const [y, m, day] = [d.getUTCFullYear(), String(d.getUTCMonth() + 1).padStart(2, '0'), String(d.getUTCDate()).padStart(2, '0')];
      expect(parseDay(`${y}-${m}-${day}`)).toBe(t / 864e5);
      if (d.getUTCDate() === 28) expect(parseDay(`${day}/${m}/${y}`)).toBe(t / 864e5);
    }
    expect(parseDay('2019-4-1')).toBe(Date.UTC(2019, 3, 1) / 864e5);
    expect(parseDay('1/4/2019')).toBe(Date.UTC(2019, 3, 1) / 864e5);
    expect(parseDay('2019-04-01 00:00:00')).toBe(Date.UTC(2019, 3, 1) / 864e5);
    for (const bad of ['2019-02-29', '2100-02-29', '31/04/2020', '2019-13-01', '2019-00-10', '01-04-2019', '2019/04/01', 'x', ''])
      expect(parseDay(bad)).toBeNull();
    expect(parseDay('2000-02-29')).toBe(Date.UTC(2000, 1, 29) / 864e5);
  });
});

describe('dates after the last return: refused with their lines, never used', () => {
  const s = synthetic903({ seed: 7, years: 3 }); // returns 2021, 2022, 2023: the data ends 31 March 2023
  const files = { header: 'header.csv', episodes: 'episodes.csv' };
  const lines = s.episodes.split('\r\n');
  /** The episodes file with row `line` (1-based) given a new DECOM and/or DEC. */
  const typo = (text: string, edits: [line: number, decom: string | null, dec: string | null][]) => {
    const l = text.split('\r\n');
    for (const [line, decom, dec] of edits) {
      const f = l[line - 1]!.split(',');
      if (decom !== null) f[1] = decom;
      if (dec !== null) f[7] = dec;
      l[line - 1] = f.join(',');
    }
    return l.join('\r\n');
  };
  const closed = lines.map((l, i) => [l, i + 1] as const).filter(([l]) => /,(?:\d{2}\/){2}\d{4},[A-Z0-9]+,,,,,Synthshire,2023$/.test(l));
  const [a, b] = [closed[0]![1], closed[1]![1]];
  const fail = (h: string, e: string, today?: Date) => {
    try {
      cleanSsda903(h, e, files, today);
    } catch (err) {
      expect(err).toBeInstanceOf(ImportError);
      return err as ImportError;
    }
    throw new Error('no error');
  };

  it('one end date typed 13/06/2033: the file, the line, the date and the return it is past', () => {
    expect(demandFromSsda903(s.header, s.episodes).window.end.toISOString().slice(0, 10)).toBe('2023-03-31');
    const err = fail(s.header, typo(s.episodes, [[a, null, '13/06/2033']]));
    expect([err.file, err.line]).toEqual(['episodes.csv', a]);
    expect(err.reason).toBe('DEC "13/06/2033" is after 31 March 2023, when the last return (YEAR 2023) ends (a typo?); correct it and load the files again');
  });

  it('31/12/9999 and a date of birth after the end: every one named, the first few with their lines, on one line', () => {
    const header = s.header.split('\r\n');
    const h = header[1]!.split(',');
    h[2] = '01/01/2030';
    header[1] = h.join(',');
    const err = fail(
      header.join('\r\n'),
      typo(s.episodes, [
        [a, '31/12/9999', ''],
        [b, null, '01/04/2023'],
      ]),
    );
    expect([err.file, err.line]).toEqual(['header.csv', 2]);
    expect(err.message).toBe(
      `header.csv:2: DOB "01/01/2030" is after 31 March 2023, when the last return (YEAR 2023) ends (a typo?), and so are 2 more dates: episodes.csv:${a} DECOM "31/12/9999", episodes.csv:${b} DEC "01/04/2023"; correct them and load the files again`,
    );
    expect(err.message).not.toMatch(/\n/);
    const many = fail(
      s.header,
      typo(
        s.episodes,
        closed.slice(0, 9).map(([, line]) => [line, null, '13/06/2033'] as [number, null, string]),
      ),
    );
    expect(many.reason).toMatch(/and so are 8 more dates: (episodes\.csv:\d+ DEC "13\/06\/2033", ){3}episodes\.csv:\d+ DEC "13\/06\/2033" and 4 more;/);
  });

  it('the last return’s own 31 March is in; the day after is not', () => {
    expect(() => cleanSsda903(s.header, typo(s.episodes, [[a, null, '31/03/2023']]), files)).not.toThrow();
    expect(fail(s.header, typo(s.episodes, [[a, null, '2023-04-01']])).line).toBe(a);
  });

  it('without a YEAR column the day the files are read is the bound', () => {
    const noYear = (text: string) =>
      text
        .split('\r\n')
        .map((l) => l.split(',').slice(0, -1).join(','))
        .join('\r\n');
    const e = typo(s.episodes, [[a, null, '31/12/9999']]);
    const err = fail(noYear(s.header), noYear(e), new Date('2026-12-06T10:00:00Z'));
    expect(err.reason).toMatch(/^DEC "31\/12\/9999" is after today \(2026-12-06\) \(a typo\?\)/);
    // The pane and cic demand always pass today; the pure call without it keeps the old behaviour.
    expect(cleanSsda903(noYear(s.header), noYear(s.episodes), files, new Date('2026-12-06')).dataEnd).toBe(Date.UTC(2023, 2, 31) / 864e5);
  });

  it('the model refuses a forecast that would run past Excel’s last date', () => {
    const d = demandFromSsda903(s.header, s.episodes);
    expect(() => projectDemand(d, { start: new Date(Date.UTC(9999, 11, 31)), years: 1 })).toThrow(/31 December 9999/);
    expect(() => projectDemand(d, { start: new Date(Date.UTC(9997, 3, 1)), years: 2 })).not.toThrow();
  });
});
