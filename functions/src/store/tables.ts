/**
 * Table clients and the translation of storage failures into the store's three error kinds, so no
 * raw RestError (or its stack) ever reaches an HTTP response.
 */
import { RestError, TableClient } from '@azure/data-tables';
import { StoreUnavailableError } from './types';

export const RELEASE_PK = 'release';

export interface Tables {
  releases: TableClient;
  pointers: TableClient;
  data: TableClient;
}

/** Azurite's well-known development account (public, documented by Microsoft). */
export const AZURITE_CONNECTION =
  'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;';

export function openTables(connectionString: string, prefix: string): Tables {
  // Few, short retries: a caller waiting on a dead store should get a 503 quickly, not after a minute.
  const options = { allowInsecureConnection: true, retryOptions: { maxRetries: 2, retryDelayInMs: 100, maxRetryDelayInMs: 500 } };
  const open = (name: string) => TableClient.fromConnectionString(connectionString, `${prefix}${name}`, options);
  try {
    return { releases: open('releases'), pointers: open('pointers'), data: open('releasedata') };
  } catch (e) {
    // The SDK's own message for a malformed string is a TypeError from deep inside its parser.
    throw new Error(`CIC_STORAGE_CONNECTION is not a Table Storage connection string (${(e as Error).message})`);
  }
}

export const statusOf = (e: unknown): number | undefined => (e instanceof RestError ? e.statusCode : undefined);

/** Run a storage call; unreachable storage (no HTTP status, 5xx, timeouts) becomes StoreUnavailableError. */
export async function guard<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    const status = statusOf(e);
    const aborted = e instanceof Error && (e.name === 'AbortError' || e.name === 'TimeoutError');
    if (aborted || (e instanceof RestError && (status === undefined || status >= 500))) {
      throw new StoreUnavailableError(
        `Table storage unavailable during ${what}: ${e instanceof Error ? ((e as NodeJS.ErrnoException).code ?? e.message) : String(e)}`,
      );
    }
    if (!(e instanceof RestError) && e instanceof Error && /ECONN|EPIPE|socket|fetch failed/i.test(`${(e as NodeJS.ErrnoException).code ?? ''} ${e.message}`)) {
      throw new StoreUnavailableError(`Table storage unavailable during ${what}: ${e.message}`);
    }
    throw e;
  }
}

/** Null instead of a 404. */
export async function orNull<T>(call: () => Promise<T>): Promise<T | null> {
  try {
    return await call();
  } catch (e) {
    if (statusOf(e) === 404) return null;
    throw e;
  }
}

/** Run tasks with at most `limit` in flight; rejects on the first failure. */
export async function pool<T>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      await task(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
