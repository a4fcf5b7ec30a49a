/**
 * POST /api/lookup — many cells in one request: {release?, items: [{fn, args}]} → {release, results},
 * in order, each {value} or {error: {code, message}}. Every item runs through the shared `invoke` over
 * the stored release: the same code path as the add-in and `cic eval`. Functions that work on the
 * workbook's own numbers are refused per item: no council figures are sent to the service.
 */
import { LookupEnvelopeSchema, LookupItemSchema, type LookupResponse } from '../../../shared/api/schemas';
import { functionById } from '../../../shared/formulas/index';
import { invoke } from '../../../shared/formulas/invoke';
import { isCellError } from '../../../shared/excel/errors';
import { endpoint } from '../http/endpoint';
import { parse, readJson } from '../http/input';
import { HttpError } from '../http/problem';

type Result = LookupResponse['results'][number];

endpoint({
  name: 'lookup',
  methods: ['POST'],
  route: 'lookup',
  async handle(req, s) {
    const body = parse(LookupEnvelopeSchema, await readJson(req, s.config.maxBodyBytes), 'body');
    if (body.items.length > s.config.maxLookupItems) {
      throw new HttpError(413, 'Too many items', `A lookup may hold at most ${s.config.maxLookupItems} items, not ${body.items.length}; split it`);
    }
    const items = body.items.map((raw, i) => parse(LookupItemSchema, raw, `item ${i}`));
    const rel = await s.releases.resolve(body.release);
    const results = await Promise.all(items.map(async ({ fn, args }): Promise<Result> => {
      const def = functionById(fn);
      if (!def) return { error: { code: '#NAME?', message: `Unknown function CIC.${fn}` } };
      if (!def.needsData) return { error: { code: '#VALUE!', message: `CIC.${def.id} runs in the workbook on your own figures; it is not offered by the service` } };
      const out = await invoke(def, rel, args);
      return isCellError(out) ? { error: { code: out.code, message: out.message } } : { value: out };
    }));
    return {
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
      body: JSON.stringify({ release: rel.info.id, results } satisfies LookupResponse),
    };
  },
});
