/**
 * First run of the local stack: if no release is current, upload the default release file and publish
 * it, through the same store code (and the same verification) as PUT /api/releases/{id}.
 */
import { existsSync } from 'node:fs';
import { readReleaseFile } from '../../../node/release-file';
import { TableStore } from '../store/table-store';

export interface SeedResult {
  releaseId: string | null;
  imported: boolean;
  /** Values written (LA × year × indicator cells) and how long the upload took. */
  cells: number;
  ms: number;
}

export async function seedIfEmpty(connectionString: string, releasePath: string, prefix = 'cic'): Promise<SeedResult> {
  const store = new TableStore(connectionString, prefix);
  await store.init();
  const current = await store.current();
  if (current) return { releaseId: current.releaseId, imported: false, cells: 0, ms: 0 };
  if (!existsSync(releasePath)) return { releaseId: null, imported: false, cells: 0, ms: 0 };
  const release = readReleaseFile(releasePath);
  const started = Date.now();
  await store.putRelease(release);
  await store.publish(release.id, null);
  let cells = 0;
  for (const byYear of Object.values(release.values)) for (const col of Object.values(byYear)) cells += col.length;
  return { releaseId: release.id, imported: true, cells, ms: Date.now() - started };
}
