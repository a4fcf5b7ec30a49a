/** GET /api/las/{la}/neighbours?model=&release= — an LA's 10 ordered statistical neighbours (2025 model by default). */
import { z } from 'zod';
import { DEFAULT_SN_MODEL } from '../../../shared/release/catalog';
import { endpoint } from '../http/endpoint';
import { param, query } from '../http/input';
import { memoBody, optionalText, releaseFor, releaseParam } from '../http/release-query';
import { json } from '../http/respond';

const Query = z.strictObject({ ...releaseParam, model: optionalText(20) });

endpoint({
  name: 'neighbours',
  methods: ['GET'],
  route: 'las/{la}/neighbours',
  async handle(req, s) {
    const wanted = param(req, 'la');
    const { release, model = DEFAULT_SN_MODEL } = query(req, Query);
    const { rel, caching } = await releaseFor(s, release);
    const la = rel.cat.la(wanted);
    const key = `neighbours:${la.number}:${model}`;
    const body = memoBody(rel, key, () => ({
      release: rel.info.id,
      model,
      la,
      neighbours: rel.cat.neighboursOf(la, model).map((n) => rel.cat.laByNumberOrNull(n) ?? { number: n }),
    }));
    return json(req, rel.etagOf(key), caching, body);
  },
});
