/**
 * The ONS child population in the release is the very population DfE divided by: every LA's, region's
 * and England's `population_estimate` in the EES children-looked-after rates file (2021–2025) equals
 * `ONS_Pop0to17` for the same year, and that file's own count over it gives its own published rate.
 * Reads ../shared/research-data; skips when it is absent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readReleaseFile } from '../../node/release-file';

const FILE = path.resolve(__dirname, '../../../shared/research-data/csc_outcomes_enablers/cla_number_and_rate_per_10k_children.csv');
const present = fs.existsSync(FILE);
if (!present) console.warn(`population: skipped because ../shared is absent (${FILE} not found)`);

describe.skipIf(!present)('ONS_Pop0to17 against the EES CLA rates file', () => {
  const release = readReleaseFile();
  const rowOf = new Map(release.las.map((l, i) => [l.number, i]));
  const byOns = new Map(release.las.filter((l) => l.ons).map((l) => [l.ons as string, l.number]));
  const pop = release.values.ONS_Pop0to17 ?? {};
  const rows = present
    ? (parse(fs.readFileSync(FILE, 'utf8').replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[]).filter((r) => r.population_type === 'Children looked after on 31 March each year')
    : [];

  it('equals the population DfE used, for every geography and year', () => {
    let same = 0;
    const different: unknown[] = [];
    for (const r of rows) {
      const number = r.geographic_level === 'Local authority' ? (/^\d{3}$/.test(r.old_la_code ?? '') ? Number(r.old_la_code) : undefined)
        : byOns.get(r.geographic_level === 'National' ? (r.country_code ?? '') : (r.region_code ?? ''));
      if (number === undefined || !/^\d+$/.test(r.population_estimate ?? '')) continue;
      const ours = pop[r.time_period ?? '']?.[rowOf.get(number) ?? -1];
      if (ours === Number(r.population_estimate)) same++;
      else different.push([r.time_period, number, ours, r.population_estimate]);
    }
    expect(different.slice(0, 5)).toEqual([]);
    expect(same).toBeGreaterThan(780); // 5 years × (≈153 LAs + 9 regions + England), less suppressed
  });

  it("gives the file's own rates from its own counts, and LACnum is that count", () => {
    let checked = 0;
    for (const r of rows) {
      if (r.geographic_level !== 'Local authority' || !/^\d{3}$/.test(r.old_la_code ?? '') || !/^\d+$/.test(r.children_count ?? '') || !/^\d+$/.test(r.rate_per_10000 ?? '')) continue;
      const i = rowOf.get(Number(r.old_la_code));
      const year = r.time_period ?? '';
      if (i === undefined || release.values.LACnum?.[year]?.[i] == null) continue;
      const n = pop[year]?.[i] as number;
      expect(Math.round((Number(r.children_count) / n) * 10000), `${r.la_name} ${year}`).toBe(Number(r.rate_per_10000));
      expect(release.values.LACnum?.[year]?.[i]).toBe(Number(r.children_count));
      checked++;
    }
    expect(checked).toBeGreaterThan(700);
  });
});
