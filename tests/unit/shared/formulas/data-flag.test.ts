/**
 * Each definition's `data` says truly what it reads: every call in the browser cases runs over the
 * default release through a source that records each read. A 'workbook' function never reads it; a
 * 'workbook+release' one reads it only when an argument names an indicator or a placement type; a
 * 'release' one reads it on a good call.
 */
import { describe, expect, it } from 'vitest';
import { readReleaseFile } from '../../../../node/release-file';
import { isCellError } from '../../../../shared/excel/errors';
import { functionById, FUNCTIONS } from '../../../../shared/formulas/index';
import { invoke } from '../../../../shared/formulas/invoke';
import { ReleaseIndex } from '../../../../shared/release/release-index';
import type { BenchmarkSource } from '../../../../shared/source';
import { CASES } from '../../../browser/cases';

const index = new ReleaseIndex(readReleaseFile());

/** The release, counting every read of it. */
function recording(): { src: BenchmarkSource; reads: () => number } {
  let reads = 0;
  const src: BenchmarkSource = {
    catalog: () => (reads++, index.catalog()),
    distribution: (k, y) => (reads++, index.distribution(k, y)),
  };
  return { src, reads: () => reads };
}

async function readsOf(id: string, args: unknown[]): Promise<{ reads: number; ok: boolean }> {
  const { src, reads } = recording();
  const out = await invoke(functionById(id)!, src, args);
  return { reads: reads(), ok: !isCellError(out) };
}

describe('CicFunctionDef.data', () => {
  it('every function has a case, so every flag below is checked', () => {
    const covered = new Set(CASES.map(([id]) => id));
    expect(FUNCTIONS.map((f) => f.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  it.each(CASES.map(([id, args], k) => [`${k}: ${id}`, id, args] as const))('%s reads what its flag says', async (_, id, args) => {
    const { reads, ok } = await readsOf(id, args);
    const data = functionById(id)!.data;
    if (data === 'workbook') expect(reads).toBe(0);
    if (data === 'release' && ok) expect(reads).toBeGreaterThan(0);
  });

  it('the workbook+release functions read the release for a named indicator or type, and not for plain figures', async () => {
    expect((await readsOf('CHANGE', [10, 12, 'LACStable_2016on', null])).reads).toBeGreaterThan(0);
    expect((await readsOf('CHANGE', [10, 12, 'Low', null])).reads).toBe(0);
    expect((await readsOf('PLACEMENTCOST', ['Residential', 2, null, null, null])).reads).toBeGreaterThan(0);
    expect((await readsOf('PLACEMENTCOST', [4100, 2, null, null, null])).reads).toBe(0);
    expect((await readsOf('COMPAREOF', [32, 630, 8, 'LACStable_2016on', null, null, null])).reads).toBeGreaterThan(0);
    expect((await readsOf('SIGCHANGE', [32, 630, 50, 600, 'Low', null, null])).reads).toBe(0);
    const mixed = FUNCTIONS.filter((f) => f.data === 'workbook+release').map((f) => f.id);
    expect(mixed.sort()).toEqual(['CHANGE', 'COMPAREOF', 'PLACEMENTCOST', 'SIGCHANGE']);
  });
});
