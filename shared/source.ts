/**
 * Where benchmark data comes from, as the CIC functions see it: one synchronous interface with three
 * implementations (a release in memory for `cic` and tests, the service's stored release, the add-in's
 * caching HTTP client). A source answers from memory or throws `Pending` with the promise of the data;
 * `whenReady` waits for it and runs the reader again. So a definition is plain synchronous code, a cell over
 * data in memory answers without a promise, and no definition can choose the wrong path.
 */
import type { Catalog } from './release/catalog';
import type { Distribution } from './release/distribution';
import type { ReleaseInfo } from './release/schema';

/** One release's published value of one LA, indicator and year (CIC.REVISIONS reads one per release). */
export interface Revision {
  release: string;
  asOf: string;
  /** null: missing or suppressed in that release, or not in it at all. */
  value: number | null;
}

/** Every release a source holds, oldest as-of first, and which one it computes with now. */
export interface ReleaseHistory {
  releases: readonly ReleaseInfo[];
  /** The release cells compute with (the newest, the service's current, or a workbook's pin). */
  current: string | null;
}

export interface BenchmarkSource {
  /** Indicators, LAs, neighbour groups, unit-cost types and release info. */
  catalog(): Catalog;
  /** One indicator in one (already resolved) year label. */
  distribution(indicatorKey: string, year: string): Distribution;
  /**
   * History, where a source holds several releases (the service's store, `cic eval` given several files):
   * the releases it holds, and one value in each of them (oldest as-of first; the key, LA number and year
   * label already resolved against the current release). A source without them holds one release.
   */
  history?(): ReleaseHistory;
  revisions?(indicatorKey: string, la: number, year: string): readonly Revision[];
}

/**
 * Thrown by a source whose data is still on its way; `ready` settles when it has arrived (or failed). A
 * source throws the same Pending for the same data, so the cells waiting on it are one group: one promise
 * reaction runs them all (`whenSettled`), not one chain per cell.
 */
export class Pending {
  private group: ((failure: Failure | null) => void)[] | null = null;
  constructor(readonly ready: PromiseLike<unknown>) {}

  /** Runs `f` once `ready` has settled: with null when the data has arrived, else with why not. */
  whenSettled(f: (failure: Failure | null) => void): void {
    if (!this.group) {
      const group: ((failure: Failure | null) => void)[] = (this.group = []);
      const run = (failure: Failure | null): void => {
        this.group = null;
        for (const g of group) g(failure);
      };
      this.ready.then(
        () => run(null),
        (error: unknown) => run({ error }),
      );
    }
    this.group.push(f);
  }
}

/** Why data did not arrive: the read's own error. */
export interface Failure {
  error: unknown;
}

/** A reader that still waits after this many arrivals is a source that never fills in: give up. */
const MAX_WAITS = 32;

/**
 * Once `pending` has settled, runs `read` again (waiting again as often as it must, in one group with every
 * other reader waiting on the same Pending). A failed read, or an error `read` throws, goes to `failed`;
 * the answer is never a retry of a failed read.
 */
export function retryAfter<T>(pending: Pending, read: () => T, failed: (error: unknown) => T | PromiseLike<T>, waits = 1): Promise<T> {
  return new Promise<T>((resolve) =>
    pending.whenSettled((failure) => {
      if (failure) return resolve(failed(failure.error));
      try {
        resolve(read());
      } catch (e) {
        if (!(e instanceof Pending)) return resolve(failed(e));
        resolve(waits >= MAX_WAITS ? failed(new Error('Benchmark data did not arrive')) : retryAfter(e, read, failed, waits + 1));
      }
    }),
  );
}

/**
 * Runs `read` now; where it throws Pending, waits for the data and runs it again. Answers at once when
 * everything is in memory, else with a promise that settles: a failed load rejects with the load's error.
 */
export function whenReady<T>(read: () => T): T | Promise<T> {
  try {
    return read();
  } catch (e) {
    if (!(e instanceof Pending)) throw e;
    return retryAfter(e, read, (error) => Promise.reject(error as Error));
  }
}

/** `whenReady` as a promise, for callers that await anyway (the pane, sheet writers, `cic`). */
export const read = <T>(f: () => T): Promise<T> => {
  try {
    return Promise.resolve(whenReady(f));
  } catch (e) {
    return Promise.reject(e as Error);
  }
};

/**
 * `f` over every item, asking for all their data at once: where several are still on their way, one
 * Pending waits for them all, so a reader over many years or indicators costs one round trip, not one each.
 */
export function all<T, R>(items: readonly T[], f: (item: T) => R): R[] {
  const out: R[] = [];
  let waits: PromiseLike<unknown>[] | null = null;
  for (const item of items) {
    try {
      out.push(f(item));
    } catch (e) {
      if (!(e instanceof Pending)) throw e;
      (waits ??= []).push(e.ready);
    }
  }
  if (waits) throw new Pending(Promise.all(waits));
  return out;
}
