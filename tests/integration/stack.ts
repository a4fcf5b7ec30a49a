/**
 * One test file's service stack: Azurite on a free port with a temporary data folder, the store, and
 * the local host on a random port serving the registered handlers — all real HTTP, torn down after.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ProblemSchema } from '../../shared/api/schemas';
import { loadConfig, type ServiceConfig } from '../../functions/src/config';
import { startAzurite, type AzuriteHandle } from '../../functions/src/dev/azurite';
import { startLocalHost } from '../../functions/src/local-host';
import { createServices, useServices, type Services } from '../../functions/src/services';
import { TableStore } from '../../functions/src/store/table-store';

export interface Stack {
  url: string;
  azurite: AzuriteHandle;
  store: TableStore;
  services: Services;
  api(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export const WRITE_KEY = 'test-write-key';

export async function startStack(env: Record<string, string> = {}): Promise<Stack> {
  const location = mkdtempSync(join(tmpdir(), 'cic-azurite-'));
  const azurite = await startAzurite({ location });
  const config: ServiceConfig = loadConfig({
    CIC_STORAGE_CONNECTION: azurite.connectionString,
    CIC_WRITE_KEY: WRITE_KEY,
    CIC_RATE_BURST: '100000',
    CIC_RATE_PER_SECOND: '100000',
    ...env,
  });
  const store = new TableStore(config.storageConnection, config.tablePrefix);
  const services = createServices(config, store);
  useServices(services);
  await services.ready;
  const host = await startLocalHost({ port: 0 });
  return {
    url: host.url,
    azurite,
    store,
    services,
    api: (path, init) => fetch(`${host.url}${path}`, init),
    async close() {
      await host.close();
      await azurite.stop();
      rmSync(location, { recursive: true, force: true });
    },
  };
}

export const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/** Assert a problem+json answer with this status, and return its body. */
export async function expectProblem(res: Response, status: number): Promise<{ type: string; title: string; status: number; detail: string }> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = ProblemSchema.parse(JSON.parse(text)) as { type: string; title: string; status: number; detail: string };
  expect(body).toMatchObject({ status, detail: expect.any(String) });
  expect(text).not.toMatch(/\n\s+at /); // never a stack trace
  return body;
}
