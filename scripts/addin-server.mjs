// Serves the built add-in (dist/addin) for sideloading: HTTPS when given a certificate (npm start passes the
// Office dev certificates, scripts/dev-certs.mjs), plain HTTP only when none is given (tests, CIC_HTTP=1) —
// Excel on the web and desktop load a task pane only over HTTPS.
// Requests to /api/ are proxied to the Functions app, so the add-in (built without CIC_API_BASE_URL) calls
// its API on its own origin: no mixed content, no CORS.
import { existsSync, statSync, createReadStream } from 'node:fs';
import { createServer as createHttp, request as httpRequest } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { cacheControlFor } from '../addin/build/hosting.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

/** Forward one request to the API; a down API is a 502 problem the client reports as unreachable. */
function proxy(req, res, apiUrl) {
  const target = new URL(req.url ?? '/', apiUrl);
  const upstream = httpRequest(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (up) => {
    res.writeHead(up.statusCode ?? 502, up.headers);
    up.pipe(res);
  });
  upstream.setTimeout(30_000, () => upstream.destroy(new Error('timed out')));
  upstream.on('error', (e) => {
    if (res.headersSent) return res.destroy();
    res.writeHead(502, { 'content-type': 'application/problem+json' });
    res.end(JSON.stringify({ type: 'about:blank', title: 'Benchmark API unavailable', status: 502, detail: `${apiUrl}: ${e.message}` }));
  });
  req.pipe(upstream);
}

/**
 * `dir`: the built add-in to serve (default dist/addin; npm start builds one per port other than 3000).
 * @param {{ root: string, dir?: string, host?: string, port?: number, apiUrl?: string, tls?: { cert: Buffer, key: Buffer } | null }} options
 */
export function startAddinServer({ root, dir, host = 'localhost', port = 3000, apiUrl = process.env.CIC_API_URL || 'http://127.0.0.1:7071', tls = null }) {
  const base = resolve(dir ?? resolve(root, 'dist', 'addin'));
  const handler = (req, res) => {
    if (req.url?.startsWith('/api/')) return proxy(req, res, apiUrl);
    let path;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      return res.writeHead(400).end('bad path');
    }
    const file = normalize(join(base, path.endsWith('/') ? `${path}index.html` : path));
    if (file !== base && !file.startsWith(base + sep)) return res.writeHead(403).end('forbidden');
    if (!existsSync(file) || !statSync(file).isFile()) return res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': cacheControlFor(path),
      'x-content-type-options': 'nosniff',
    });
    createReadStream(file).pipe(res);
  };
  const certs = tls;
  const server = certs ? createHttps({ cert: certs.cert, key: certs.key }, handler) : createHttp(handler);
  return new Promise((resolveStart, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      resolveStart({
        url: `${certs ? 'https' : 'http'}://${host}:${server.address().port}`,
        https: Boolean(certs),
        hasBuild: existsSync(base),
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
