/** GET /api/releases — every complete release (newest first) and which one is current. */
import { endpoint } from '../http/endpoint';
import { etagOf, json } from '../http/respond';

endpoint({
  name: 'releases',
  methods: ['GET'],
  route: 'releases',
  async handle(req, s) {
    const [all, pointer] = await Promise.all([s.store.listReleases(), s.releases.currentPointer()]);
    const releases = all
      .filter((r) => r.status === 'complete')
      .sort((a, b) => b.asOf.localeCompare(a.asOf) || a.id.localeCompare(b.id))
      .map(({ status: _s, entities: _e, ...info }) => info);
    const current = pointer?.releaseId ?? null;
    const seed = `releases:${current}:${releases.map((r) => r.contentHash).join(',')}`;
    return json(req, etagOf(seed), 'revalidate', () => JSON.stringify({ current, releases }));
  },
});
