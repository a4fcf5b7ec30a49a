/**
 * The objects every handler shares within one Functions instance: settings, the store, the release
 * cache and the rate limiter. Built lazily from the environment; the local host and tests may supply their own.
 */
import { loadConfig, type ServiceConfig } from './config';
import { RateLimiter } from './http/rate-limit';
import { ReleaseCache } from './release-cache';
import { TableStore } from './store/table-store';
import type { BenchmarkStore } from './store/types';

export interface Services {
  config: ServiceConfig;
  store: BenchmarkStore;
  releases: ReleaseCache;
  limiter: RateLimiter | null;
  /** Resolves once tables exist; handlers await it so a cold start on an empty account works. */
  ready: Promise<void>;
  /** Set once `ready` has resolved: later requests skip the wait. */
  readyNow?: boolean;
}

let current: Services | undefined;

export function createServices(config: ServiceConfig, store: BenchmarkStore = new TableStore(config.storageConnection, config.tablePrefix)): Services {
  const ready = store.init();
  ready.catch(() => undefined); // surfaced per request instead; see ensureReady
  return {
    config,
    store,
    releases: new ReleaseCache(store, { ttlMs: config.currentTtlMs, bytes: { answers: config.lookupCacheBytes, bodies: config.bodyCacheBytes } }),
    limiter: config.rateLimit ? new RateLimiter(config.rateLimit.burst, config.rateLimit.perSecond, { maxBytes: config.rateLimit.clientBytes }) : null,
    ready,
  };
}

export function services(): Services {
  return (current ??= createServices(loadConfig()));
}

export function useServices(s: Services): void {
  current = s;
}

/** Await table creation; if it failed (storage was down at start), try again rather than stay broken. */
export function ensureReady(s: Services): Promise<void> | undefined {
  if (s.readyNow) return undefined;
  return (async () => {
    try {
      await s.ready;
    } catch {
      s.ready = s.store.init();
      await s.ready;
    }
    s.readyNow = true;
  })();
}
