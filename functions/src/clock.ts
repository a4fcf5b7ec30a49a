/**
 * Time for intervals (rate buckets, how long a cached pointer is trusted): a monotonic clock, so a step
 * of the wall clock (NTP, a VM resumed, an operator) changes no interval. Injectable for tests.
 */
export type Clock = () => number;

/** Milliseconds since the process started; never steps back. */
export const monotonic: Clock = () => performance.now();

/** Milliseconds from `since` to `now`, never negative (an injected clock may step back). */
export const elapsedMs = (since: number, now: number): number => (now > since ? now - since : 0);
