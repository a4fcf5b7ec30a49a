// Serves the built add-in (dist/addin) for sideloading: HTTPS on localhost:3000 with the Office dev
// certificates when present (~/.office-addin-dev-certs, as `npx office-addin-dev-certs install` makes),
// else plain HTTP with a note — Excel on the web and desktop need HTTPS to load a task pane.
import { existsSync, readFileSync, statSync, createReadStream } from 'node:fs';
import { createServer as createHttp } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { homedir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.xml': 'application/xml; charset=utf-8',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.map': 'application/json',
};

function devCerts() {
  const dir = process.env.CIC_DEV_CERTS || join(homedir(), '.office-addin-dev-certs');
  const cert = join(dir, 'localhost.crt');
  const key = join(dir, 'localhost.key');
  return existsSync(cert) && existsSync(key) ? { cert: readFileSync(cert), key: readFileSync(key) } : null;
}

/** @param {{ root: string, host?: string, port?: number }} options */
export function startAddinServer({ root, host = 'localhost', port = 3000 }) {
  const base = resolve(root, 'dist', 'addin');
  const handler = (req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      return res.writeHead(400).end('bad path');
    }
    const file = normalize(join(base, path.endsWith('/') ? `${path}index.html` : path));
    if (file !== base && !file.startsWith(base + sep)) return res.writeHead(403).end('forbidden');
    if (!existsSync(file) || !statSync(file).isFile()) return res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    createReadStream(file).pipe(res);
  };
  const certs = devCerts();
  const server = certs ? createHttps(certs, handler) : createHttp(handler);
  return new Promise((resolveStart, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      resolveStart({
        url: `${certs ? 'https' : 'http'}://${host}:${port}`,
        https: Boolean(certs),
        hasBuild: existsSync(base),
        close: () => new Promise((done) => { server.close(() => done()); server.closeAllConnections(); }),
      });
    });
  });
}
