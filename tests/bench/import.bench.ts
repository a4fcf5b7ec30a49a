/**
 * Import benchmark: the whole LAIT set (the default release) written into Azurite through the real
 * store — upload in transactions, read back, content-hash verified, published — against reading and
 * splitting the same data in the same run: the release file gunzipped and parsed, and LAIT's own
 * long-form CSV parsed row by row when ../shared/research-data is present.
 */
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse';
import { readReleaseFile } from '../../node/release-file';
import { startAzurite } from '../../functions/src/dev/azurite';
import { TableStore } from '../../functions/src/store/table-store';
import type { Release } from '../../shared/release/schema';
import { median, type BenchRow } from './stats';

const RELEASE_FILE = resolve('data/releases/default.json.gz');
const LAIT_CSV = resolve('../shared/research-data/lait/bds_long.csv');
const ROUNDS = Number(process.env.CIC_BENCH_IMPORT_ROUNDS || 3);

const cellsOf = (r: Release): number => Object.values(r.values).reduce((n, byYear) => n + Object.values(byYear).reduce((m, col) => m + col.length, 0), 0);

/** Upload + verify + publish into a fresh Azurite with its data on disk, as `npm start` keeps it. */
async function importOnce(release: Release): Promise<number> {
  const location = mkdtempSync(join(tmpdir(), 'cic-bench-azurite-'));
  const azurite = await startAzurite({ location });
  try {
    const store = new TableStore(azurite.connectionString);
    await store.init();
    const started = performance.now();
    await store.putRelease(release);
    await store.publish(release.id, null);
    return performance.now() - started;
  } finally {
    await azurite.stop();
    rmSync(location, { recursive: true, force: true });
  }
}

async function csvRows(file: string): Promise<number> {
  let rows = 0;
  for await (const _ of createReadStream(file).pipe(parse({ columns: true }))) rows++;
  return rows;
}

export async function benchImport(): Promise<BenchRow[]> {
  const release = readReleaseFile(RELEASE_FILE);
  const cells = cellsOf(release);
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) times.push(await importOnce(release));
  const ms = median(times);

  const readTimes: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    JSON.parse(gunzipSync(readFileSync(RELEASE_FILE)).toString('utf8'));
    readTimes.push(performance.now() - t0);
  }
  const readMs = median(readTimes);
  const rows: BenchRow[] = [
    {
      section: 'import',
      metric: `whole LAIT set (${release.id}) into Azurite: upload, verify, publish`,
      value: ms / 1000,
      unit: 's',
      baseline: { label: 'read + gunzip + JSON.parse of the same release file', value: readMs / 1000 },
      ratio: ms / readMs,
      ratioMeaning: '× reading it',
      goal: '< 60 s',
      note: `${cells.toLocaleString('en-GB')} values; median of ${ROUNDS}`,
    },
    {
      section: 'import',
      metric: 'import rate',
      value: Math.round(cells / (ms / 1000)),
      unit: 'values/s',
      baseline: { label: 'read + parse', value: Math.round(cells / (readMs / 1000)) },
      ratio: ms / readMs,
      ratioMeaning: '× slower',
    },
  ];
  if (existsSync(LAIT_CSV)) {
    const t0 = performance.now();
    const csv = await csvRows(LAIT_CSV);
    const csvMs = performance.now() - t0;
    rows.push({
      section: 'import',
      metric: 'LAIT bds_long.csv parsed with csv-parse (no import)',
      value: csvMs / 1000,
      unit: 's',
      note: `${csv.toLocaleString('en-GB')} rows, ${Math.round(csv / (csvMs / 1000)).toLocaleString('en-GB')} rows/s; import takes ${(ms / csvMs).toFixed(2)}× this`,
    });
  }
  return rows;
}
