/**
 * Client benchmark: 10,000 `=CIC.QUARTILE` cells over 50 indicators through the add-in's function path
 * (`invoke` over HttpSource, as addin/cells/run.ts does) against the real local Functions host +
 * Azurite on loopback, seeded with the default release. Cells are issued all at once, as Excel hands a
 * recalculation batch to the runtime. Counted: the HTTP requests the client sends (its fetch is
 * instrumented), cold (fresh client, empty cache) and cached (second pass on the same client); timed
 * against the same cells computed over an in-memory ReleaseIndex in the same run.
 */
import { HttpSource } from '../../addin/client/http-source';
import type { FetchLike } from '../../addin/client/fetch-json';
import { readReleaseFile } from '../../node/release-file';
import { isCellError } from '../../shared/excel/errors';
import { functionById } from '../../shared/formulas/index';
import { invoke } from '../../shared/formulas/invoke';
import { ReleaseIndex } from '../../shared/release/release-index';
import type { BenchmarkSource } from '../../shared/source';
import { startStack } from '../integration/stack';
import { sampleCells } from './engine.bench';
import { median, type BenchRow } from './stats';

const CELLS = 10_000;
const ROUNDS = 5;

export async function benchClient(): Promise<BenchRow[]> {
  const release = readReleaseFile();
  const index = new ReleaseIndex(release);
  const cells = sampleCells(index, CELLS);
  const quartile = functionById('QUARTILE')!;
  const recalc = (src: BenchmarkSource) => Promise.all(cells.map((c) => invoke(quartile, src, [c.key, c.value, c.year, null])));
  const distinct = new Set(cells.map((c) => `${c.key}|${c.year}`)).size;

  const stack = await startStack();
  try {
    await stack.store.putRelease(release);
    await stack.store.publish(release.id);
    let requests = 0;
    const counting: FetchLike = (url, init) => {
      requests++;
      return fetch(url, init);
    };
    const client = () => new HttpSource({ baseUrl: `${stack.url}/api/`, fetch: counting });

    const expected = await recalc(index);
    const same = (out: unknown[]) => out.every((v, i) => !isCellError(v) && v === expected[i]);

    // Cold: a fresh client each round (the host's own caches are warm after the first).
    const cold: number[] = [];
    let coldRequests = 0;
    let correct = true;
    const clients = Array.from({ length: ROUNDS }, client);
    for (const c of clients) {
      requests = 0;
      const t0 = performance.now();
      correct &&= same(await recalc(c));
      cold.push(performance.now() - t0);
      coldRequests = Math.max(coldRequests, requests);
    }
    // Cached and pure rounds alternate, so garbage collection and JIT state weigh on both alike.
    const warm = clients[ROUNDS - 1]!;
    requests = 0;
    await recalc(warm);
    await recalc(index);
    const cached: number[] = [];
    const pure: number[] = [];
    for (let r = 0; r < ROUNDS * 2; r++) {
      const t0 = performance.now();
      correct &&= same(await recalc(warm));
      const t1 = performance.now();
      await recalc(index);
      cached.push(t1 - t0);
      pure.push(performance.now() - t1);
    }
    const cachedRequests = requests;
    const cachedMs = median(cached);
    const pureMs = median(pure);
    const coldMs = median(cold);
    if (!correct) throw new Error('HttpSource answers differ from the in-memory release');

    const baseline = { label: 'same cells over an in-memory ReleaseIndex', value: pureMs };
    return [
      {
        section: 'client',
        metric: `HTTP requests, ${CELLS.toLocaleString('en-GB')} QUARTILE cells cold`,
        value: coldRequests,
        unit: 'requests',
        baseline: { label: 'distinct (release, indicator, year) + current + catalog', value: distinct + 2 },
        ratio: coldRequests / (distinct + 2),
        ratioMeaning: '× the minimum',
        goal: '≤ 1 per distinct (release, indicator, year) + catalog/current',
      },
      { section: 'client', metric: 'HTTP requests, same cells cached (second pass)', value: cachedRequests, unit: 'requests', goal: '0' },
      {
        section: 'client',
        metric: `${CELLS.toLocaleString('en-GB')} QUARTILE cells cold (fresh client, local host + Azurite)`,
        value: coldMs,
        unit: 'ms',
        baseline,
        ratio: coldMs / pureMs,
        ratioMeaning: '× pure domain',
        note: "median of fresh clients; the host's caches are warm after the first",
      },
      {
        section: 'client',
        metric: `${CELLS.toLocaleString('en-GB')} QUARTILE cells cached`,
        value: cachedMs,
        unit: 'ms',
        baseline,
        ratio: cachedMs / pureMs,
        ratioMeaning: '× pure domain',
        goal: '≤ 1.5×',
      },
    ];
  } finally {
    await stack.close();
  }
}
