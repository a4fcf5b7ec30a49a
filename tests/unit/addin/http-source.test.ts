import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpSource } from '../../../addin/client/http-source';
import { MemoryPin } from '../../../addin/client/pin';
import { MemoryStore } from '../../../addin/client/storage';
import { CellError } from '../../../shared/excel/errors';
import { functionById } from '../../../shared/formulas/index';
import { invoke } from '../../../shared/formulas/invoke';
import { ReleaseIndex } from '../../../shared/release/release-index';
import { syntheticRelease } from '../../fixtures/synthetic-release';
import { startTestApi, type TestApi } from './release-api';

const older = syntheticRelease('synthetic-0');
const newer = syntheticRelease('synthetic-1');
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi([older, newer]);
});
afterAll(() => api.close());
beforeEach(() => {
  api.mode = 'ok';
  api.hits.clear();
});

const source = (opts: Partial<ConstructorParameters<typeof HttpSource>[0]> = {}) => new HttpSource({ baseUrl: api.api, timeoutMs: 500, ...opts });
const call = (src: HttpSource, id: string, ...args: unknown[]) => invoke(functionById(id)!, src, args);

describe('HttpSource against a local API', () => {
  it('answers exactly as the in-memory release does', async () => {
    const local = new ReleaseIndex(newer);
    const src = source();
    for (const [id, args] of [
      ['QUARTILE', ['LowGood', 8]],
      ['BAND', ['HighGood', 66, 2024]],
      ['SNAVG', ['LowGood', 855]],
      ['BOUNDARIES', ['LowGood']],
      ['UNITCOST', ['residential']],
    ] as const) {
      expect(await call(src, id, ...args)).toEqual(await call(local as never, id, ...args));
    }
  });

  it('sends one request per distinct (release, indicator, year) for thousands of concurrent cells', async () => {
    const src = source({ timeoutMs: 10_000 }); // the default: 10,000 queued cells keep the event loop busy
    const cells = Array.from({ length: 10_000 }, (_, i) =>
      call(src, 'QUARTILE', ['LowGood', 'HighGood', 'NoQuartile'][i % 2], (i % 20) + 2, i % 3 === 0 ? 2024 : 2025),
    );
    const out = await Promise.all(cells);
    expect(out.filter((v) => typeof v !== 'number').slice(0, 2)).toEqual([]);
    expect(api.hits.get('releases/current')).toBe(1);
    expect(api.hits.get('releases/synthetic-1/catalog')).toBe(1);
    expect(api.hits.get('distributions/LowGood')).toBe(2);
    expect(api.hits.get('distributions/HighGood')).toBe(2);
    expect(api.total()).toBe(6);
    await call(src, 'BAND', 'LowGood', 3);
    expect(api.total()).toBe(6); // cached forever: release data is immutable
  });

  it('never asks the service for workbook-only functions', async () => {
    const src = source();
    expect(await call(src, 'QUARTILEOF', 5, [[1], [5], [9], [12]], 'Low')).toBe(2);
    expect(await call(src, 'CHANGE', 10, 12, 'Low')).toBe('Better');
    expect(await call(src, 'RAG', 1, 'Better')).toBe('G');
    expect(await call(src, 'PLACEMENTCOST', 4100, 2)).toBe(426400);
    expect(typeof (await call(src, 'FORECAST', [['A']], [[2]], [[100]], '2025/26', 2))).toBe('object');
    expect(api.total()).toBe(0);
  });

  it.each(['hang', 'reset', '503', 'badjson'] as const)('settles every pending cell with a clear #N/A when the service %s', async (mode) => {
    api.mode = mode;
    const src = source({ timeoutMs: 300 });
    const started = Date.now();
    const out = await Promise.all(Array.from({ length: 50 }, () => call(src, 'QUARTILE', 'LowGood', 8)));
    expect(Date.now() - started).toBeLessThan(3000);
    for (const v of out) {
      expect(v).toBeInstanceOf(CellError);
      expect((v as CellError).code).toBe('#N/A');
      expect((v as CellError).message).toMatch(/^Benchmark service unreachable/);
    }
    expect([...api.hits]).toEqual([['releases/current', 1]]); // all 50 cells shared one request
  });

  it('falls back to the cached release offline, says so, and recovers', async () => {
    const store = new MemoryStore();
    const online = source({ store });
    const expected = await call(online, 'VALUE', 'LowGood', 'Leicestershire');
    api.mode = 'reset';
    const offline = source({ store });
    expect(await call(offline, 'VALUE', 'LowGood', 'Leicestershire')).toBe(expected);
    expect(offline.status).toMatchObject({ offline: true, reachable: false, releaseId: 'synthetic-1' });
    expect(offline.status.note).toMatch(/unreachable.*cached/);
    expect(await call(offline, 'RELEASE', 'title')).toMatch(/cached copy/);
    const notCached = await call(offline, 'VALUE', 'HighGood', 855);
    expect((notCached as CellError).message).toMatch(/not cached/);
    api.mode = 'ok';
    await offline.refreshStatus();
    expect(offline.status).toMatchObject({ offline: false, reachable: true });
    expect(await call(offline, 'VALUE', 'HighGood', 855)).toBe(66);
  });

  it('pins the workbook to the first release it computes with, until re-pinned', async () => {
    const pin = new MemoryPin();
    const src = source({ pin });
    await call(src, 'RELEASE');
    expect(pin.get()).toBe('synthetic-1');
    const pinnedOld = source({ pin: new MemoryPin('synthetic-0') });
    expect(await call(pinnedOld, 'RELEASE')).toBe('synthetic-0');
    expect(api.hits.get('releases/current')).toBe(1); // a pinned workbook need not ask what is current
    await pinnedOld.refreshStatus();
    expect(pinnedOld.status).toMatchObject({ pinned: 'synthetic-0', current: 'synthetic-1' });
    await pinnedOld.repin('synthetic-1');
    expect(await call(pinnedOld, 'RELEASE')).toBe('synthetic-1');
  });

  it("passes the service's own 404 message through as #N/A without falling back", async () => {
    const src = source({ pin: new MemoryPin('no-such-release') });
    const v = (await call(src, 'RELEASE')) as CellError;
    expect(v.code).toBe('#N/A');
    expect(v.message).toContain('No release no-such-release');
  });
});
