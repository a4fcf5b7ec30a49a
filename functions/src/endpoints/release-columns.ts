/**
 * GET /api/releases/{id}/columns?c=YEAR:KEY&c=… — several indicator-years of one release in one immutable
 * response: what one recalculation of a workbook needs, in one request instead of one per indicator.
 * Each column is the release's own form (one value per LA, in the order of the catalog's `las`, null when
 * not published); the client builds its distributions from them, so nothing is computed twice.
 */
import type { ColumnsDto } from '../../../shared/api/schemas';
import { ReleaseIdSchema } from '../../../shared/release/schema';
import { endpoint } from '../http/endpoint';
import { param } from '../http/input';
import { badRequest } from '../http/problem';
import { json, strongEtag } from '../http/respond';

/** One request's columns at most: a dashboard's recalculation is split by the client beyond it. */
export const MAX_COLUMNS = 200;

endpoint({
  name: 'releaseColumns',
  methods: ['GET'],
  route: 'releases/{id}/columns',
  async handle(req, s) {
    const id = param(req, 'id', ReleaseIdSchema);
    for (const k of req.query.keys()) if (k !== 'c') throw badRequest(`Unknown query parameter "${k}"; ask for columns as c=YEAR:KEY`);
    const wanted = req.query.getAll('c');
    if (wanted.length === 0) throw badRequest('Ask for at least one column as c=YEAR:KEY');
    if (wanted.length > MAX_COLUMNS) throw badRequest(`At most ${MAX_COLUMNS} columns in one request, not ${wanted.length}; split it`);
    const rel = await s.releases.get(id);
    const columns = wanted.map((c) => {
      const at = c.indexOf(':');
      if (at < 1) throw badRequest(`Column "${c.slice(0, 80)}" is not YEAR:KEY`);
      const indicator = rel.cat.indicator(c.slice(at + 1));
      const year = c.slice(0, at);
      if (!indicator.years.includes(year)) throw badRequest(`${indicator.key} has no year "${year.slice(0, 40)}" in release ${id}`);
      return { indicator: indicator.key, year };
    });
    await Promise.all(columns.map((c) => rel.load(c.indicator)));
    const values = rel.index.release.values;
    const body = (): string =>
      JSON.stringify({ release: id, columns: columns.map((c) => ({ ...c, values: values[c.indicator]?.[c.year] ?? [] })) } satisfies ColumnsDto);
    // Hashed afresh, not memoised (etagOf): the list is the client's free text.
    return json(req, strongEtag(`${rel.info.contentHash}:${wanted.join('\u0000')}`), 'immutable', body);
  },
});
