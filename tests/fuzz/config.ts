/**
 * Bounds and replay for every fuzz property: one seed per run (FUZZ_SEED to replay a failure; fast-check
 * also prints seed and path when a property fails), short runs by default, FUZZ_RUNS for a longer soak
 * (the time limit then grows with it so the soak is not cut short).
 */
import type { Parameters } from 'fast-check';

const envInt = (name: string): number | undefined => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : undefined;
};

export const SEED = envInt('FUZZ_SEED') ?? (Date.now() ^ (Math.random() * 0x7fffffff)) >>> 0;
const SOAK = envInt('FUZZ_RUNS');
console.log(`fuzz: seed ${SEED}${SOAK ? `, soak of ${SOAK} runs per property` : ''} (replay with FUZZ_SEED=${SEED})`);

/** Parameters for one property: `runs` by default, FUZZ_RUNS when set; at most `seconds` (×10 when soaking). */
export function fuzzParams(runs: number, seconds = 5): Parameters<unknown> {
  return { seed: SEED, numRuns: SOAK ?? runs, interruptAfterTimeLimit: seconds * 1000 * (SOAK ? 10 : 1), markInterruptAsFailure: false };
}

/** A vitest timeout that leaves room for a property's time limit (longer when soaking). */
export const testTimeout = (seconds: number): number => seconds * 1000 * (SOAK ? 10 : 1) + 20_000;

/** Settle within `ms` or fail: a hung cell is a bug, not a slow test. */
export function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
