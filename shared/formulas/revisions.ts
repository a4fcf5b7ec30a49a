/**
 * CIC.REVISIONS: one published value as each release the source holds has it — DfE revises what it has
 * published, and a committee report pinned to one release needs to see which of its numbers moved.
 * The indicator, LA and year are resolved against the current release; each release then gives its value
 * for that key, LA number and year label, and releases that do not publish it (missing, suppressed, or
 * not yet there) are left out.
 */
import { optKey } from '../excel/args';
import { naError } from '../excel/errors';
import { byAsOf } from '../release/release-set';
import { resolveYear } from '../release/years';
import type { BenchmarkSource, Revision } from '../source';
import { laArg } from './resolve';
import { PARAM } from './params';
import type { CicFunctionDef } from './types';

export const REVISIONS_HEADER = ['Release', 'As of', 'Value'] as const;

/** A source holding one release: its own value is the one revision there is. */
async function single(src: BenchmarkSource, indicatorKey: string, la: number, year: string): Promise<Revision[]> {
  const [catalog, dist] = await Promise.all([src.catalog(), src.distribution(indicatorKey, year)]);
  return [{ release: catalog.release.id, asOf: catalog.release.asOf, value: dist.byLa.get(la) ?? null }];
}

export const REVISIONS: CicFunctionDef = {
  id: 'REVISIONS',
  description:
    "A local authority's value as each release published it (DfE revises): spills a header row, then one row per release that publishes it, oldest first: release id, as-of date, value",
  params: [PARAM.indicator, PARAM.la, PARAM.year],
  result: { type: 'any', dimensionality: 'matrix' },
  data: 'release',
  async run(src, [ind, la, year]) {
    const catalog = await src.catalog();
    const indicator = catalog.indicator(ind);
    const l = laArg(catalog, la);
    const label = resolveYear(indicator.years, optKey(year, 'year'), indicator.key, indicator.yearType);
    const all = src.revisions ? await src.revisions(indicator.key, l.number, label) : await single(src, indicator.key, l.number, label);
    const published = all.filter((r) => r.value !== null).sort((a, b) => byAsOf({ asOf: a.asOf, id: a.release }, { asOf: b.asOf, id: b.release }));
    if (published.length === 0) throw naError(`${indicator.key} ${label}: ${l.name} has no published value in any of the ${all.length} releases`);
    return [[...REVISIONS_HEADER], ...published.map((r) => [r.release, r.asOf, r.value as number])];
  },
};
