/**
 * LAIT's vintages as DfE published them (research copy in ../shared/research-data/lait-vintages, outside
 * the repo): a release from the newest vintage's Parquet file equals the one from today's CSV. Skips when
 * that folder is absent.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readInputs } from '../../cli/import';
import { readVintage } from '../../cli/vintage';
import { sha256Hex } from '../../node/release-file';
import { buildRelease } from '../../shared/importers/build-release';
import { buildVintageRelease, LAIT_REPO } from '../../shared/importers/vintage';
import type { Release } from '../../shared/release/schema';

const DATA = path.resolve(__dirname, '../../../shared/research-data');
const VINTAGES = path.join(DATA, 'lait-vintages');
const present = existsSync(VINTAGES) && existsSync(path.join(DATA, 'lait'));
if (!present) console.warn(`vintages: skipped because ../shared/research-data/lait-vintages is absent (${VINTAGES} not found)`);

const NEWEST = '2026-04-08_2e30e39';

/** A vintage's release, and how long reading and building it took (printed, never asserted). */
async function importVintage(name: string): Promise<Release> {
  const started = performance.now();
  const release = buildVintageRelease(await readVintage(path.join(VINTAGES, name)), { sha256: sha256Hex });
  console.log(`vintages: imported ${name} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return release;
}

describe.skipIf(!present)('LAIT vintages on the real files', () => {
  let newest: Release;
  let fromCsv: Release;

  beforeAll(async () => {
    newest = await importVintage(NEWEST);
    fromCsv = buildRelease(readInputs(DATA), { sha256: sha256Hex });
  }, 180_000);

  it("the newest vintage's Parquet file gives the release today's CSV gives: every value, LA, indicator and proven count", () => {
    expect(newest.values).toEqual(fromCsv.values);
    expect(newest.las).toEqual(fromCsv.las);
    expect(newest.indicators).toEqual(fromCsv.indicators);
    expect(newest.counts).toEqual(fromCsv.counts);
  });

  it("takes its statistical neighbours from the vintage's own workbooks: the CSV's groups, plus LAIT's groups for the pre-reorganisation LAs", () => {
    for (const model of ['2025', '2021']) {
      const csv = fromCsv.neighbours[model] ?? {};
      const own = newest.neighbours[model] ?? {};
      for (const [la, group] of Object.entries(csv)) expect(own[la], `${model} ${la}`).toEqual(group);
      expect(Object.keys(own).filter((la) => !(la in csv)), model).toEqual(model === '2025' ? ['835', '836', '837', '909', '928'] : []);
    }
  });

  it('is as of the day DfE committed it, and names its files at that commit', () => {
    expect([newest.id, newest.asOf]).toEqual(['lait-2026-04-08-2e30e39', '2026-04-08']);
    const lait = newest.sources.filter((s) => s.repo === LAIT_REPO);
    expect(lait.map((s) => s.path)).toEqual(['01_data/02_prod/bds_long_0.parquet', '01_data/02_prod/lait_data_dictionary.csv', '01_data/02_prod/sn_april_2021.xlsx', '01_data/02_prod/sn_may_2025.xlsx']);
    expect(new Set(lait.map((s) => s.commit))).toEqual(new Set(['2e30e3959a6ab8b2d22941b84764da41a40ac91b']));
    expect(lait[0]?.sha256).toBe('8277a891ae7318be2d77019fd193f91c0f553ccd430890f04fd84fb4f849a4be'); // vintages.csv's
  });
});
