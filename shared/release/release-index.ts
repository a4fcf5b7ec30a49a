/**
 * A release held in memory and sliced on demand. Distributions are built once per (indicator, year)
 * and kept: a release is immutable, so nothing ever invalidates them.
 */
import { naError } from '../excel/errors';
import type { BenchmarkSource } from '../source';
import { type Catalog, catalogOfRelease } from './catalog';
import { makeDistribution, type Distribution, type DistributionDto } from './distribution';
import { releaseInfo, type Release } from './schema';

export class ReleaseIndex implements BenchmarkSource {
  readonly release: Release;
  private readonly cat: Catalog;
  private readonly distributions = new Map<string, Distribution>();

  constructor(release: Release) {
    this.release = release;
    this.cat = catalogOfRelease(release, releaseInfo(release));
  }

  get catalogSync(): Catalog {
    return this.cat;
  }

  catalog(): Promise<Catalog> {
    return Promise.resolve(this.cat);
  }

  catalogNow(): Catalog {
    return this.cat;
  }

  distributionNow(indicatorKey: string, year: string): Distribution {
    return this.distributionSync(indicatorKey, year);
  }

  distribution(indicatorKey: string, year: string): Promise<Distribution> {
    try {
      return Promise.resolve(this.distributionSync(indicatorKey, year));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  distributionSync(indicatorKey: string, year: string): Distribution {
    const id = `${indicatorKey}\u0000${year}`;
    const cached = this.distributions.get(id);
    if (cached) return cached;
    const d = makeDistribution(this.distributionDto(indicatorKey, year));
    this.distributions.set(id, d);
    return d;
  }

  /** The wire form the API serves and the add-in turns back into a Distribution. */
  distributionDto(indicatorKey: string, year: string): DistributionDto {
    const indicator = this.cat.indicator(indicatorKey);
    const column = this.release.values[indicator.key]?.[year];
    if (!column) throw naError(`${indicator.key} has no data for year "${year}" in release ${this.release.id}`);
    const values: [number, number | null][] = this.release.las.map((la, i) => [la.number, column[i] ?? null]);
    return { release: this.release.id, indicator, year, values };
  }
}
