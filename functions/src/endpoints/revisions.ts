/**
 * GET /api/revisions/{indicator}?la=&year=&release= — one LA's value of an indicator in one year as every
 * complete release in the store publishes it, oldest as-of first (CIC.REVISIONS). The indicator, LA and
 * year are resolved against `release` (a workbook's pin) or the current release; the answer changes only
 * when a release is added, so it revalidates with an ETag of the release set.
 * GET /api/revisions?indicator=&la=&year=&release= is the same for a key a host might not pass through a
 * path segment intact (LAIT keys may hold "/").
 */
import { z } from 'zod';
import type { RevisionsDto } from '../../../shared/api/schemas';
import { resolveYear } from '../../../shared/release/years';
import type { HttpResponseInit, Request } from '../azf';
import { endpoint } from '../http/endpoint';
import { IndicatorKeyParam, parse, query } from '../http/input';
import { optionalText, releaseFor, releaseParam } from '../http/release-query';
import { etagOf, json } from '../http/respond';
import { storeHistory } from '../release-history';
import type { Services } from '../services';

const la = z.string().trim().min(1, 'name an LA: its DfE number, ONS code or name').max(120);
const Query = z.strictObject({ ...releaseParam, la, year: optionalText(40) });
const ByQuery = z.strictObject({ ...releaseParam, la, year: optionalText(40), indicator: IndicatorKeyParam });

async function answer(
  req: Request,
  s: Services,
  wanted: string,
  release: string | undefined,
  laArg: string,
  year: string | undefined,
): Promise<HttpResponseInit> {
  const { rel } = await releaseFor(s, release);
  const indicator = rel.cat.indicator(wanted);
  const l = rel.cat.la(laArg);
  const label = resolveYear(indicator.years, year, indicator.key, indicator.yearType);
  const { seed, revisions } = await storeHistory(s.store, s.releases, s.config.currentTtlMs).revisions(indicator.key, l.number, label);
  const dto: RevisionsDto = { indicator: indicator.key, la: l.number, year: label, revisions };
  return json(req, etagOf(`revisions:${seed}:${indicator.key}\u0000${l.number}\u0000${label}`), 'revalidate', () => JSON.stringify(dto));
}

endpoint({
  name: 'revisions',
  methods: ['GET'],
  route: 'revisions/{indicator}',
  handle(req, s) {
    const wanted = parse(IndicatorKeyParam, req.params.indicator, 'path parameter "indicator"');
    const { release, la: l, year } = query(req, Query);
    return answer(req, s, wanted, release, l, year);
  },
});

endpoint({
  name: 'revisionsByQuery',
  methods: ['GET'],
  route: 'revisions',
  handle(req, s) {
    const { release, la: l, year, indicator } = query(req, ByQuery);
    return answer(req, s, indicator, release, l, year);
  },
});
