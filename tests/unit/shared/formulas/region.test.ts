/**
 * The region an LA is compared with, as LAIT's LA view picks it (clean_ldn_region): London boroughs get
 * London (Inner) / London (Outer), or London when the indicator has no value for the sub-region in any
 * year; Yorkshire LAs get "Yorkshire and the Humber" although their rows say "The Humber". Checked for
 * every such LA on several indicators, SERIES's region column against the release's values directly.
 */
import { describe, expect, it } from 'vitest';
import { readReleaseFile } from '../../../../node/release-file';
import { evaluateFormula } from '../../../../shared/formulas/evaluate';
import { ReleaseIndex } from '../../../../shared/release/release-index';

const release = readReleaseFile();
const src = new ReleaseIndex(release);
const rowOf = (name: string) => release.las.findIndex((l) => l.kind === 'region' && l.name === name);
const REGION_ROW: Record<string, string> = {
  'Inner London': 'London (Inner)',
  'Outer London': 'London (Outer)',
  'Yorkshire and The Humber': 'Yorkshire and the Humber',
};

describe('the region in SERIES and COMPARE', () => {
  const las = release.las.filter((l) => l.kind === 'la' && l.current && l.region !== null && REGION_ROW[l.region] !== undefined);

  it('covers the 48 London and Yorkshire LAs whose region is spelt differently from its row', () => {
    expect(las.length).toBeGreaterThanOrEqual(45);
  });

  it.each(['LACStable_2016on', 'ReReferral', 'LAC', 'CPP_rate', 'CareLeaverAcc'])('%s: every such LA, every year', async (key) => {
    const byYear = release.values[key]!;
    for (const la of las) {
      let row = rowOf(REGION_ROW[la.region!]!);
      if (la.region!.endsWith('London') && Object.values(byYear).every((col) => col[row] === null)) row = rowOf('London');
      const rows = (await evaluateFormula(`=CIC.SERIES("${key}", ${la.number})`, src)) as (string | number)[][];
      for (const r of rows.slice(1)) {
        const want = byYear[String(r[0])]?.[row] ?? null;
        expect(r[2], `${la.name} ${r[0]}`).toBe(want === null ? '' : want);
      }
    }
  });

  it('COMPARE against "Region" uses the same region', async () => {
    // Camden (Inner London) 2025: London (Inner)'s LAC_Start_Rate is published (27).
    const inner = release.values.LAC_Start_Rate!['2025']![rowOf('London (Inner)')]!;
    expect(inner).toBe(27);
    const got = await evaluateFormula('=CIC.COMPARE("LAC_Start_Rate", "Camden", 2025, "Region")', src);
    expect(got).toBe(await evaluateFormula(`=CIC.COMPARE("LAC_Start_Rate", "Camden", 2025, ${inner})`, src));
  });
});
