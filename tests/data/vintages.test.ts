/**
 * LAIT's vintages as DfE published them (research copy in ../shared/research-data/lait-vintages, outside
 * the repo): a release from the newest vintage's Parquet file equals the one from today's CSV; `cic diff`
 * between two vintages is exactly what comparing DfE's two Parquet files cell by cell finds (read here
 * with hyparquet directly, not through the importer), including the revisions the research README names.
 * Skips when that folder is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readInputs } from '../../cli/import';
import { readVintage } from '../../cli/vintage';
import { sha256Hex } from '../../node/release-file';
import { buildRelease } from '../../shared/importers/build-release';
import { buildVintageRelease, LAIT_REPO } from '../../shared/importers/vintage';
import { functionById } from '../../shared/formulas/index';
import { invoke } from '../../shared/formulas/invoke';
import { diffReleases, type DiffItem } from '../../shared/release/diff';
import { ReleaseSet } from '../../shared/release/release-set';
import type { Release } from '../../shared/release/schema';
import { published, rawCells, type Cells } from './lait-cells';

const DATA = path.resolve(__dirname, '../../../shared/research-data');
const VINTAGES = path.join(DATA, 'lait-vintages');
const present = existsSync(VINTAGES) && existsSync(path.join(DATA, 'lait'));
if (!present) console.warn(`vintages: skipped because ../shared/research-data/lait-vintages is absent (${VINTAGES} not found)`);

const NEWEST = '2026-04-08_2e30e39';
const BEFORE_CLA_2025 = '2025-11-03_4aaa0dd';
const CLA_2025 = '2025-11-25_eefad99';

/** Every cell whose published number differs between two vintages' files, as `cic diff --json` lists them. */
function rawDiff(before: Cells, after: Cells): { changed: DiffItem[]; added: DiffItem[]; removed: DiffItem[] } {
  const out = { changed: [] as DiffItem[], added: [] as DiffItem[], removed: [] as DiffItem[] };
  for (const indicator of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(indicator);
    const b = after.get(indicator);
    for (const la of new Set([...(a?.keys() ?? []), ...(b?.keys() ?? [])])) {
      for (const year of new Set([...(a?.get(la)?.keys() ?? []), ...(b?.get(la)?.keys() ?? [])])) {
        const x = published(a?.get(la)?.get(year));
        const y = published(b?.get(la)?.get(year));
        if (x === y) continue;
        const item = { indicator, la, year, before: x, after: y };
        (x === null ? out.added : y === null ? out.removed : out.changed).push(item);
      }
    }
  }
  return out;
}

const key = (i: DiffItem) => `${i.indicator}|${i.la}|${i.year}|${i.before}|${i.after}`;
const sorted = (xs: DiffItem[]) => xs.map(key).sort();

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
  }, 300_000);

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

describe.skipIf(!present)('cic diff between LAIT vintages, checked against their Parquet files', () => {
  let before: Release;
  let after: Release;
  beforeAll(async () => {
    [before, after] = [await importVintage(BEFORE_CLA_2025), await importVintage(CLA_2025)];
  }, 300_000);

  it('finds every cell DfE changed, published or withdrew between 3 and 25 November 2025, and no other', async () => {
    const started = performance.now();
    const d = diffReleases(before, after);
    console.log(`vintages: diff of two full releases in ${(performance.now() - started).toFixed(0)} ms: ${d.changed.length} changed, ${d.added.length} added, ${d.removed.length} removed`);
    const raw = rawDiff(await rawCells(path.join(VINTAGES, BEFORE_CLA_2025)), await rawCells(path.join(VINTAGES, CLA_2025)));
    // LAIT's own cells: the EES counts each vintage carries from its reference release are in no Parquet file.
    const lait = (items: DiffItem[]) => items.filter((i) => !i.indicator.startsWith('EES_'));
    expect(sorted(lait(d.changed))).toEqual(sorted(raw.changed));
    expect(sorted(lait(d.added))).toEqual(sorted(raw.added));
    expect(sorted(lait(d.removed))).toEqual(sorted(raw.removed));
    expect(d.changed.length).toBeGreaterThan(1000);
  }, 120_000);

  it("revised 81 LAs' 2024 children looked after and 43 LAs' 2024 placement stability (England and regions among them)", () => {
    const d = diffReleases(before, after, { indicators: ['LACnum', 'LACStable_2016on'] });
    const in2024 = (k: string) => [...d.changed, ...d.added, ...d.removed].filter((i) => i.indicator === k && i.year === '2024');
    expect(in2024('LACnum')).toHaveLength(81);
    expect(in2024('LACStable_2016on')).toHaveLength(43);
    // 80 figures revised and one withdrawn (suppressed); England's own count among the revisions.
    expect([d.changed, d.removed].map((xs) => xs.filter((i) => i.indicator === 'LACnum' && i.year === '2024').length)).toEqual([80, 1]);
    expect(in2024('LACStable_2016on').filter((i) => i.la >= 970).map((i) => i.la)).toEqual([970, 986]);
  });

  it("CIC.REVISIONS over the two vintages shows Leicestershire's 2023 stability as each published it", async () => {
    expect(await invoke(functionById('REVISIONS')!, new ReleaseSet([after, before]), ['LACStable_2016on', 'Leicestershire', 2023])).toEqual([
      ['Release', 'As of', 'Value'],
      ['lait-2025-11-03-4aaa0dd', '2025-11-03', 6],
      ['lait-2025-11-25-eefad99', '2025-11-25', 7],
    ]);
  });

  it("moved Leicestershire's 2023 stability from 6 to 7 on 25 November 2025 (not on the 17th), as every vintage's file shows", async () => {
    expect(diffReleases(before, after, { indicators: ['LACStable_2016on'] }).changed.filter((i) => i.la === 855)).toEqual([
      { indicator: 'LACStable_2016on', la: 855, year: '2023', before: 6, after: 7 },
    ]);
    const names = readFileSync(path.join(VINTAGES, 'vintages.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]!);
    const history: string[] = [];
    for (const name of names) {
      const cells = await rawCells(path.join(VINTAGES, name), new Set(['LACStable_2016on']));
      history.push(`${name} ${cells.get('LACStable_2016on')?.get(855)?.get('2023') ?? '-'}`);
    }
    const moved = history.findIndex((h) => h.endsWith(' 7'));
    expect(history.slice(moved - 1, moved + 1)).toEqual(['2025-11-17_a893414 6', '2025-11-25_eefad99 7']);
    expect(history.slice(0, moved).every((h) => h.endsWith(' 6')) && history.slice(moved).every((h) => h.endsWith(' 7'))).toBe(true);
  }, 180_000);
});
