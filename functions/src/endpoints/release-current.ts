/**
 * GET /api/releases/current — the current release's info. Its ETag is what a publisher sends as
 * If-Match to publish only over the release they saw.
 */
import { endpoint } from '../http/endpoint';
import { etagOf, json } from '../http/respond';
import { currentSeed } from './release-get';

endpoint({
  name: 'releaseCurrent',
  methods: ['GET'],
  route: 'releases/current',
  async handle(req, s) {
    const rel = await s.releases.resolve(null);
    const { status: _s, entities: _e, ...info } = rel.info;
    return json(req, etagOf(currentSeed(rel.info)), 'revalidate', () => JSON.stringify(info));
  },
});
