/**
 * Demand model benchmarks:
 *  - 50,000 SSDA903 episodes (synthetic, with the mess) through the pane's code path — parse, clean,
 *    split, count, rate — beside a plain parse of the same two files (split lines and commas: the least
 *    any reader must do), and csv-parse on them for context;
 *  - CIC.DEMAND on the 20 D2I states for 5 financial years: the band view (covariance propagated daily)
 *    beside the children view (the expected stock only).
 */
import { demandFromSsda903 } from '../../shared/demand/ssda903';
import { readCsv } from '../../shared/importers/csv';
import { functionById } from '../../shared/formulas/index';
import { invoke } from '../../shared/formulas/invoke';
import { ReleaseIndex } from '../../shared/release/release-index';
import { syntheticRelease } from '../fixtures/synthetic-release';
import { DEFAULT_RATES, synthetic903 } from '../fixtures/ssda903';
import { timeMedian, type BenchRow } from './stats';

const EPISODES = 50_000;

export async function benchDemand(): Promise<BenchRow[]> {
  const s = synthetic903({ seed: 50, years: 4, rates: { ...DEFAULT_RATES, entrantsPerDay: 11 } });
  const lines = s.episodes.split('\r\n');
  if (lines.length - 2 < EPISODES) throw new Error(`synthetic return has only ${lines.length - 2} episodes`);
  const episodes = `${lines.slice(0, EPISODES + 1).join('\r\n')}\r\n`;
  const kb = Math.round((episodes.length + s.header.length) / 1024);

  const paneMs = await timeMedian(() => demandFromSsda903(s.header, episodes), 3);
  // The least any reader must do: split lines and commas. csv-parse (the importers' reader) for context.
  let sink = 0;
  const plainMs = await timeMedian(() => {
    for (const text of [s.header, episodes]) for (const line of text.split('\r\n')) sink += line.split(',').length;
  }, 3);
  const csvParseMs = await timeMedian(() => {
    readCsv('Header', s.header);
    readCsv('Episodes', episodes);
  }, 3);
  if (sink < 0) console.log(sink);

  const t = demandFromSsda903(s.header, episodes);
  const src = new ReleaseIndex(syntheticRelease());
  const demand = functionById('DEMAND')!;
  const col = (v: (string | number)[]) => v.map((x) => [x]);
  const args = [col(t.states), col(t.stock), t.transitions, col(t.exits), col(t.entrants), '2025-04-01', 5];
  const childrenMs = await timeMedian(() => invoke(demand, src, args), 5);
  const bandMs = await timeMedian(() => invoke(demand, src, [...args, null, null, 'band']), 5);

  return [
    {
      section: 'demand',
      metric: `SSDA903 → demand tables, ${EPISODES.toLocaleString('en-GB')} episodes (${kb} KB, pane path)`,
      value: Math.round(paneMs),
      unit: 'ms',
      baseline: { label: 'plain parse (split lines and commas) of the same files', value: Math.round(plainMs) },
      ratio: paneMs / plainMs,
      ratioMeaning: '× the plain parse',
      goal: 'faster than csv-parse alone on the same files',
      note: paneMs < csvParseMs ? 'met' : 'missed',
    },
    {
      section: 'demand',
      metric: "the same files through csv-parse alone (the importers' reader)",
      value: Math.round(csvParseMs),
      unit: 'ms',
      baseline: { label: 'pane path', value: Math.round(paneMs) },
      ratio: csvParseMs / paneMs,
      ratioMeaning: '× the whole pane path',
    },
    {
      section: 'demand',
      metric: 'CIC.DEMAND 20 states × 5 FYs, view "band" (covariance daily)',
      value: Math.round(bandMs * 10) / 10,
      unit: 'ms',
      baseline: { label: 'view "children" (expected stock only)', value: Math.round(childrenMs * 10) / 10 },
      ratio: bandMs / childrenMs,
      ratioMeaning: '× the expected-stock run',
      goal: '≤ 250 ms (one recalculation)',
      note: bandMs <= 250 ? 'met' : 'missed',
    },
  ];
}
