/**
 * Every error leaves as RFC 9457 `application/problem+json` {type, title, status, detail}: bad input is a
 * 4xx with a useful detail, storage trouble a 503 with Retry-After, and anything unexpected a bare 500
 * whose detail names no internals (the stack goes to the log only).
 */
import { z } from 'zod';
import { CellError } from '../../../shared/excel/errors';
import type { HttpResponseInit } from '../azf';
import { StoreConflictError, StoreInvalidError, StoreNotFoundError, StoreUnavailableError } from '../store/types';

/** Throw from a handler to answer with this problem. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

/** Problem types are URNs: stable identifiers, not pages to fetch (docs/service.md lists them). */
const TYPE_BASE = 'urn:cic-benchmarks:problem:';

export function problem(status: number, title: string, detail: string, headers: Record<string, string> = {}): HttpResponseInit {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return {
    status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify({ type: TYPE_BASE + slug, title, status, detail }),
  };
}

export const badRequest = (detail: string): HttpError => new HttpError(400, 'Bad request', detail);
export const notFound = (detail: string): HttpError => new HttpError(404, 'Not found', detail);

/** A zod failure as one readable sentence: where and what. */
export function describeZod(e: z.core.$ZodError): string {
  return e.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/**
 * An outage fails every request alike: log the first, then at most one line per interval with how many
 * more there were, so the log says what happened without one line per request.
 */
const OUTAGE_LOG_INTERVAL_MS = 10_000;
const outageState = { loggedAt: -Infinity, suppressed: 0 };
function logOutage(message: string, log: (msg: string) => void): void {
  const now = performance.now(); // monotonic: a wall-clock step back would silence the log for as long
  if (now - outageState.loggedAt < OUTAGE_LOG_INTERVAL_MS) {
    outageState.suppressed++;
    return;
  }
  log(outageState.suppressed > 0 ? `${message} (and ${outageState.suppressed} more storage failures since the last report)` : message);
  outageState.loggedAt = now;
  outageState.suppressed = 0;
}

export function toProblem(e: unknown, retryAfterSeconds: number, log: (msg: string) => void): HttpResponseInit {
  if (e instanceof HttpError) return problem(e.status, e.title, e.message, e.headers);
  if (e instanceof z.core.$ZodError) return problem(400, 'Bad request', describeZod(e));
  if (e instanceof CellError) {
    // Unknown indicator/LA/year → 404; a malformed argument → 400.
    return e.code === '#N/A' ? problem(404, 'Not found', e.message) : problem(400, 'Bad request', e.message);
  }
  if (e instanceof StoreInvalidError) return problem(422, 'Invalid release', e.message);
  if (e instanceof StoreNotFoundError) return problem(404, 'Not found', e.message);
  if (e instanceof StoreConflictError) return problem(e.status, e.status === 412 ? 'Precondition failed' : 'Conflict', e.message);
  if (e instanceof StoreUnavailableError) {
    logOutage(e.message, log);
    return problem(503, 'Service unavailable', 'Benchmark storage is unreachable; retry shortly', { 'retry-after': String(retryAfterSeconds) });
  }
  log(`Unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  return problem(500, 'Internal error', 'The service failed unexpectedly; the error has been logged');
}
