/** GET /api/indicators?q=&topic=&release= — the release's indicators, searched by words and/or topic. */
import { z } from 'zod';
import { endpoint } from '../http/endpoint';
import { query } from '../http/input';
import { memoBody, optionalText, releaseFor, releaseParam } from '../http/release-query';
import { json } from '../http/respond';

const Query = z.strictObject({ ...releaseParam, q: optionalText(200), topic: optionalText(200) });

endpoint({
  name: 'indicators',
  methods: ['GET'],
  route: 'indicators',
  async handle(req, s) {
    const { release, q, topic } = query(req, Query);
    const { rel, caching } = await releaseFor(s, release);
    const key = `indicators:${q ?? ''}\u0000${topic ?? ''}`;
    const build = () => ({ release: rel.info.id, indicators: rel.cat.searchIndicators(q, topic) });
    // Only the full list is kept: searches are free text, and memoising each would let clients grow memory without bound.
    const body = q || topic ? () => JSON.stringify(build()) : memoBody(rel, key, build);
    return json(req, rel.etagOf(key), caching, body);
  },
});
