/**
 * GET /api/distributions/{indicator}?year=&release= — one indicator in one year across every LA, with
 * what a client needs to band and rank locally: n, Q0–Q4 (LAIT's QUARTILE.INC), polarity, England.
 * The values are the shared DistributionDto, so the add-in rebuilds the identical Distribution.
 */
import { z } from 'zod';
import { boundariesOf } from '../../../shared/formulas/resolve';
import { resolveYear } from '../../../shared/release/years';
import { endpoint } from '../http/endpoint';
import { param, query } from '../http/input';
import { memoBody, optionalText, releaseFor, releaseParam } from '../http/release-query';
import { json } from '../http/respond';

const Query = z.strictObject({ ...releaseParam, year: optionalText(40) });

endpoint({
  name: 'distributions',
  methods: ['GET'],
  route: 'distributions/{indicator}',
  async handle(req, s) {
    const wanted = param(req, 'indicator');
    const { release, year } = query(req, Query);
    const { rel, caching } = await releaseFor(s, release);
    const indicator = rel.cat.indicator(wanted);
    const label = resolveYear(indicator.years, year, indicator.key);
    await rel.load(indicator.key);
    const key = `dist:${indicator.key}\u0000${label}`;
    const body = memoBody(rel, key, () => {
      const dto = rel.index.distributionDto(indicator.key, label);
      const dist = rel.index.distributionSync(indicator.key, label);
      const n = dist.sorted.length;
      return { ...dto, n, polarity: indicator.polarity, noQuartile: indicator.noQuartile, england: dist.england, boundaries: n > 0 ? boundariesOf(dist, 'inc') : null };
    });
    return json(req, `${rel.info.contentHash}:${key}`, caching, body);
  },
});
