/**
 * GET /api/distributions/{indicator}?year=&release= — one indicator in one year across every LA, with
 * what a client needs to band and rank locally: n, Q0–Q4 (LAIT's QUARTILE.INC), polarity, England.
 * The values are the shared DistributionDto, so the add-in rebuilds the identical Distribution.
 * GET /api/distributions?indicator=&year=&release= is the same answer for a key a host might not pass
 * through a path segment intact (LAIT keys may hold "/").
 */
import { z } from 'zod';
import { boundariesOf } from '../../../shared/formulas/resolve';
import { resolveYear } from '../../../shared/release/years';
import type { HttpResponseInit, Request } from '../azf';
import { endpoint } from '../http/endpoint';
import { IndicatorKeyParam, parse, query } from '../http/input';
import { memoBody, optionalText, releaseFor, releaseParam } from '../http/release-query';
import { json } from '../http/respond';
import type { Services } from '../services';

const Query = z.strictObject({ ...releaseParam, year: optionalText(40) });
const ByQuery = z.strictObject({ ...releaseParam, year: optionalText(40), indicator: IndicatorKeyParam });

/**
 * The body and ETag caches' key for an indicator and year label, made once and shared by every request
 * for them. Bounded by the catalogs' indicators and years, both resolved against a release before here.
 */
const keys = new Map<string, Map<string, string>>();
function keyOf(indicatorKey: string, label: string): string {
  let byLabel = keys.get(indicatorKey);
  if (!byLabel) keys.set(indicatorKey, (byLabel = new Map()));
  let key = byLabel.get(label);
  if (key === undefined) byLabel.set(label, (key = `dist:${indicatorKey}\u0000${label}`));
  return key;
}

async function answer(req: Request, s: Services, wanted: string, release: string | undefined, year: string | undefined): Promise<HttpResponseInit> {
  const { rel, caching } = await releaseFor(s, release);
  const indicator = rel.cat.indicator(wanted);
  const label = resolveYear(indicator.years, year, indicator.key, indicator.yearType);
  const loading = rel.load(indicator.key);
  if (loading) await loading;
  const key = keyOf(indicator.key, label);
  const body = memoBody(rel, key, () => {
    const dto = rel.index.distributionDto(indicator.key, label);
    const dist = rel.index.distribution(indicator.key, label);
    const n = dist.sorted.length;
    return {
      ...dto,
      n,
      polarity: indicator.polarity,
      noQuartile: indicator.noQuartile,
      england: dist.england,
      boundaries: n > 0 ? boundariesOf(dist, 'inc') : null,
    };
  });
  return json(req, rel.etagOf(key), caching, body);
}

endpoint({
  name: 'distributions',
  methods: ['GET'],
  route: 'distributions/{indicator}',
  handle(req, s) {
    const wanted = parse(IndicatorKeyParam, req.params.indicator, 'path parameter "indicator"');
    const { release, year } = query(req, Query);
    return answer(req, s, wanted, release, year);
  },
});

endpoint({
  name: 'distributionsByQuery',
  methods: ['GET'],
  route: 'distributions',
  handle(req, s) {
    const { release, year, indicator } = query(req, ByQuery);
    return answer(req, s, indicator, release, year);
  },
});
