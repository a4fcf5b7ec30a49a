/**
 * POST /api/releases/{id}/publish — make a complete, verified release current. Send If-Match with the
 * ETag of GET /api/releases/current to publish only over the release you saw (412 otherwise); two
 * concurrent publishes never both win, since the pointer update is conditional in storage too.
 */
import { ReleaseIdSchema } from '../../../shared/release/schema';
import { endpoint } from '../http/endpoint';
import { param } from '../http/input';
import { HttpError } from '../http/problem';
import { etagOf } from '../http/respond';
import { currentSeed } from './release-get';

/** A strong entity-tag (RFC 9110): a quoted string of visible characters; weak tags never match for If-Match. */
const ENTITY_TAG = /^"[\x21\x23-\x7e]*"$/;

endpoint({
  name: 'releasePublish',
  methods: ['POST'],
  route: 'releases/{id}/publish',
  write: true,
  async handle(req, s, ctx) {
    const id = param(req, 'id', ReleaseIdSchema);
    const pointer = await s.store.current();
    // An If-Match that was sent must be honoured: empty (a failed `curl -I`) or malformed never publishes.
    const ifMatch = req.headers.get('if-match');
    if (ifMatch !== null) {
      const tags = ifMatch.split(',').map((t) => t.trim());
      if (!tags.every((t) => t === '*' || ENTITY_TAG.test(t))) {
        throw new HttpError(
          400,
          'Bad request',
          `If-Match must be the ETag of GET /api/releases/current (a quoted tag) or *, not ${JSON.stringify(ifMatch.slice(0, 80))}; nothing was published`,
        );
      }
      if (!tags.includes('*')) {
        const seen = pointer ? etagOf(currentSeed((await s.releases.get(pointer.releaseId)).info)) : null;
        if (!seen || !tags.includes(seen)) {
          throw new HttpError(412, 'Precondition failed', `The current release is now ${pointer?.releaseId ?? 'none'}; read it again before publishing`);
        }
      } else if (!pointer) {
        throw new HttpError(412, 'Precondition failed', 'No release is current yet, so If-Match: * cannot match; publish without If-Match');
      }
    }
    const published = await s.store.publish(id, pointer?.etag ?? null);
    s.releases.forgetPointer();
    ctx.log(`published ${id} (was ${pointer?.releaseId ?? 'none'})`);
    return {
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
      body: JSON.stringify({ current: published.releaseId, previous: pointer?.releaseId ?? null, publishedAt: published.publishedAt }),
    };
  },
});
