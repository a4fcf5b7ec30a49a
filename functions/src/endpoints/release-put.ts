/**
 * PUT /api/releases/{id} — upload a release (JSON, optionally gzip). Validated against the release
 * schema and its own content hash, written in full and verified before it counts; never made current
 * here (see publish). Same id + same hash again → 200 (idempotent); same id, other content → 409.
 */
import { parseRelease, sha256Hex } from '../../../node/release-file';
import { contentHashOf } from '../../../shared/release/hash';
import { ReleaseIdSchema } from '../../../shared/release/schema';
import { endpoint } from '../http/endpoint';
import { param, readBody } from '../http/input';
import { badRequest, HttpError } from '../http/problem';

endpoint({
  name: 'releasePut',
  methods: ['PUT'],
  route: 'releases/{id}',
  write: true,
  maxBody: (c) => c.maxUploadBytes,
  async handle(req, s, ctx) {
    const id = param(req, 'id', ReleaseIdSchema);
    const body = await readBody(req, s.config.maxUploadBytes);
    const text = body.toString('utf8');
    let release;
    try {
      release = parseRelease(text, 'request body');
    } catch (e) {
      throw new HttpError(422, 'Invalid release', (e as Error).message);
    }
    // The schema drops unknown fields; hashing the body as sent refuses them instead, at any depth, so
    // nothing beyond the aggregate release format (never child-level data) is accepted.
    if (contentHashOf(JSON.parse(text) as typeof release, sha256Hex) !== release.contentHash) {
      throw new HttpError(422, 'Invalid release', 'The body holds fields that are not part of the release format');
    }
    if (release.id !== id) throw badRequest(`The body is release "${release.id}" but the URL says "${id}"`);
    const started = Date.now();
    const { info, created } = await s.store.putRelease(release);
    ctx.log(`release ${id} ${created ? 'stored' : 'already stored'} in ${Date.now() - started} ms`);
    const { status: _s, entities: _e, ...out } = info;
    return {
      status: created ? 201 : 200,
      headers: { 'content-type': 'application/json; charset=utf-8', location: `/api/releases/${id}`, 'cache-control': 'no-store' },
      body: JSON.stringify(out),
    };
  },
});
