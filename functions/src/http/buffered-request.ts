/**
 * The WHATWG Request that '@azure/functions' HttpRequest wraps, for a body the local host has already
 * read from the socket: the bytes are handed over as they are. Building an undici Request per call
 * (a body stream, then reading it back) cost the local host more than most handlers' own work.
 * Passed as HttpRequest's `nativeRequest` init, which is what the library itself does for streamed requests.
 */
export class BufferedRequest {
  bodyUsed = false;
  private stream: ReadableStream<Uint8Array> | null | undefined;

  constructor(
    readonly url: string,
    readonly method: string,
    readonly headers: Headers,
    private readonly bytes: Buffer<ArrayBuffer>,
  ) {}

  get body(): ReadableStream<Uint8Array> | null {
    if (this.stream === undefined) this.stream = this.bytes.length ? new Blob([this.bytes]).stream() : null;
    return this.stream;
  }

  private take(): Buffer<ArrayBuffer> {
    if (this.bodyUsed) throw new TypeError('Body is unusable: Body has already been read');
    this.bodyUsed = true;
    return this.bytes;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const b = this.take();
    // A Buffer may be a view into a shared pool: hand out only its own bytes.
    return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b.buffer : b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
  }

  async text(): Promise<string> {
    return this.take().toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async blob(): Promise<Blob> {
    return new Blob([this.take()], { type: this.headers.get('content-type') ?? '' });
  }

  async formData(): Promise<FormData> {
    return new Response(this.take(), { headers: this.headers }).formData();
  }

  clone(): BufferedRequest {
    return new BufferedRequest(this.url, this.method, new Headers(this.headers), this.bytes);
  }
}
