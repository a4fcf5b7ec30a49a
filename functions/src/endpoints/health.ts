/** GET /api/health — storage reachable (a live pointer read, never cached) and the current release. */
import { endpoint } from '../http/endpoint';
import { json } from '../http/respond';

endpoint({
  name: 'health',
  methods: ['GET'],
  route: 'health',
  async handle(req, s) {
    const pointer = await s.store.current();
    return json(req, null, 'none', () => JSON.stringify({ status: 'ok', storage: 'reachable', current: pointer?.releaseId ?? null }));
  },
});
