/**
 * How long an instance trusts its copy of the "current" pointer is measured on a monotonic clock: a wall
 * clock stepping back an hour once served the old release long after a publish. Here the clock is
 * injected and stepped back by hand; the pointer must then be read again, never trusted for longer.
 */
import { describe, expect, it } from 'vitest';
import { ReleaseCache } from '../../../functions/src/release-cache';
import type { BenchmarkStore, CurrentPointer } from '../../../functions/src/store/types';

function pointerStore() {
  const s = {
    releaseId: 'r1',
    reads: 0,
    store: {
      current: async (): Promise<CurrentPointer> => {
        s.reads++;
        return { releaseId: s.releaseId, etag: `"${s.releaseId}"`, publishedAt: '2026-01-01T00:00:00Z' };
      },
    } as unknown as BenchmarkStore,
  };
  return s;
}

describe('ReleaseCache current pointer', () => {
  it('is trusted for its TTL, then read again', async () => {
    const s = pointerStore();
    const clock = { t: 50_000 };
    const cache = new ReleaseCache(s.store, { ttlMs: 5000, clock: () => clock.t });
    expect((await cache.currentPointer())?.releaseId).toBe('r1');
    s.releaseId = 'r2';
    clock.t += 4999;
    expect((await cache.currentPointer())?.releaseId).toBe('r1');
    clock.t += 1;
    expect((await cache.currentPointer())?.releaseId).toBe('r2');
    expect(s.reads).toBe(2);
  });

  it('a clock stepping back an hour does not keep the old pointer: it is read again', async () => {
    const s = pointerStore();
    const clock = { t: 10 * 3_600_000 };
    const cache = new ReleaseCache(s.store, { ttlMs: 60_000, clock: () => clock.t });
    expect((await cache.currentPointer())?.releaseId).toBe('r1');
    s.releaseId = 'r2'; // published elsewhere
    clock.t -= 3_600_000;
    expect((await cache.currentPointer())?.releaseId).toBe('r2');
    expect(cache.resolveNow()).toBeUndefined(); // nor is the old one answered without a read
  });

  it('by default the clock is monotonic: a wall-clock step changes nothing', async () => {
    const s = pointerStore();
    const cache = new ReleaseCache(s.store, { ttlMs: 60_000 });
    await cache.currentPointer();
    const realNow = Date.now;
    Date.now = () => realNow() + 3_600_000;
    try {
      s.releaseId = 'r2';
      expect((await cache.currentPointer())?.releaseId).toBe('r1'); // within its TTL on the monotonic clock
      expect(s.reads).toBe(1);
    } finally {
      Date.now = realNow;
    }
  });
});
