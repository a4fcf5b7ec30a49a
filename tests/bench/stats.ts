/** Small helpers for benchmarks: medians over repeated runs, so one noisy run on a 2-core box does not decide. */
export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Runs fn `repeats` times after one warm-up and returns the median wall time in ms. */
export async function timeMedian(fn: () => unknown, repeats = 5): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

export interface BenchRow {
  section: string;
  metric: string;
  value: number;
  unit: string;
  baseline?: { label: string; value: number };
  /** value ÷ baseline, in the direction stated by `ratioMeaning`. */
  ratio?: number;
  ratioMeaning?: string;
  goal?: string;
  note?: string;
}
