/**
 * The local host's request: what the endpoints read of it answers as the library's HttpRequest would
 * (WHATWG header lookup, the socket appended to X-Forwarded-For, a body read once, whole or streamed).
 */
import { describe, expect, it } from 'vitest';
import { readBody, readJson } from '../../../../functions/src/http/input';
import { LocalRequest } from '../../../../functions/src/http/local-request';
import { HttpRequest } from '../../../../functions/src/azf';

const make = (headers: Record<string, string | string[]>, body: Buffer, query = new URLSearchParams()) =>
  new LocalRequest('http://127.0.0.1:7071/api/lookup', 'POST', {}, query, headers, '127.0.0.9', body as Buffer<ArrayBuffer>);

describe('LocalRequest', () => {
  it('looks headers up in any case, joins repeats as Headers.get does, and answers null for absent ones', () => {
    const r = make({ 'content-type': 'application/json', accept: ['a/b', 'c/d'] }, Buffer.alloc(0));
    expect(r.headers.get('Content-Type')).toBe('application/json');
    expect(r.headers.get('accept')).toBe('a/b, c/d');
    expect(r.headers.get('if-match')).toBeNull();
  });

  it('appends the socket address to X-Forwarded-For, as the front end does', () => {
    expect(make({}, Buffer.alloc(0)).headers.get('x-forwarded-for')).toBe('127.0.0.9');
    expect(make({ 'x-forwarded-for': '10.0.0.1' }, Buffer.alloc(0)).headers.get('X-Forwarded-For')).toBe('10.0.0.1, 127.0.0.9');
  });

  it('hands out exactly its own bytes once, even from a pooled buffer', async () => {
    const pooled = Buffer.from('xx{"items":[]}yy').subarray(2, 14);
    const r = make({ 'content-length': '12', 'content-type': 'application/json' }, pooled);
    expect(await readJson(r, 1000)).toEqual({ items: [] });
    await expect(r.arrayBuffer()).rejects.toThrow(/already been read/);
  });

  it('gives the body it holds within the cap, and 413 past it, as a stream read would', async () => {
    const body = Buffer.from(JSON.stringify({ items: [{ fn: 'QUARTILE', args: ['x', 1] }] }));
    expect((await readBody(make({}, body), 1000)).toString()).toBe(body.toString());
    await expect(readBody(make({}, body), 10)).rejects.toMatchObject({ status: 413 });
    expect(make({}, Buffer.alloc(0)).body).toBeNull();
  });

  it("reads the Functions host's own HttpRequest by streaming when no length is declared", async () => {
    const text = JSON.stringify({ items: [] });
    const real = () => new HttpRequest({ url: 'http://localhost/api/lookup', method: 'POST', headers: {}, body: { string: text } });
    expect('bytes' in real()).toBe(false);
    expect((await readBody(real(), 1000)).toString()).toBe(text);
    await expect(Promise.resolve().then(() => readBody(real(), 5))).rejects.toMatchObject({ status: 413 });
  });

  it('keeps the query it was given', () => {
    expect(make({}, Buffer.alloc(0), new URLSearchParams('release=r1&year=2025')).query.get('year')).toBe('2025');
  });
});
