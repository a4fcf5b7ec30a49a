/**
 * Per-client token buckets for reads: `burst` requests at once, refilled at `perSecond`. Keyed by the
 * last X-Forwarded-For entry — the one Azure's front end (or the local host) appended from the socket,
 * which a client cannot forge (earlier entries can be).
 * In-memory per instance: a cheap brake on runaway clients, not a quota system.
 */
interface Bucket {
  tokens: number;
  at: number;
}

const MAX_CLIENTS = 50_000;

export function clientKey(forwardedFor: string | null): string {
  if (!forwardedFor) return 'unknown';
  const last = forwardedFor.slice(forwardedFor.lastIndexOf(',') + 1).trim();
  if (!last) return 'unknown';
  if (!last.includes(':')) return last; // IPv4 without a port: most requests
  // "1.2.3.4:5678" → "1.2.3.4"; "[::1]:5678" → "::1"; a bare IPv6 address stays as it is.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(last);
  if (bracketed?.[1]) return bracketed[1];
  return /^[\d.]+:\d+$/.test(last) ? last.slice(0, last.lastIndexOf(':')) : last;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
  ) {}

  /** 0 if the request may proceed, else seconds until a token is available. */
  take(key: string, now = Date.now()): number {
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= MAX_CLIENTS) this.buckets.clear();
      b = { tokens: this.burst, at: now };
      this.buckets.set(key, b);
    }
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    b.at = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.perSecond));
  }
}
