/** GET /api/las?release=&kind= — the release's geographies: LAs, England (970), regions. */
import { z } from 'zod';
import { LaKindSchema } from '../../../shared/release/schema';
import { endpoint } from '../http/endpoint';
import { query } from '../http/input';
import { memoBody, releaseFor, releaseParam } from '../http/release-query';
import { json } from '../http/respond';

const Query = z.strictObject({ ...releaseParam, kind: z.optional(LaKindSchema) });

endpoint({
  name: 'las',
  methods: ['GET'],
  route: 'las',
  async handle(req, s) {
    const { release, kind } = query(req, Query);
    const { rel, caching } = await releaseFor(s, release);
    const key = `las:${kind ?? ''}`;
    const body = memoBody(rel, key, () => ({ release: rel.info.id, las: rel.cat.las.filter((l) => !kind || l.kind === kind) }));
    return json(req, rel.etagOf(key), caching, body);
  },
});
