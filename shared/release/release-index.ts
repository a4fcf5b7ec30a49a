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
  // indicator key → year → distribution: two reads of existing strings, no key built per cell.
  private readonly distributions = new Map<string, Map<string, Distribution>>();

  constructor(release: Release) {
    this.release = release;
    this.cat = catalogOfRelease(release, releaseInfo(release));
  }

  catalog(): Catalog {
    return this.cat;
  }

  distribution(indicatorKey: string, year: string): Distribution {
    let byYear = this.distributions.get(indicatorKey);
    const cached = byYear?.get(year);
    if (cached) return cached;
    const d = makeDistribution(this.distributionDto(indicatorKey, year));
    if (!byYear) this.distributions.set(indicatorKey, (byYear = new Map()));
    byYear.set(year, d);
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
