/**
 * Engine benchmarks on the committed default release:
 *  - `cic eval` throughput (formulas/second) in process, and as a whole CLI run fed on stdin;
 *  - the cost of one band + rank through the CIC function path against a bare binary search over the
 *    same sorted array (the least any implementation could do), measured in the same run.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { readReleaseFile } from '../../node/release-file';
import { bandOf } from '../../shared/benchmark/band';
import { evaluateFormula } from '../../shared/formulas/evaluate';
import { functionById } from '../../shared/formulas/index';
import { invoke } from '../../shared/formulas/invoke';
import { boundaries } from '../../shared/benchmark/quartile';
import { rankSorted } from '../../shared/benchmark/rank';
import { ReleaseIndex } from '../../shared/release/release-index';
import { timeMedian, type BenchRow } from './stats';

/** 50 bandable indicators with data in their latest year, and a spread of values within each. */
export function sampleCells(index: ReleaseIndex, count: number, indicatorCount = 50) {
  const picked = index
    .catalog()
    .indicators.filter((i) => i.polarity !== null && !i.noQuartile)
    .map((i) => ({ i, d: index.distribution(i.key, i.years[i.years.length - 1]!) }))
    .filter(({ d }) => d.sorted.length >= 100)
    .slice(0, indicatorCount);
  return Array.from({ length: count }, (_, k) => {
    const { i, d } = picked[k % picked.length]!;
    return { key: i.key, year: d.year, value: d.sorted[(k * 7919) % d.sorted.length]! };
  });
}

export async function benchEngine(): Promise<BenchRow[]> {
  const index = new ReleaseIndex(readReleaseFile());
  const cells = sampleCells(index, 10_000);
  const formulas = cells.map((c) => `=CIC.QUARTILE("${c.key}", ${c.value}, "${c.year}")`);
  const quartile = functionById('QUARTILE')!;
  const rank = functionById('RANK')!;

  const evalMs = await timeMedian(async () => {
    for (const f of formulas) await evaluateFormula(f, index);
  });
  const invokeMs = await timeMedian(async () => {
    for (const c of cells) {
      await invoke(quartile, index, [c.key, c.value, c.year]);
      await invoke(rank, index, [c.key, c.value, c.year]);
    }
  });
  // Baseline: the sorted arrays and boundaries already in hand, just the two comparisons' worth of work.
  const prepared = cells.map((c) => {
    const d = index.distribution(c.key, c.year);
    return { v: c.value, sorted: d.sorted, b: boundaries(d.sorted), p: d.indicator.polarity as 'High' | 'Low' };
  });
  let sink = 0;
  const bareMs = await timeMedian(() => {
    for (const x of prepared) sink += bandOf(x.v, x.b, x.p).length + rankSorted(x.v, x.sorted, x.p);
  });
  if (sink < 0) console.log(sink);

  const input = formulas.slice(0, 5000).join('\n');
  const cliMs = await timeMedian(() => execFileSync(process.execPath, [resolve('bin/cic.mjs'), 'eval'], { input, maxBuffer: 1 << 26 }), 3);
  const nodeStartMs = await timeMedian(() => execFileSync(process.execPath, ['-e', '0']), 3);

  return [
    { section: 'engine', metric: 'cic eval in process (QUARTILE formulas)', value: Math.round((formulas.length / evalMs) * 1000), unit: 'formulas/s' },
    {
      section: 'engine',
      metric: 'cic eval CLI, 5,000 formulas on stdin (incl. start + release load)',
      value: Math.round(cliMs),
      unit: 'ms',
      baseline: { label: 'node -e 0', value: Math.round(nodeStartMs) },
      ratio: cliMs / nodeStartMs,
      ratioMeaning: '× a bare Node start',
      note: `${Math.round((5000 / cliMs) * 1000)} formulas/s end to end`,
    },
    {
      section: 'engine',
      metric: 'band + rank via CIC.QUARTILE + CIC.RANK',
      value: (invokeMs * 1e6) / cells.length / 1000,
      unit: 'µs/cell',
      baseline: { label: 'bare bandOf + binary-search rank on prepared arrays', value: (bareMs * 1e6) / cells.length / 1000 },
      ratio: invokeMs / bareMs,
      ratioMeaning: '× bare sorted-array lookup',
      goal: `≤ 10× the bare lookup: ${invokeMs / bareMs <= 10 ? 'met' : 'missed'}`,
    },
  ];
}
