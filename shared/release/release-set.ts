/**
 * Several releases in memory as one source (`cic eval --release A --release B …`): cells compute with the
 * newest as-of (the current release), and CIC.REVISIONS reads one value from each. Releases are
 * immutable, so each keeps its own ReleaseIndex and nothing is ever invalidated.
 */
import { valueError } from '../excel/errors';
import type { BenchmarkSource, ReleaseHistory, Revision } from '../source';
import type { Catalog } from './catalog';
import type { Distribution } from './distribution';
import { ReleaseIndex } from './release-index';
import { releaseInfo, type Release } from './schema';

/** Oldest as-of first; releases of one day by id, so the order is the same however they were given. */
export const byAsOf = (a: { asOf: string; id: string }, b: { asOf: string; id: string }): number => a.asOf.localeCompare(b.asOf) || a.id.localeCompare(b.id);

/** One release's value of an LA, indicator and year label; null when missing, suppressed or absent. */
export function valueIn(release: Release, indicatorKey: string, la: number, year: string): number | null {
  const column = release.values[indicatorKey]?.[year];
  if (!column) return null;
  const i = release.las.findIndex((l) => l.number === la);
  return i < 0 ? null : (column[i] ?? null);
}

export class ReleaseSet implements BenchmarkSource {
  /** Oldest as-of first; the last is current. */
  readonly indexes: readonly ReleaseIndex[];
  private readonly current: ReleaseIndex;

  constructor(releases: readonly Release[]) {
    if (releases.length === 0) throw valueError('no release given');
    const ids = new Set<string>();
    for (const r of releases) {
      if (ids.has(r.id)) throw valueError(`release ${r.id} is given twice`);
      ids.add(r.id);
    }
    this.indexes = [...releases].sort((a, b) => byAsOf(a, b)).map((r) => new ReleaseIndex(r));
    this.current = this.indexes[this.indexes.length - 1] as ReleaseIndex;
  }

  catalog(): Promise<Catalog> {
    return this.current.catalog();
  }

  catalogNow(): Catalog {
    return this.current.catalogNow();
  }

  distribution(indicatorKey: string, year: string): Promise<Distribution> {
    return this.current.distribution(indicatorKey, year);
  }

  distributionNow(indicatorKey: string, year: string): Distribution {
    return this.current.distributionNow(indicatorKey, year);
  }

  history(): Promise<ReleaseHistory> {
    return Promise.resolve({ releases: this.indexes.map((x) => releaseInfo(x.release)), current: this.current.release.id });
  }

  revisions(indicatorKey: string, la: number, year: string): Promise<readonly Revision[]> {
    return Promise.resolve(this.indexes.map(({ release }) => ({ release: release.id, asOf: release.asOf, value: valueIn(release, indicatorKey, la, year) })));
  }
}
