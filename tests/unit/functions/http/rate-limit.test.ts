/**
 * The read rate limiter under the two attacks issue 17 found: many fresh client keys (from one IPv6 /64,
 * say) must not hand an exhausted client a fresh burst, and a clock stepping back must neither lock
 * clients out nor refill them. Its memory is bounded in bytes whatever the keys.
 */
import { describe, expect, it } from 'vitest';
import { clientKey, RateLimiter } from '../../../../functions/src/http/rate-limit';

/** A clock the test moves by hand (milliseconds). */
const manualClock = (start = 1_000_000) => {
  const c = { t: start, now: () => c.t };
  return c;
};

const exhaust = (limiter: RateLimiter, key: string): void => {
  for (let i = 0; i < 1000 && limiter.take(key) === 0; i++);
  expect(limiter.take(key)).toBeGreaterThan(0);
};

describe('RateLimiter', () => {
  it('an exhausted client gets no fresh burst after 60,000 other client keys arrive', () => {
    const clock = manualClock();
    const limiter = new RateLimiter(5, 1, { clock: clock.now });
    exhaust(limiter, '198.51.100.7');
    for (let i = 0; i < 60_000; i++) limiter.take(`2001:db8::${i.toString(16)}`);
    expect(limiter.take('198.51.100.7')).toBeGreaterThan(0);
  });

  it('a client that keeps asking stays limited however many keys pass through a small limiter', () => {
    const clock = manualClock();
    // Room for a few hundred clients only: the least recently used are forgotten, one at a time.
    const limiter = new RateLimiter(5, 1, { clock: clock.now, maxBytes: 64 * 1024 });
    exhaust(limiter, '198.51.100.7');
    let granted = 0;
    for (let i = 0; i < 50_000; i++) {
      limiter.take(`2001:db8::${i.toString(16)}`);
      if (i % 100 === 0 && limiter.take('198.51.100.7') === 0) granted++;
    }
    expect(granted).toBe(0);
    expect(limiter.bytes).toBeLessThanOrEqual(64 * 1024);
  });

  it('memory stays within its byte bound whatever the keys', () => {
    const limiter = new RateLimiter(5, 1, { maxBytes: 256 * 1024 });
    for (let i = 0; i < 20_000; i++) limiter.take(`${'x'.repeat(200)}${i}`);
    expect(limiter.bytes).toBeLessThanOrEqual(256 * 1024);
    expect(limiter.clients).toBeGreaterThan(100);
  });

  it('the addresses of one IPv6 /64 (one subscriber) share one bucket: minting addresses mints no bursts', () => {
    const limiter = new RateLimiter(5, 1, { clock: manualClock().now });
    let granted = 0;
    for (let i = 0; i < 60_000; i++) if (limiter.take(clientKey(`2001:db8:1:2:${(i >> 16).toString(16)}:${(i & 0xffff).toString(16)}::1`)) === 0) granted++;
    expect(granted).toBe(5);
    // Another /64 is another client.
    expect(limiter.take(clientKey('2001:db8:1:3::1'))).toBe(0);
  });

  it('a clock stepping back an hour neither locks a client out nor refills it', () => {
    const clock = manualClock(10 * 3_600_000);
    const limiter = new RateLimiter(5, 1, { clock: clock.now });
    expect(limiter.take('a')).toBe(0); // a known client with tokens left
    exhaust(limiter, 'b');
    clock.t -= 3_600_000;
    expect(limiter.take('a')).toBe(0);
    const wait = limiter.take('b');
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(1); // one token at 1/s: never "retry after 3594"
    // Time then runs on from the stepped-back reading: one second refills one token.
    clock.t += 1000;
    expect(limiter.take('b')).toBe(0);
    expect(limiter.take('b')).toBeGreaterThan(0);
  });

  it('refills at the configured rate as time runs forward', () => {
    const clock = manualClock();
    const limiter = new RateLimiter(3, 2, { clock: clock.now });
    exhaust(limiter, 'c');
    clock.t += 500;
    expect(limiter.take('c')).toBe(0);
    expect(limiter.take('c')).toBe(1);
  });
});
