/**
 * Per-client token buckets for reads: `burst` requests at once, refilled at `perSecond`. Keyed by the
 * last X-Forwarded-For entry — the one Azure's front end (or the local host) appended from the socket,
 * which a client cannot forge (earlier entries can be).
 * In-memory per instance: a cheap brake on runaway clients, not a quota system. The buckets are bounded
 * in bytes and forget the least recently used client first, one at a time: a client that keeps asking
 * is never forgotten, and one forgotten after a pause would have refilled by then anyway.
 */
import { LRUCache } from 'lru-cache';
import { elapsedMs, monotonic, type Clock } from '../clock';

interface Bucket {
  tokens: number;
  at: number;
}

/** What one bucket costs beside its key (the cache's bookkeeping and the object; measured about 135). */
const BUCKET_BYTES = 160;
export const DEFAULT_RATE_CLIENT_BYTES = 16 * 1024 * 1024;

/**
 * The client a request counts against: an IPv4 address, or an IPv6 address's /64 — one subscriber's
 * network, inside which a client can take a new address for every request.
 */
export function clientKey(forwardedFor: string | null): string {
  if (!forwardedFor) return 'unknown';
  const last = forwardedFor.slice(forwardedFor.lastIndexOf(',') + 1).trim();
  if (!last) return 'unknown';
  if (!last.includes(':')) return last; // IPv4 without a port: most requests
  // "1.2.3.4:5678" → "1.2.3.4"; "[2001:db8::1]:5678" and "2001:db8::1" → "2001:db8:0:0::/64".
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(last);
  if (bracketed?.[1]) return ipv6Client(bracketed[1]);
  return /^[\d.]+:\d+$/.test(last) ? last.slice(0, last.lastIndexOf(':')) : ipv6Client(last);
}

const HEXTET = /^[0-9a-f]{1,4}$/i;

/** An IPv6 address's /64 ("::ffff:1.2.3.4" is the IPv4 client 1.2.3.4); anything else as it came. */
function ipv6Client(address: string): string {
  const addr = address.split('%')[0] ?? ''; // no zone ("fe80::1%eth0")
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(addr);
  if (mapped?.[1]) return mapped[1];
  const halves = addr.split('::');
  if (halves.length > 2) return address;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const groups = halves.length === 2 ? [...head, ...Array<string>(Math.max(0, 8 - head.length - tail.length)).fill('0'), ...tail] : head;
  if (groups.length !== 8 || !groups.every((g) => HEXTET.test(g))) return address;
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

export interface RateLimiterOptions {
  /** Bytes the buckets may hold (about 180 per IPv4 client). */
  maxBytes?: number;
  clock?: Clock;
}

export class RateLimiter {
  private readonly buckets: LRUCache<string, Bucket>;
  private readonly clock: Clock;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    options: RateLimiterOptions = {},
  ) {
    this.clock = options.clock ?? monotonic;
    this.buckets = new LRUCache<string, Bucket>({
      maxSize: options.maxBytes ?? DEFAULT_RATE_CLIENT_BYTES,
      sizeCalculation: (_, key) => BUCKET_BYTES + 2 * key.length,
    });
  }

  /** 0 if the request may proceed, else seconds until a token is available. */
  take(key: string, now = this.clock()): number {
    let b = this.buckets.get(key);
    if (!b) {
      b = { tokens: this.burst, at: now };
      this.buckets.set(key, b);
    }
    b.tokens = Math.min(this.burst, b.tokens + (elapsedMs(b.at, now) / 1000) * this.perSecond);
    b.at = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.perSecond));
  }

  /** Clients remembered, and the bytes they are counted as. */
  get clients(): number {
    return this.buckets.size;
  }

  get bytes(): number {
    return this.buckets.calculatedSize;
  }
}
