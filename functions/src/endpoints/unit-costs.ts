/**
 * GET /api/unit-costs?la=&year=&release= — weekly unit cost of each placement type (LAIT finance
 * measures) for an LA or England, via the same CIC.UNITCOST code the add-in runs.
 */
import { z } from 'zod';
import { functionById } from '../../../shared/formulas/index';
import { invoke } from '../../../shared/formulas/invoke';
import { isCellError } from '../../../shared/excel/errors';
import { endpoint } from '../http/endpoint';
import { query } from '../http/input';
import { optionalText, releaseFor, releaseParam } from '../http/release-query';
import { etagOf, json } from '../http/respond';

const Query = z.strictObject({ ...releaseParam, la: optionalText(100), year: optionalText(40) });
const UNITCOST = functionById('UNITCOST');

endpoint({
  name: 'unitCosts',
  methods: ['GET'],
  route: 'unit-costs',
  async handle(req, s) {
    const { release, la, year } = query(req, Query);
    const { rel, caching } = await releaseFor(s, release);
    const geography = la ? rel.cat.la(la) : rel.cat.la(970);
    if (!UNITCOST) throw new Error('CIC.UNITCOST is not defined');
    const items = await Promise.all(
      rel.cat.unitCosts.map(async (u) => {
        const out = await invoke(UNITCOST, rel, [u.type, la ? geography.number : null, year ?? null]);
        const ind = rel.cat.indicator(u.measure);
        return {
          type: u.type,
          measure: u.measure,
          unit: ind.unit,
          years: ind.years,
          ...(isCellError(out) ? { weekly: null, error: out.message } : { weekly: out }),
        };
      }),
    );
    const seed = `${rel.info.contentHash}:unit-costs:${geography.number}:${year ?? ''}`;
    return json(req, etagOf(seed), caching, () => JSON.stringify({ release: rel.info.id, la: geography, year: year ?? null, items }));
  },
});
