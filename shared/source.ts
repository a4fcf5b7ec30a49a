/**
 * Where benchmark data comes from, as the CIC functions see it. One interface, three implementations:
 * a release in memory (`cic`, the server, tests), and the add-in's caching HTTP client.
 * Every method resolves or rejects; functions turn a rejection into an Excel error.
 */
import type { Catalog } from './release/catalog';
import type { Distribution } from './release/distribution';

export interface BenchmarkSource {
  /** Indicators, LAs, neighbour groups, unit-cost types and release info. */
  catalog(): Promise<Catalog>;
  /** One indicator in one (already resolved) year label. */
  distribution(indicatorKey: string, year: string): Promise<Distribution>;
  /**
   * The same, synchronously, where the data is already in memory: a cell then skips the promise turns,
   * which are most of its cost. `distributionNow` answers undefined when the values are not in memory
   * yet (the caller falls back to `distribution`); both throw as the async forms reject.
   */
  catalogNow?(): Catalog;
  distributionNow?(indicatorKey: string, year: string): Distribution | undefined;
}
