import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { HttpRequest } from '../../../../functions/src/azf';
import { acceptedCoding, compressed } from '../../../../functions/src/http/compress';

const req = (acceptEncoding?: string) =>
  new HttpRequest({ url: 'http://localhost/api/x', method: 'GET', headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });
const json = JSON.stringify({ values: Array.from({ length: 2000 }, (_, i) => i % 97) });

describe('response compression', () => {
  it('picks the coding the client prefers among br and gzip, honouring q=0', () => {
    expect(acceptedCoding('gzip, deflate, br')).toBe('br');
    expect(acceptedCoding('gzip')).toBe('gzip');
    expect(acceptedCoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(acceptedCoding('gzip;q=1, br;q=0.2')).toBe('gzip');
    expect(acceptedCoding('identity')).toBeNull();
    expect(acceptedCoding(null)).toBeNull();
  });

  it('compresses a large body the client accepts, to the same bytes, with a weak validator', () => {
    const res = compressed(req('gzip, deflate, br'), { status: 200, headers: { etag: '"abc"' }, body: json });
    const h = res.headers as Record<string, string>;
    expect(h['content-encoding']).toBe('br');
    expect(h.vary).toBe('Accept-Encoding');
    expect(h.etag).toBe('W/"abc"');
    const out = brotliDecompressSync(res.body as Buffer).toString();
    expect(out).toBe(json);
    expect((res.body as Buffer).length).toBeLessThan(json.length / 3);
    const gz = compressed(req('gzip'), { status: 200, body: Buffer.from(json) });
    expect(gunzipSync(gz.body as Buffer).toString()).toBe(json);
  });

  it('leaves small bodies, errors, 304s and clients that accept nothing alone', () => {
    expect(compressed(req('br'), { status: 200, body: '{"ok":true}' }).body).toBe('{"ok":true}');
    expect(compressed(req('br'), { status: 404, body: json }).body).toBe(json);
    expect(compressed(req('br'), { status: 304 }).body).toBeUndefined();
    const plain = compressed(req(), { status: 200, body: json });
    expect(plain.body).toBe(json);
    expect((plain.headers as Record<string, string>).vary).toBe('Accept-Encoding');
  });

  it('compresses an immutable body once: the same buffer gives the same compressed buffer', () => {
    const body = Buffer.from(json);
    const a = compressed(req('br'), { status: 200, body }).body;
    const b = compressed(req('br'), { status: 200, body }).body;
    expect(a).toBe(b);
  });
});
