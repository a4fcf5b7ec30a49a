/**
 * The importer on the real DfE files (research copy in ../shared/research-data, outside the repo):
 * counts, joins, an independent cross-check against EES, and that the committed default release is
 * exactly what the importer builds. Skips when that folder is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { readInputs } from '../../cli/import';
import { DEFAULT_RELEASE_PATH, readReleaseFile, sha256Hex } from '../../node/release-file';
import { INDICATOR_ALIASES } from '../../shared/importers/aliases';
import { buildRelease, LAIT_DATA } from '../../shared/importers/build-release';
import { parseLait } from '../../shared/importers/lait';
import { parsePublishedValue } from '../../shared/importers/values';
import type { Release } from '../../shared/release/schema';

const DATA = path.resolve(__dirname, '../../../shared/research-data');
const present = existsSync(DATA);
if (!present) console.warn(`importer: skipped because ../shared/research-data is absent (${DATA} not found)`);

describe.skipIf(!present)('importer on the real DfE files', () => {
  let release: Release;
  let files: ReturnType<typeof readInputs>;
  const la = (n: number) => release.las.findIndex((l) => l.number === n);

  beforeAll(() => {
    files = readInputs(DATA);
    release = buildRelease(files, { sha256: sha256Hex });
  });

  it("has all 434 LAIT measures plus the ONS child population and 20 EES counts, 170 geographies and both SN models", () => {
    expect(release.indicators).toHaveLength(455);
    expect(release.indicators.filter((i) => i.key.startsWith('EES_'))).toHaveLength(20);
    expect(release.las).toHaveLength(170);
    expect(Object.keys(release.neighbours['2025'] ?? {})).toHaveLength(153);
    expect(release.las.filter((l) => !l.current).map((l) => l.number)).toEqual([835, 836, 837, 909, 928]);
  });

  it('accounts for every one of the 641,070 LAIT rows: same value, or a dropped all-missing "0" year', () => {
    const { records } = parseLait(LAIT_DATA, files[LAIT_DATA]?.text ?? '');
    expect(records).toHaveLength(641_070);
    const index = new Map(release.las.map((l, i) => [l.number, i]));
    const mismatches: unknown[] = [];
    let kept = 0;
    let dropped = 0;
    for (const r of records) {
      const column = release.values[r.key]?.[r.year];
      if (column) kept++;
      else if (r.key === 'CINPermExclusion' && r.year === '0' && r.value === null) dropped++;
      if (column ? column[index.get(r.laNumber) ?? -1] !== r.value : r.year !== '0') mismatches.push(r);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    // LAIT's own cells; the ONS population and the EES counts are the measures not from LAIT.
    const cells = Object.entries(release.values).filter(([k]) => k !== 'ONS_Pop0to17' && !k.startsWith('EES_')).flatMap(([, byYear]) => Object.values(byYear)).reduce((n, c) => n + c.length, 0);
    expect([kept, dropped, cells]).toEqual([640_900, 170, 640_900]);
    expect(records.filter((r) => r.value === null)).toHaveLength(93_883);
  });

  it('has 151 LA values for LACStable_2016on in 2025', () => {
    const column = release.values.LACStable_2016on?.['2025'] ?? [];
    expect(release.las.filter((l, i) => l.kind === 'la' && column[i] !== null)).toHaveLength(151);
  });

  it('knows Leicestershire as 855 / E10000018', () => {
    expect(release.las[la(855)]).toMatchObject({ name: 'Leicestershire', ons: 'E10000018', region: 'East Midlands', current: true });
  });

  it('equals the EES placement-stability children_percent for every LA in 2021, 2023 and 2025', () => {
    const rows = parse(readFileSync(path.join(DATA, 'csc_outcomes_enablers/la_cla_placement_stability.csv'), 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
    for (const year of ['2021', '2023', '2025']) {
      const column = release.values.LACStable_2016on?.[year] ?? [];
      const compared = rows.filter((r) => r.time_period === year && r.geographic_level === 'Local authority'
        && r.cla_group === 'CLA on 31 March' && r.placement_stability === 'With 3 or more placements during the year')
        .map((r) => [Number(r.old_la_code), parsePublishedValue(r.children_percent ?? '')] as const)
        .filter(([n, ees]) => ees !== null && column[la(n)] != null);
      expect(compared.length, year).toBeGreaterThan(140);
      for (const [n, ees] of compared) expect(column[la(n)], `${year} LA ${n}`).toBe(ees);
    }
  });

  it('has England\'s 2024-25 weekly unit costs and the four placement types', () => {
    const england = la(970);
    const at = (key: string) => release.values[key]?.['2024-25 (OT)']?.[england];
    expect([at('LACFinance'), at('FosteringFinance'), at('RescareFinance')]).toEqual([2100, 765, 7385]);
    expect(release.unitCosts.map((u) => u.measure)).toEqual(['LACFinance', 'FosteringFinance', 'RescareFinance', 'AdoptionFinance']);
  });

  it('has Leicestershire\'s 2025 SN group exactly as the CSV row', () => {
    const [header = '', ...lines] = readFileSync(path.join(DATA, 'csc_outcomes_enablers/sn_model_2025_wide.csv'), 'utf8').replace(/^\ufeff/, '').split('\n');
    const names = header.split(',');
    const row = lines.find((l) => l.startsWith('855,'))?.split(',') ?? [];
    const expected = Array.from({ length: 10 }, (_, i) => Number(row[names.indexOf(`SN_${i + 1}`)]));
    expect(release.neighbours['2025']?.['855']).toEqual(expected);
    expect(expected).toEqual([916, 803, 937, 802, 850, 865, 933, 938, 811, 891]);
  });

  it('gives every alias to an indicator of the full release', () => {
    for (const [key, aliases] of Object.entries(INDICATOR_ALIASES)) {
      expect(release.indicators.find((i) => i.key === key)?.aliases, key).toEqual(aliases);
    }
  });

  it('reproduces the committed data/releases/default.json.gz (same content hash)', () => {
    const committed = readReleaseFile(DEFAULT_RELEASE_PATH);
    expect(committed.contentHash).toBe(release.contentHash);
    expect(committed).toEqual(release);
  });
});
