/**
 * Response compression where the client accepts it (the add-in's fetch always does): Brotli, else gzip,
 * for bodies worth it. Release-addressed bodies are the same bytes every time, so their compressed form
 * is kept beside them (by the body buffer's identity) and compressed once per instance. Azure Functions
 * does not compress responses itself (docs/deploy.md), so the app does, on every host alike.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { HttpResponseInit, Request } from '../azf';

/** Below this a compressed body saves less than its headers and CPU cost. */
const MIN_BYTES = 1024;

type Coding = 'br' | 'gzip';
const memo = { br: new WeakMap<Buffer, Buffer>(), gzip: new WeakMap<Buffer, Buffer>() };

/** The coding the client prefers among ours (q-values honoured; q=0 refuses). */
export function acceptedCoding(header: string | null): Coding | null {
  if (!header) return null;
  let best: { coding: Coding; q: number } | null = null;
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = Number(params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((x) => x !== undefined) ?? 1);
    const coding = name === 'br' ? 'br' : name === 'gzip' || name === 'x-gzip' ? 'gzip' : name === '*' ? 'br' : null;
    if (coding && q > 0 && (!best || q > best.q || (q === best.q && coding === 'br'))) best = { coding, q };
  }
  return best?.coding ?? null;
}

const encode = (coding: Coding, raw: Buffer): Buffer =>
  coding === 'br'
    ? // Quality 5: most of Brotli's gain on JSON at a small part of its top quality's CPU.
      brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } })
    : gzipSync(raw, { level: 6 });

/** The response, compressed when the client accepts it and the body is large enough to gain. */
export function compressed(req: Request, res: HttpResponseInit): HttpResponseInit {
  const body = res.body;
  if (res.status !== undefined && res.status !== 200) return res;
  if (typeof body !== 'string' && !Buffer.isBuffer(body)) return res;
  const headers = res.headers as Record<string, string> | undefined;
  if (headers?.['content-encoding']) return res;
  const raw = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  if (raw.length < MIN_BYTES) return res;
  const coding = acceptedCoding(req.headers.get('accept-encoding'));
  if (!coding) return { ...res, headers: { ...headers, vary: 'Accept-Encoding' } };
  let out = Buffer.isBuffer(body) ? memo[coding].get(body) : undefined;
  if (!out) {
    out = encode(coding, raw);
    if (Buffer.isBuffer(body)) memo[coding].set(body, out);
  }
  // Another representation of the same content: its validator becomes weak (RFC 9110 8.8.1), which
  // If-None-Match compares weakly, so a revalidation still gets its 304.
  const sent: Record<string, string> = { ...headers, 'content-encoding': coding, vary: 'Accept-Encoding' };
  if (headers?.etag && !headers.etag.startsWith('W/')) sent.etag = `W/${headers.etag}`;
  return { ...res, body: out, headers: sent };
}
