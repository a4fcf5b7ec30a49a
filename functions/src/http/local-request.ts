/**
 * The request the local host hands an endpoint: node:http's parsed request and the body it has already
 * read, behind the part of HttpRequest the endpoints use (`Request` in azf.ts). The Functions host passes
 * its own HttpRequest; tests/integration/host-parity.test.ts checks both hosts answer alike.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Request } from '../azf';

/**
 * Header lookup over node:http's lower-cased header object, as WHATWG Headers.get answers, with the
 * socket's address appended to X-Forwarded-For as Azure's front end does (the rate limiter trusts it).
 */
class LocalHeaders {
  private readonly forwardedFor: string;

  constructor(
    private readonly raw: IncomingHttpHeaders,
    peer: string,
  ) {
    const sent = raw['x-forwarded-for'];
    this.forwardedFor = sent ? `${String(sent)}, ${peer}` : peer;
  }

  get(name: string): string | null {
    const key = name.toLowerCase();
    if (key === 'x-forwarded-for') return this.forwardedFor;
    const v = this.raw[key];
    return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
  }
}

export class LocalRequest implements Request {
  readonly headers: LocalHeaders;
  private used = false;
  private stream: Request['body'] | undefined;

  constructor(
    readonly url: string,
    readonly method: string,
    readonly params: Record<string, string>,
    readonly query: URLSearchParams,
    headers: IncomingHttpHeaders,
    peer: string,
    private readonly content: Buffer<ArrayBuffer>,
  ) {
    this.headers = new LocalHeaders(headers, peer);
  }

  /** The bytes as a stream (read once). The library types it as node's web stream; Blob's is the same class at runtime. */
  get body(): Request['body'] {
    if (this.stream === undefined) this.stream = this.content.length ? (new Blob([this.take()]).stream() as unknown as Request['body']) : null;
    return this.stream;
  }

  private take(): Buffer<ArrayBuffer> {
    if (this.used) throw new TypeError('Body is unusable: Body has already been read');
    this.used = true;
    return this.content;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const b = this.take();
    // A Buffer may be a view into a shared pool: hand out only its own bytes.
    return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b.buffer : b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
  }
}
