/**
 * Serves the registered Functions handlers over node:http when Azure Functions Core Tools are absent:
 * same routes under /api, same methods, same auth levels (function key via x-functions-key or ?code=),
 * the same handlers given the part of a request they read (`Request`, which the library's HttpRequest
 * has too). Route precedence follows the host's: literal segments beat parameters ("releases/current"
 * before "releases/{id}"). Per request it does only what must be: routes are sorted once, the URL parsed
 * once, the body read once from the socket and handed over as it is, and responses go out with a
 * Content-Length (no chunking).
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpResponse, type Context, type HttpResponseInit } from './azf';
import { LocalRequest } from './http/local-request';
import { problem } from './http/problem';
import { registrations, type Registration } from './registry';
import { services } from './services';

export interface LocalHost {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

interface Match {
  reg: Registration;
  params: Record<string, string>;
}

interface Route {
  reg: Registration;
  /** Per segment: a literal in lower case, or the parameter's name. */
  template: { literal?: string; param?: string }[];
}

const routeTable = (): Route[] =>
  registrations
    .map((reg) => ({
      reg,
      template: reg.route.split('/').map((t) => (t.startsWith('{') ? { param: t.slice(1, -1) } : { literal: t.toLowerCase() })),
    }))
    .sort((a, b) => b.template.filter((t) => t.literal).length - a.template.filter((t) => t.literal).length);

function match(routes: readonly Route[], segments: string[], method: string): { found?: Match; allowed: string[] } {
  const allowed: string[] = [];
  for (const { reg, template } of routes) {
    if (template.length !== segments.length) continue;
    let ok = true;
    for (let i = 0; ok && i < template.length; i++) {
      const literal = template[i]!.literal;
      ok = literal === undefined || literal === (segments[i] as string).toLowerCase();
    }
    if (!ok) continue;
    if (!reg.methods.includes(method as never)) {
      allowed.push(...reg.methods);
      continue;
    }
    const params: Record<string, string> = {};
    template.forEach((t, i) => t.param !== undefined && (params[t.param] = segments[i] as string));
    return { found: { reg, params }, allowed };
  }
  return { allowed };
}

/** What a route that takes no body is handed (shared: it is never written to). */
const NO_BODY: Buffer<ArrayBuffer> = Buffer.alloc(0);

const sameKey = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The whole body, null if it exceeds `max`, undefined if the client went away before sending it all.
 * A declared length goes straight into one buffer of its own (which the request can then hand out whole).
 */
function readAll(req: IncomingMessage, max: number): Promise<Buffer<ArrayBuffer> | null | undefined> {
  const declared = Number(req.headers['content-length']);
  if (declared > max) return Promise.resolve(null);
  const exact = Number.isInteger(declared) && declared > 0 ? Buffer.allocUnsafeSlow(declared) : null;
  const chunks: Buffer[] = [];
  let size = 0;
  return new Promise((resolve) => {
    req.on('data', (chunk: Buffer) => {
      if (size + chunk.length > max) {
        req.removeAllListeners('data').resume();
        return resolve(null);
      }
      if (exact) chunk.copy(exact, size);
      else chunks.push(chunk);
      size += chunk.length;
    });
    req.once('end', () => resolve(exact ?? Buffer.concat(chunks)));
    req.once('close', () => req.complete || resolve(undefined));
  });
}

function respond(res: ServerResponse, out: HttpResponseInit | HttpResponse, head = false): Promise<void> | undefined {
  const given = out.body;
  const h = out.headers;
  if (
    !(out instanceof HttpResponse) &&
    out.jsonBody === undefined &&
    (given === undefined || typeof given === 'string' || Buffer.isBuffer(given)) &&
    // A plain record of headers (not Headers, not pairs): what the direct write below copies.
    (h === undefined || Object.getPrototypeOf(h) === Object.prototype)
  ) {
    // Text or byte bodies and header records (what every endpoint returns) are written as they are;
    // anything else goes through the library's HttpResponse.
    const headers = { ...(h as Record<string, string> | undefined) };
    if (given !== undefined) headers['content-length'] = String(typeof given === 'string' ? Buffer.byteLength(given) : given.length);
    res.writeHead(out.status ?? 200, headers).end(head ? undefined : given);
    return;
  }
  return respondGeneral(res, out, head);
}

/** Any other response the library allows (streams, Headers objects, jsonBody), through its HttpResponse. */
async function respondGeneral(res: ServerResponse, out: HttpResponseInit | HttpResponse, head: boolean): Promise<void> {
  const r = out instanceof HttpResponse ? out : new HttpResponse(out);
  const headers: Record<string, string> = {};
  r.headers.forEach((v, k) => (headers[k] = v));
  const body = r.body ? Buffer.from(await r.arrayBuffer()) : undefined;
  if (body) headers['content-length'] = String(body.length);
  res.writeHead(r.status, headers).end(head ? undefined : body);
}

async function handle(req: IncomingMessage, res: ServerResponse, host: string, routes: readonly Route[]): Promise<void> {
  const config = services().config;
  const target = req.url ?? '/';
  const q = target.indexOf('?');
  const raw = q < 0 ? target : target.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : target.slice(q + 1));
  if (!raw.startsWith('/api/')) return respond(res, problem(404, 'Not found', 'Functions are served under /api/'));
  const segments = raw.slice(5).split('/');
  if (segments.some((s) => s === '.' || s === '..' || s === ''))
    return respond(res, problem(400, 'Bad request', 'The path may not contain empty or dot segments'));
  let decoded: string[];
  try {
    decoded = raw.includes('%') ? segments.map((s) => decodeURIComponent(s)) : segments;
  } catch {
    return respond(res, problem(400, 'Bad request', 'The path is not valid percent-encoding'));
  }
  const method = (req.method ?? 'GET').toUpperCase();
  const { found, allowed } = match(routes, decoded, method);
  if (!found) {
    return respond(
      res,
      allowed.length
        ? problem(405, 'Method not allowed', `${method} is not allowed here; use ${[...new Set(allowed)].join(', ')}`, {
            allow: [...new Set(allowed)].join(', '),
          })
        : problem(404, 'Not found', `No function at ${raw}`),
    );
  }
  if (found.reg.authLevel === 'function') {
    const key = req.headers['x-functions-key'] ?? query.get('code');
    if (typeof key !== 'string' || !sameKey(key, config.writeKey)) {
      return respond(res, problem(401, 'Unauthorized', 'This function needs a function key (x-functions-key header or ?code=)'));
    }
  }
  // Each route reads at most its own cap (a lookup 2 MiB, an upload 95 MiB), refused while streaming;
  // a route that takes no body never reads one.
  const cap = method === 'GET' || method === 'HEAD' ? undefined : found.reg.maxBodyBytes?.();
  const body = cap === undefined ? NO_BODY : await readAll(req, cap);
  if (body === undefined) return void res.destroy();
  if (body === null) {
    req.resume();
    return respond(res, problem(413, 'Payload too large', `The request body exceeds ${cap} bytes, the most ${raw} accepts`, { connection: 'close' }));
  }
  const request = new LocalRequest(`http://${host}${target}`, method, found.params, query, req.headers, req.socket.remoteAddress ?? 'unknown', body);
  return respond(res, await found.reg.handler(request, contextFor(found.reg.name)), method === 'HEAD');
}

/** A function's log, one per function: errors and warnings always, the rest with CIC_VERBOSE. */
const contexts = new Map<string, Context>();
function contextFor(name: string): Context {
  let c = contexts.get(name);
  if (!c) {
    const write = (always: boolean, args: unknown[]): void => {
      if (always || process.env.CIC_VERBOSE) console.error(`[${name}] ${args.map(String).join(' ')}`);
    };
    contexts.set(
      name,
      (c = { log: (...a: unknown[]) => write(false, a), warn: (...a: unknown[]) => write(true, a), error: (...a: unknown[]) => write(true, a) }),
    );
  }
  return c;
}

export async function startLocalHost(options: { host?: string; port?: number } = {}): Promise<LocalHost> {
  await import('./app');
  // Settings and storage client now, so a bad setting stops the start with its reason, not every request.
  services();
  const routes = routeTable();
  const host = options.host ?? '127.0.0.1';
  let authority = host;
  const server = createServer((req, res) => {
    handle(req, res, authority, routes).catch((e: unknown) => {
      console.error('local host:', e);
      if (!res.headersSent) void respond(res, problem(500, 'Internal error', 'The local host failed to serve this request'));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 7071, host, () => {
      const port = (server.address() as AddressInfo).port;
      authority = `${host}:${port}`;
      resolve({
        url: `http://${host}:${port}`,
        port,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
