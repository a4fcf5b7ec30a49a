/**
 * POST /api/lookup — many cells in one request: {release?, items: [{fn, args}]} → {release, results},
 * in order, each {value} or {error: {code, message}}. Every item runs through the shared `invoke` over
 * the stored release: the same code path as the add-in and `cic eval`. Functions that work on the
 * workbook's own numbers are refused per item: no council figures are sent to the service.
 * One request's work and response are bounded whatever its items: each item has a cost (a whole-catalog
 * spill costs more), a "did you mean" for an unknown name is charged from what is left (then answered
 * without one), identical costly items are computed once, and the response is refused with 413 as soon
 * as it would pass its byte cap, before the rest is computed.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { LookupEnvelopeSchema, LookupItemSchema, type LookupItem, type LookupResponse } from '../../../shared/api/schemas';
import { functionById } from '../../../shared/formulas/index';
import type { CicFunctionDef } from '../../../shared/formulas/types';
import { defectOf, invoke } from '../../../shared/formulas/invoke';
import { isCellError } from '../../../shared/excel/errors';
import { endpoint } from '../http/endpoint';
import { parse, query, readJson } from '../http/input';
import { badRequest, HttpError } from '../http/problem';
import { releaseParam } from '../http/release-query';
import { storeHistory, withHistory } from '../release-history';

type Result = LookupResponse['results'][number];

/** Work units per item: spills that scan the whole catalog cost as much as many single cells. */
const COST: Readonly<Record<string, number>> = { INDICATORS: 100, CARD: 10, CLAFORECAST: 20, COSTFORECAST: 20 };
const costOf = (def: CicFunctionDef | undefined): number => COST[def?.id ?? ''] ?? 1;
/** A "did you mean" scans the catalog as INDICATORS does (several searches, edit distances): it costs as much. */
export const HINT_COST = 100;

const Query = z.strictObject(releaseParam);

/** Arguments whose JSON is longer are computed every time and never kept: a costly item is cached by a hash of at most this. */
const MAX_CACHED_ARGS = 4096;
const ERROR_ANSWER = '{"error"';

/** One lookup's hints: as many as its work budget has room for, at most its cap. */
class HintAllowance {
  constructor(private left: number) {}
  take(): boolean {
    return this.left-- > 0;
  }
}

/** Items computed at once: storage reads overlap, and a too-large answer is caught within one window. */
const WINDOW = 64;
const tooLarge = (detail: string): HttpError => new HttpError(413, 'Lookup too large', detail);

endpoint({
  name: 'lookup',
  methods: ['POST'],
  route: 'lookup',
  maxBody: (c) => c.maxBodyBytes,
  async handle(req, s, ctx) {
    const { release: inQuery } = query(req, Query);
    const body = parse(LookupEnvelopeSchema, await readJson(req, s.config.maxBodyBytes), 'body');
    if (inQuery && body.release && inQuery !== body.release) throw badRequest(`The query says release "${inQuery}" but the body says "${body.release}"`);
    const { maxLookupItems, maxLookupWork, maxLookupResponseBytes } = s.config;
    if (body.items.length > maxLookupItems) throw tooLarge(`A lookup may hold at most ${maxLookupItems} items, not ${body.items.length}; split it`);
    const items = body.items.map((raw, i) => parse(LookupItemSchema, raw, `item ${i}`));
    const defs = items.map((it) => functionById(it.fn));
    const work = defs.reduce((w, def) => w + costOf(def), 0);
    if (work > maxLookupWork) {
      throw tooLarge(
        `This lookup asks for ${work} units of work (INDICATORS costs ${COST.INDICATORS}, CLAFORECAST and COSTFORECAST ${COST.CLAFORECAST}, CARD ${COST.CARD}, other items 1); at most ${maxLookupWork} in one request: split it`,
      );
    }
    const wanted = inQuery ?? body.release;
    const rel = s.releases.resolveNow(wanted) ?? (await s.releases.resolve(wanted));
    const src = rel.withHints(new HintAllowance(Math.min(s.config.maxLookupHints, Math.floor((maxLookupWork - work) / HINT_COST))));

    const answer = (v: Awaited<ReturnType<typeof invoke>>): string => {
      const defect = defectOf(v);
      if (defect !== undefined) ctx.error(`lookup: internal error: ${defect instanceof Error ? (defect.stack ?? defect.message) : String(defect)}`);
      return JSON.stringify(isCellError(v) ? { error: { code: v.code, message: v.message } } : ({ value: v } as Result));
    };
    const compute = ({ fn, args }: LookupItem, def: CicFunctionDef | undefined): string | Promise<string> => {
      if (!def) return JSON.stringify({ error: { code: '#NAME?', message: `Unknown function CIC.${fn}` } });
      if (def.data !== 'release')
        return JSON.stringify({
          error: { code: '#VALUE!', message: `CIC.${def.id} runs in the workbook on your own figures; it is not offered by the service` },
        });
      // CIC.REVISIONS reads every release in the store, not only this one (answers change as releases are added: never kept per release).
      const v = invoke(def, def.id === 'REVISIONS' ? withHistory(src, rel.info.id, storeHistory(s.store, s.releases, s.config.currentTtlMs)) : src, args);
      return v instanceof Promise ? v.then(answer) : answer(v);
    };
    // Costly items (whole-catalog spills, forecasts) are computed once per identical item and their
    // answers kept for the release (immutable, so never stale), by a hash of the item, in a cache bounded
    // in bytes. Errors and items with long arguments are not kept. A single cell costs less to compute
    // than to key, so it is simply computed.
    const memo = new Map<string, Promise<string>>();
    const costly = async (it: LookupItem, def: CicFunctionDef): Promise<string> => {
      const args = s.config.lookupCacheBytes > 0 ? JSON.stringify(it.args ?? []) : '';
      if (args.length === 0 || args.length > MAX_CACHED_ARGS) return compute(it, def);
      const key = createHash('sha256').update(def.id).update('\u0000').update(args).digest('base64url');
      const cached = rel.answers.get(key);
      if (cached !== undefined) return cached;
      let p = memo.get(key);
      if (!p) memo.set(key, (p = Promise.resolve(compute(it, def))));
      const text = await p;
      if (!text.startsWith(ERROR_ANSWER)) rel.answers.set(key, text);
      return text;
    };
    // Items run a window at a time, so a response passing its cap is refused before the rest is computed.
    const head = `{"release":${JSON.stringify(rel.info.id)},"results":[`;
    let size = head.length + 2;
    const results: string[] = [];
    for (let start = 0; start < items.length; start += WINDOW) {
      const window: (string | Promise<string>)[] = [];
      for (let i = start; i < Math.min(start + WINDOW, items.length); i++) {
        const it = items[i]!;
        const def = defs[i];
        window.push(def && costOf(def) > 1 ? costly(it, def) : compute(it, def));
      }
      // Cells over values in memory answer at once; wait only when some item is still reading.
      const parts = window.some((p) => typeof p !== 'string') ? await Promise.all(window) : (window as string[]);
      for (const part of parts) {
        size += part.length + 1;
        if (size > maxLookupResponseBytes)
          throw tooLarge(`The answer would pass ${maxLookupResponseBytes} bytes after ${results.length} of ${items.length} items; split the lookup`);
        results.push(part);
      }
    }
    return {
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
      body: `${head}${results.join(',')}]}`,
    };
  },
});
