/**
 * CORS for the add-in: only configured origins get Access-Control-Allow-Origin; preflights from them
 * get 204, from anyone else 403. Handled in code (leave the platform's CORS list empty in Azure) so that
 * `func start`, the local host and Azure behave the same.
 */
import type { HttpResponseInit, Request } from '../azf';
import { problem } from './problem';

const ALLOW_HEADERS = 'content-type, if-none-match, if-match, authorization, x-functions-key';
const EXPOSE_HEADERS = 'etag, retry-after, content-type';

export function corsHeaders(req: Request, allowed: readonly string[]): Record<string, string> {
  return withCorsHeaders({}, req, allowed);
}

/** `headers` with the CORS headers for this request added (and returned): one object, no copies. */
export function withCorsHeaders(headers: Record<string, string>, req: Request, allowed: readonly string[]): Record<string, string> {
  const origin = req.headers.get('origin');
  if (origin && allowed.includes(origin)) {
    headers['access-control-allow-origin'] = origin;
    headers['access-control-expose-headers'] = EXPOSE_HEADERS;
  }
  headers.vary = headers.vary ? `${headers.vary}, Origin` : 'Origin';
  return headers;
}

export function preflight(req: Request, allowed: readonly string[], methods: readonly string[]): HttpResponseInit {
  const origin = req.headers.get('origin');
  if (!origin || !allowed.includes(origin)) {
    return problem(403, 'Origin not allowed', `Origin ${origin ?? '(none)'} may not call this API; allowed: ${allowed.join(', ')}`);
  }
  return {
    status: 204,
    headers: {
      'access-control-allow-origin': origin,
      'access-control-allow-methods': [...methods, 'OPTIONS'].join(', '),
      'access-control-allow-headers': ALLOW_HEADERS,
      'access-control-max-age': '600',
      vary: 'Origin',
    },
  };
}
