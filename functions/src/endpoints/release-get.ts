/** GET /api/releases/{id} — one release's info; immutable, so cacheable forever. */
import { ReleaseIdSchema } from '../../../shared/release/schema';
import { endpoint } from '../http/endpoint';
import { param } from '../http/input';
import { etagOf, json } from '../http/respond';
import type { StoredReleaseInfo } from '../store/types';

export const currentSeed = (info: StoredReleaseInfo): string => `current:${info.id}:${info.contentHash}`;

endpoint({
  name: 'releaseGet',
  methods: ['GET'],
  route: 'releases/{id}',
  async handle(req, s) {
    const id = param(req, 'id', ReleaseIdSchema);
    const rel = await s.releases.get(id);
    const { status: _s, entities: _e, ...info } = rel.info;
    return json(req, etagOf(`release:${info.id}:${info.contentHash}`), 'immutable', () => JSON.stringify(info));
  },
});
