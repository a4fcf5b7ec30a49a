/**
 * Where benchmark data comes from, as the CIC functions see it. One interface, three implementations:
 * a release in memory (`cic`, the server, tests), and the add-in's caching HTTP client.
 * Every method resolves or rejects; functions turn a rejection into an Excel error.
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
  /**
   * History, where a source holds several releases (the service's store, `cic eval` given several files):
   * the releases it holds, and one value in each of them (oldest as-of first; the key, LA number and year
   * label already resolved against the current release). A source without them holds one release.
   */
  history?(): Promise<ReleaseHistory>;
  revisions?(indicatorKey: string, la: number, year: string): Promise<readonly Revision[]>;
}
