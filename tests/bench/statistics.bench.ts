/**
 * Significance benchmarks on the committed default release: the cost of one CIC.COMPARE cell (the LA's
 * counts, its Wilson interval, England) beside one CIC.QUARTILE cell through the same `invoke`, measured
 * in the same run; and the workbook-only CIC.CI / SIGCHANGE cells.
 */
import { readReleaseFile } from '../../node/release-file';
import { functionById } from '../../shared/formulas/index';
import { invoke } from '../../shared/formulas/invoke';
import { ReleaseIndex } from '../../shared/release/release-index';
import { timeMedian, type BenchRow } from './stats';

export async function benchStatistics(): Promise<BenchRow[]> {
  const release = readReleaseFile();
  const index = new ReleaseIndex(release);
  const las = release.las.filter((l) => l.kind === 'la' && l.current).map((l) => l.number);
  const keys = Object.keys(release.counts ?? {});
  if (keys.length === 0) throw new Error('the release has no counts (regenerate it: npm run release:default)');
  const cells = Array.from({ length: 10_000 }, (_, k) => {
    const key = keys[k % keys.length]!;
    const ind = release.indicators.find((i) => i.key === key)!;
    return { key, la: las[(k * 31) % las.length]!, year: ind.years.at(-1)!, value: 10 + (k % 17) };
  });
  const compare = functionById('COMPARE')!;
  const quartile = functionById('QUARTILE')!;
  const ci = functionById('CI')!;
  const sig = functionById('SIGCHANGE')!;
  const compareMs = await timeMedian(async () => {
    for (const c of cells) await invoke(compare, index, [c.key, c.la, c.year]);
  });
  const quartileMs = await timeMedian(async () => {
    for (const c of cells) await invoke(quartile, index, [c.key, c.value, c.year]);
  });
  const ciMs = await timeMedian(async () => {
    for (let k = 0; k < cells.length; k++) await invoke(ci, index, [30 + (k % 50), 200 + k]);
  });
  const sigMs = await timeMedian(async () => {
    for (let k = 0; k < cells.length; k++) await invoke(sig, index, [30 + (k % 50), 200 + k, 40, 210, 'High']);
  });
  const per = (ms: number) => (ms * 1000) / cells.length;
  return [
    {
      section: 'statistics',
      metric: 'CIC.COMPARE cell (counts → Wilson → England)',
      value: per(compareMs),
      unit: 'µs/cell',
      baseline: { label: 'CIC.QUARTILE cell, same run', value: per(quartileMs) },
      ratio: compareMs / quartileMs,
      ratioMeaning: '× a QUARTILE cell',
      goal: `≤ 5× a QUARTILE cell: ${compareMs / quartileMs <= 5 ? 'met' : 'missed'}`,
    },
    {
      section: 'statistics',
      metric: 'CIC.CI cell (workbook only)',
      value: per(ciMs),
      unit: 'µs/cell',
      baseline: { label: 'CIC.QUARTILE cell', value: per(quartileMs) },
      ratio: ciMs / quartileMs,
      ratioMeaning: '× a QUARTILE cell',
    },
    {
      section: 'statistics',
      metric: 'CIC.SIGCHANGE cell (Newcombe)',
      value: per(sigMs),
      unit: 'µs/cell',
      baseline: { label: 'CIC.QUARTILE cell', value: per(quartileMs) },
      ratio: sigMs / quartileMs,
      ratioMeaning: '× a QUARTILE cell',
    },
  ];
}
