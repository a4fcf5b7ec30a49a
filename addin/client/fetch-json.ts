/**
 * One GET with a deadline. Every outcome is a settled promise: JSON, or an Error whose message a cell can
 * show. The timer covers the body too, because a server can send headers and then hang.
 */
import { naError } from '../../shared/excel/errors';

export type FetchLike = (url: string, init: { signal: AbortSignal; headers?: Record<string, string> }) => Promise<Response>;

export const DEFAULT_TIMEOUT_MS = 10_000;

/** The service could not answer (network, timeout, 5xx, garbage): callers may fall back to cached data. */
export class UnreachableError extends Error {
  override name = 'UnreachableError';
}

export async function getJson(fetchFn: FetchLike, url: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<unknown> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), timeoutMs);
  try {
    let res: Response;
    let body: string;
    try {
      res = await fetchFn(url, { signal: ctl.signal, headers: { accept: 'application/json' } });
      body = await res.text();
    } catch (e) {
      throw new UnreachableError(
        ctl.signal.aborted
          ? `Benchmark service unreachable: no answer within ${Math.round(timeoutMs / 1000)} s`
          : `Benchmark service unreachable (${(e as Error).message || 'network error'})`,
      );
    }
    if (res.status >= 500) throw new UnreachableError(`Benchmark service unreachable: it answered ${res.status}${problemDetail(body)}`);
    // 4xx is the service's considered answer (unknown indicator, no such year): an explained #N/A, no fallback.
    if (!res.ok) throw naError(problemDetail(body).replace(/^: /, '') || `Benchmark service answered ${res.status} for ${url}`);
    try {
      return JSON.parse(body);
    } catch {
      throw new UnreachableError('Benchmark service unreachable: its answer was not valid JSON');
    }
  } finally {
    clearTimeout(timer);
  }
}

function problemDetail(body: string): string {
  try {
    const p = JSON.parse(body) as { detail?: unknown; title?: unknown };
    const text = typeof p.detail === 'string' ? p.detail : typeof p.title === 'string' ? p.title : '';
    return text ? `: ${text}` : '';
  } catch {
    return '';
  }
}
