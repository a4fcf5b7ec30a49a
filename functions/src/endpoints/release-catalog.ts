/**
 * GET /api/releases/{id}/catalog — a release's indicators, LAs, neighbour groups and unit-cost types in
 * one immutable response: what the add-in needs once per release before it can resolve any cell.
 */
import type { CatalogDto } from '../../../shared/api/schemas';
import { ReleaseIdSchema } from '../../../shared/release/schema';
import { endpoint } from '../http/endpoint';
import { param } from '../http/input';
import { memoBody } from '../http/release-query';
import { etagOf, json } from '../http/respond';

endpoint({
  name: 'releaseCatalog',
  methods: ['GET'],
  route: 'releases/{id}/catalog',
  async handle(req, s) {
    const rel = await s.releases.get(param(req, 'id', ReleaseIdSchema));
    const body = memoBody(rel, 'catalog', (): CatalogDto => {
      const cat = rel.cat;
      return {
        release: cat.release,
        indicators: cat.indicators.map(({ description: _d, source: _s, ...forCells }) => forCells),
        las: [...cat.las],
        neighbours: rel.index.release.neighbours,
        unitCosts: [...cat.unitCosts],
        counts: cat.counts,
      };
    });
    return json(req, etagOf(`catalog:${rel.info.id}:${rel.info.contentHash}`), 'immutable', body);
  },
});
