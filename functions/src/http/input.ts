/**
 * Reading untrusted input: bodies with a byte cap (checked while streaming, not after), optional gzip,
 * JSON parsing, and zod validation of bodies, query strings and route parameters. Every failure is an
 * HttpError 4xx with a detail that says what was wrong.
 */
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import type { Request } from '../azf';
import { badRequest, describeZod, HttpError } from './problem';

const tooLarge = (max: number): HttpError => new HttpError(413, 'Payload too large', `The request body exceeds ${max} bytes`);

/** The body, at most `maxBytes` (413 beyond, checked while streaming), gunzipped if so declared. */
export function readBody(req: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  return streamed(req, declared, maxBytes).then((raw) => decoded(req, raw, maxBytes));
}

const within = (b: Buffer, maxBytes: number): Buffer => {
  if (b.length > maxBytes) throw tooLarge(maxBytes);
  return b;
};

async function streamed(req: Request, declared: number, maxBytes: number): Promise<Buffer> {
  // A declared length was checked against the cap before: read the body whole. Otherwise count as it comes.
  if (declared > 0) return within(Buffer.from(await req.arrayBuffer()), maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  if (req.body) {
    for await (const chunk of req.body as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > maxBytes) throw tooLarge(maxBytes);
      chunks.push(Buffer.from(chunk));
    }
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
}

function decoded(req: Request, raw: Buffer, maxBytes: number): Buffer {
  if (!/gzip/i.test(req.headers.get('content-encoding') ?? '')) return raw;
  // The cap holds for the inflated body too: a small gzip bomb may not inflate past it.
  try {
    return gunzipSync(raw, { maxOutputLength: maxBytes });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      throw new HttpError(413, 'Payload too large', `The request body inflates beyond ${maxBytes} bytes`);
    throw badRequest('Content-Encoding is gzip but the body is not valid gzip');
  }
}

/** The body as JSON: 415 for another media type, 400 for an empty or malformed one. */
export function readJson(req: Request, maxBytes: number): Promise<unknown> {
  const type = req.headers.get('content-type');
  if (type && !/^application\/([\w.+-]*\+)?json\b/i.test(type)) throw new HttpError(415, 'Unsupported media type', `Send application/json, not ${type}`);
  const body = readBody(req, maxBytes);
  return body.then(jsonOf);
}

function jsonOf(raw: Buffer): unknown {
  const text = raw.toString('utf8');
  if (!/\S/.test(text)) throw badRequest('The request body is empty; expected JSON');
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw badRequest(`The request body is not valid JSON: ${(e as Error).message}`);
  }
}

// Schemas may be classic zod (the service's own) or zod/mini (shared/, which also ships in the add-in).
export function parse<S extends z.core.$ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const r = z.safeParse(schema, value);
  if (!r.success) throw badRequest(`Invalid ${where}: ${describeZod(r.error)}`);
  return r.data;
}

/**
 * Query parameters as an object (a repeated parameter is an error, not a silent pick). The record has no
 * prototype, so "constructor" or "__proto__" is a parameter like any other: unknown to the schema.
 */
export function query<S extends z.core.$ZodType>(req: Request, schema: S): z.output<S> {
  const out = Object.create(null) as Record<string, string>;
  let any = false;
  for (const [k, v] of req.query) {
    if (Object.hasOwn(out, k)) throw badRequest(`Query parameter "${k}" is repeated`);
    out[k] = v;
    any = true;
  }
  if (any) return parse(schema, out, 'query');
  // Most requests send no query: what a schema makes of none is the same every time.
  // Frozen, since every such request shares it.
  let empty = emptyQueries.get(schema);
  if (empty === undefined) emptyQueries.set(schema, (empty = Object.freeze(parse(schema, out, 'query'))));
  return empty as z.output<S>;
}

const emptyQueries = new WeakMap<object, unknown>();

/**
 * Route segments: text that cannot smuggle a path (no slashes, backslashes, dot-segments or control
 * characters, whatever the encoding was).
 */
export const Segment = z
  .string()
  .min(1)
  .max(120)
  // Control characters are exactly what this refuses.
  // eslint-disable-next-line no-control-regex
  .refine((s) => !/[/\\\u0000-\u001f\u007f]/.test(s) && s !== '.' && s !== '..', 'must be a single plain path segment');

// Route parameters are validated on every request: build each Segment → schema pipe once.
const pipes = new WeakMap<z.core.$ZodType, z.core.$ZodType>();

/**
 * An indicator key as a route parameter: LAIT keys may hold "/" (NEW_KS2_RWM_Sen_W/Osta), sent
 * percent-encoded as one segment. It only ever names a catalog entry, never a path, so "/" is allowed
 * here (and a %2F a host left encoded is decoded); control characters and dot-segments are not.
 */
/** A path segment that is empty, "." or "..", anywhere in a slash-separated key. */
const DOT_OR_EMPTY_SEGMENT = /(?:^|\/)\.{0,2}(?:\/|$)/;

export const IndicatorKeyParam = z
  .string()
  .min(1)
  .max(200)
  .transform((s) => s.replace(/%2f/gi, '/'))
  .refine(
    // Control characters are exactly what this refuses.
    // eslint-disable-next-line no-control-regex
    (s) => !/[\\\u0000-\u001f\u007f]/.test(s) && !DOT_OR_EMPTY_SEGMENT.test(s),
    'must be an indicator key, not a path',
  );

/** A route parameter: a plain path segment, then (optionally) the given schema. */
export function param(req: Request, name: string): string;
export function param<S extends z.core.$ZodType<unknown, string>>(req: Request, name: string, schema: S): z.output<S>;
export function param(req: Request, name: string, schema?: z.core.$ZodType<unknown, string>): unknown {
  if (!schema) return parse(Segment, req.params[name], `path parameter "${name}"`);
  let piped = pipes.get(schema);
  if (!piped) pipes.set(schema, (piped = z.pipe(Segment, schema)));
  return parse(piped, req.params[name], `path parameter "${name}"`);
}
