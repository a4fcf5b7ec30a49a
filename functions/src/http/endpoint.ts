/**
 * The envelope every endpoint shares, so each function file holds only its own logic: CORS and
 * preflight, per-client rate limiting of reads, in-code write authorisation, table readiness, and
 * errors turned into problem+json. Registered through `register` for the host and the local host alike.
 */
import type { Context, HttpMethod, HttpResponseInit, Request } from '../azf';
import type { ServiceConfig } from '../config';
import { register } from '../registry';
import { ensureReady, services, type Services } from '../services';
import { authorizeWrite } from './auth';
import { compressed } from './compress';
import { preflight, withCorsHeaders } from './cors';
import { problem, toProblem } from './problem';
import { clientKey } from './rate-limit';

export interface EndpointSpec {
  name: string;
  methods: HttpMethod[];
  route: string;
  /** Writes: function key (host) + Entra ID role (code); no CORS, no rate limit. */
  write?: boolean;
  /** The body cap of this route (lookups 2 MiB, uploads 95 MiB); absent = no body is read. */
  maxBody?: (config: ServiceConfig) => number;
  handle(req: Request, s: Services, ctx: Context): Promise<HttpResponseInit>;
}

async function run(spec: EndpointSpec, req: Request, ctx: Context): Promise<HttpResponseInit> {
  const s = services();
  if (req.method === 'OPTIONS') return withCors(spec, req, s, preflight(req, s.config.allowedOrigins, spec.methods));
  try {
    if (spec.write) {
      const who = await authorizeWrite(req, s.config);
      ctx.log(`${spec.name} by ${who}`);
    } else if (s.limiter) {
      const wait = s.limiter.take(clientKey(req.headers.get('x-forwarded-for')));
      if (wait > 0)
        return withCors(
          spec,
          req,
          s,
          problem(429, 'Too many requests', `Slow down: this client may make ${s.config.rateLimit?.perSecond} requests a second`, {
            'retry-after': String(wait),
          }),
        );
    }
    const ready = ensureReady(s);
    if (ready) await ready;
    const res = await spec.handle(req, s, ctx);
    return withCors(spec, req, s, spec.write ? res : compressed(req, res));
  } catch (e) {
    return withCors(
      spec,
      req,
      s,
      toProblem(e, s.config.retryAfterSeconds, (m) => ctx.error(m)),
    );
  }
}

/** Every answer of a read carries CORS headers (a 429 or a problem too, so the add-in can read it). */
function withCors(spec: EndpointSpec, req: Request, s: Services, res: HttpResponseInit): HttpResponseInit {
  if (spec.write) return res;
  const headers: Record<string, string> = {};
  const own = res.headers as Record<string, string> | undefined;
  if (own) for (const k in own) headers[k] = own[k] as string;
  return { ...res, headers: withCorsHeaders(headers, req, s.config.allowedOrigins) };
}

export function endpoint(spec: EndpointSpec): void {
  // HEAD wherever GET works (hosts send the headers without the body), so `curl -I` sees the ETag.
  const methods: HttpMethod[] = spec.methods.includes('GET') ? [...spec.methods, 'HEAD'] : [...spec.methods];
  register({
    name: spec.name,
    methods: spec.write ? methods : [...methods, 'OPTIONS'],
    ...(spec.maxBody ? { maxBodyBytes: () => spec.maxBody!(services().config) } : {}),
    route: spec.route,
    authLevel: spec.write ? 'function' : 'anonymous',
    handler: (req, ctx) => run(spec, req, ctx),
  });
}
