/**
 * Serves the registered Functions handlers over node:http when Azure Functions Core Tools are absent:
 * same routes under /api, same methods, same auth levels (function key via x-functions-key or ?code=),
 * real HttpRequest/InvocationContext objects from '@azure/functions'. Route precedence follows the
 * host's: literal segments beat parameters ("releases/current" before "releases/{id}").
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpRequest, HttpResponse, InvocationContext, type HttpResponseInit } from './azf';
import { problem } from './http/problem';
import { LOCAL_HOST_FLAG, registrations, type Registration } from './registry';
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

const literals = (r: Registration): number => r.route.split('/').filter((s) => !s.startsWith('{')).length;
const routes = (): Registration[] => [...registrations].sort((a, b) => literals(b) - literals(a));

function match(segments: string[], method: string): { found?: Match; allowed: string[] } {
  const allowed: string[] = [];
  for (const reg of routes()) {
    const template = reg.route.split('/');
    if (template.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const ok = template.every((t, i) => {
      const seg = segments[i] as string;
      if (t.startsWith('{')) return (params[t.slice(1, -1)] = seg), true;
      return t.toLowerCase() === seg.toLowerCase();
    });
    if (!ok) continue;
    if (reg.methods.includes(method as never)) return { found: { reg, params }, allowed };
    allowed.push(...reg.methods);
  }
  return { allowed };
}

const sameKey = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

async function readAll(req: IncomingMessage, max: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function respond(res: ServerResponse, out: HttpResponseInit | HttpResponse): Promise<void> {
  if (!(out instanceof HttpResponse) && out.jsonBody === undefined && (out.body === undefined || typeof out.body === 'string') && !(out.headers instanceof Headers) && !Array.isArray(out.headers)) {
    // Plain text bodies and header records (what every endpoint returns) are written directly; the
    // general path below would build a WHATWG Response per request for the same bytes.
    res.writeHead(out.status ?? 200, out.headers as Record<string, string> | undefined).end(out.body);
    return;
  }
  const r = out instanceof HttpResponse ? out : new HttpResponse(out);
  const headers: Record<string, string> = {};
  r.headers.forEach((v, k) => (headers[k] = v));
  const body = r.body ? Buffer.from(await r.arrayBuffer()) : undefined;
  res.writeHead(r.status, headers).end(body);
}

async function handle(req: IncomingMessage, res: ServerResponse, host: string): Promise<void> {
  const config = services().config;
  const url = new URL(req.url ?? '/', `http://${host}`);
  const raw = (req.url ?? '/').split('?')[0] as string;
  if (!raw.startsWith('/api/')) return respond(res, problem(404, 'Not found', 'Functions are served under /api/'));
  const segments = raw.slice(5).split('/');
  if (segments.some((s) => s === '.' || s === '..' || s === '')) return respond(res, problem(400, 'Bad request', 'The path may not contain empty or dot segments'));
  let decoded: string[];
  try {
    decoded = segments.map((s) => decodeURIComponent(s));
  } catch {
    return respond(res, problem(400, 'Bad request', 'The path is not valid percent-encoding'));
  }
  const method = (req.method ?? 'GET').toUpperCase();
  const { found, allowed } = match(decoded, method);
  if (!found) {
    return respond(res, allowed.length
      ? problem(405, 'Method not allowed', `${method} is not allowed here; use ${[...new Set(allowed)].join(', ')}`, { allow: [...new Set(allowed)].join(', ') })
      : problem(404, 'Not found', `No function at ${raw}`));
  }
  if (found.reg.authLevel === 'function') {
    const key = req.headers['x-functions-key'] ?? url.searchParams.get('code');
    if (typeof key !== 'string' || !sameKey(key, config.writeKey)) {
      return respond(res, problem(401, 'Unauthorized', 'This function needs a function key (x-functions-key header or ?code=)'));
    }
  }
  const body = method === 'GET' || method === 'HEAD' ? Buffer.alloc(0) : await readAll(req, config.maxUploadBytes);
  if (body === null) return respond(res, problem(413, 'Payload too large', `The request body exceeds ${config.maxUploadBytes} bytes`));
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  // As Azure's front end does: append the socket's address, which the rate limiter trusts.
  const remote = req.socket.remoteAddress ?? 'unknown';
  headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${remote}` : remote;
  const request = new HttpRequest({ method, url: url.href, headers, params: found.params, ...(body.length ? { body: { bytes: body } } : {}) });
  const context = new InvocationContext({
    invocationId: randomUUID(),
    functionName: found.reg.name,
    logHandler: (level, ...args) => {
      if (level === 'error' || level === 'warning' || process.env.CIC_VERBOSE) console.error(`[${found.reg.name}] ${args.map(String).join(' ')}`);
    },
  });
  await respond(res, await found.reg.handler(request, context));
}

export async function startLocalHost(options: { host?: string; port?: number } = {}): Promise<LocalHost> {
  (globalThis as Record<symbol, unknown>)[LOCAL_HOST_FLAG] = true;
  await import('./app');
  const host = options.host ?? '127.0.0.1';
  let authority = host;
  const server = createServer((req, res) => {
    handle(req, res, authority).catch((e: unknown) => {
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
        close: () => new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        }),
      });
    });
  });
}
