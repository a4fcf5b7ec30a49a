/**
 * Issue 19 item 1: LAIT publishes percentages in points. The text "22.3%" is 22.3 wherever a value of an
 * indicator is taken; a number that can only be a fraction (a cell formatted as 22.3% holds 0.223) is refused
 * with how to write it, never banded or ranked as it stands. Proved over every published value of the
 * default release.
 */
import { describe, expect, test } from 'vitest';
import { readReleaseFile } from '../../../../node/release-file';
import { CellError } from '../../../../shared/excel/errors';
import { evaluateFormula, formatOutcome } from '../../../../shared/formulas/evaluate';
import { indicatorValue } from '../../../../shared/formulas/indicator-value';
import { functionById } from '../../../../shared/formulas/index';
import { invoke } from '../../../../shared/formulas/invoke';
import { ReleaseIndex } from '../../../../shared/release/release-index';
import type { Indicator } from '../../../../shared/release/schema';
import { isPercentage, smallValues } from '../../../../shared/release/units';
import type { BenchmarkSource } from '../../../../shared/source';

const release = readReleaseFile();
const src = new ReleaseIndex(release);
const cat = src.catalog();
const call = (id: string, ...args: unknown[]) => invoke(functionById(id)!, src, args);
const now = (id: string, ...args: unknown[]) => invoke(functionById(id)!, src, args);
const ev = async (f: string) => formatOutcome(await evaluateFormula(f, src));
const text = (v: unknown): string => (v instanceof CellError ? `${v.code} ${v.message}` : String(v));

describe('percentages typed the Excel way', () => {
  test('the issue\'s cases: "25.5%" is 25.5 and 0.223 is refused with how to write it', async () => {
    expect(await call('BAND', 'ReReferral', '25.5%')).toBe(await call('BAND', 'ReReferral', 25.5));
    expect(await call('BAND', 'ReReferral', ' 25.5 % ')).toBe(await call('BAND', 'ReReferral', 25.5));
    expect(await call('RANK', 'ReReferral', '25.5%')).toBe(await call('RANK', 'ReReferral', 25.5));
    expect(await call('QUARTILE', 'ReReferral', '22.3%', 2024)).toBe(await call('QUARTILE', 'ReReferral', 22.3, 2024));
    expect(await call('POSITION', 'ReReferral', '22.3%')).toBe(await call('POSITION', 'ReReferral', 22.3));
    const refused = text(await call('BAND', 'ReReferral', 0.223));
    expect(refused).toBe(
      '#VALUE! value 0.223 looks like a fraction (0.223 = 22.3%); LAIT publishes ReReferral in points: type 22.3 or "22.3%" (or "0.223%" if you mean 0.223 points)',
    );
    expect(text(await call('RANK', 'ReReferral', 0.223))).toMatch(/^#VALUE! value 0\.223 looks like a fraction/);
    expect(await ev('=CIC.BAND("ReReferral", 22.3%)')).toMatch(/^#VALUE! value 0\.223 looks like a fraction/);
    expect(await call('BAND', 'ReReferral', '0.223%')).toMatch(/^[A-D]$/); // 0.223 points, said so explicitly
    // 100% formatted as a percentage holds 1: a fraction too, for a measure that never publishes 1 point or less.
    expect(text(await call('BAND', 'RevCP', 1))).toMatch(
      /^#VALUE! value 1 looks like a fraction \(1 = 100%\); LAIT publishes RevCP in points: type 100 or "100%"/,
    );
    expect(await call('BAND', 'RevCP', '100%')).toBe(await call('BAND', 'RevCP', 100));
  });

  test("CHANGE with an indicator, COMPARE and COMPAREOF take the value on the indicator's scale", async () => {
    expect(await call('CHANGE', '22.3%', 24.6, 'ReReferral')).toBe('Better');
    expect(await call('CHANGE', 22.3, '24.6%', 'ReReferral')).toBe('Better');
    expect(text(await call('CHANGE', 0.223, 24.6, 'ReReferral'))).toMatch(/^#VALUE! current 0\.223 looks like a fraction/);
    // Without an indicator nothing says the scale: "22.3%" is 0.223 as in Excel.
    expect(await call('CHANGE', '22.3%', 0.246, 'Low')).toBe('Better');
    const england = await call('COMPARE', 'LACStable_2016on', 855, 2025);
    expect(await call('COMPARE', 'LACStable_2016on', 855, 2025, '10%')).toBe(await call('COMPARE', 'LACStable_2016on', 855, 2025, 10));
    expect(text(await call('COMPARE', 'LACStable_2016on', 855, 2025, 0.1))).toMatch(/^#VALUE! benchmark 0\.1 looks like a fraction/);
    expect(typeof england).toBe('string');
    expect(await call('COMPAREOF', 20, 100, '22.3%', 'Low')).toBe(await call('COMPAREOF', 20, 100, 22.3, 'Low'));
    expect(await call('COMPAREOF', 20, 100, '22.3%', 'Low', 1)).toBe(await call('COMPAREOF', 20, 100, 0.223, 'Low', 1));
    expect(text(await call('COMPAREOF', 20, 100, 0.223, 'ReReferral'))).toMatch(/^#VALUE! benchmark_value 0\.223 looks like a fraction/);
  });

  test('a percentage typed for an indicator that is not a percentage is refused', async () => {
    expect(text(await call('BAND', 'CPP_Abuse_Rate', '70%'))).toMatch(
      /^#VALUE! value "70%" is a percentage, but LAIT publishes CPP_Abuse_Rate as Rate per 10,000/,
    );
    expect(await call('RANK', 'CPP_Abuse_Rate', 0.5)).toBe(1); // a rate per 10,000 below 1 is just small
    expect(await call('RANK', 'KS2R_Prog_VA', 0.5)).toBe(await call('RANK', 'KS2R_Prog_VA', '0.5')); // a score is never a fraction
  });

  test('over a release in memory the check answers synchronously (no promise per cell)', () => {
    expect(now('BAND', 'ReReferral', '25.5%')).toBe(now('BAND', 'ReReferral', 25.5));
    expect(now('BAND', 'ReReferral', 0.223)).toBeInstanceOf(CellError);
  });

  test('a source without values in memory reads every year once, then answers the same', async () => {
    const lazy: BenchmarkSource = { catalog: () => src.catalog(), distribution: (k, y) => src.distribution(k, y) };
    const out = await invoke(functionById('BAND')!, lazy, ['LACStable_2016on', 0.1]);
    expect(text(out)).toMatch(/looks like a fraction/);
    expect(await invoke(functionById('BAND')!, lazy, ['TotPermEx', 0.1])).toBe(await call('BAND', 'TotPermEx', 0.1));
  });
});

describe('the rule never guesses wrong on published data (default release, every percentage indicator)', () => {
  const percentages = cat.indicators.filter(isPercentage);
  const small = new Map(percentages.map((i) => [i, smallValues(Object.values(release.values[i.key] ?? {}).flat())]));
  const belowOne = percentages.filter((i) => small.get(i)!.belowOne);
  const upToOne = percentages.filter((i) => small.get(i)!.upToOne);

  test('every published value of every percentage indicator, in every year, is accepted as it stands', () => {
    let checked = 0;
    const refused: string[] = [];
    for (const i of percentages) {
      for (const year of i.years) {
        for (const v of release.values[i.key]?.[year] ?? []) {
          if (v === null) continue;
          checked++;
          try {
            const [asIs, asText] = [indicatorValue(src, i, v, 'value'), indicatorValue(src, i, `${v}%`, 'value')];
            if (asIs !== v || asText !== v) refused.push(`${i.key} ${year} ${v}: read as ${String(asIs)} and ${String(asText)}`);
          } catch (e) {
            refused.push(`${i.key} ${year} ${v}: ${(e as Error).message}`);
          }
        }
      }
    }
    expect(refused).toEqual([]);
    expect(percentages.length).toBeGreaterThan(270);
    expect(checked).toBeGreaterThan(300_000);
    console.log(`${checked} published values of ${percentages.length} percentage indicators accepted as they stand`);
  });

  test('which indicators publish values of 1 point or less, and how the rule treats them', () => {
    // For these a value in (0, 1) (or exactly 1) is genuinely ambiguous and is taken as points; for every
    // other percentage it is refused. Listed so a change in the data shows up here.
    const keys = belowOne.map((i) => i.key);
    const atOne = upToOne.filter((i) => !belowOne.includes(i)).map((i) => i.key);
    console.log(`${keys.length} of ${percentages.length} percentage indicators publish a value below 1 point (not 0): ${keys.join(', ')}`);
    console.log(`${atOne.length} more publish exactly 1 point, so a typed 1 is taken as 1 point for them: ${atOne.join(', ')}`);
    expect(keys).toEqual(expect.arrayContaining(['TotPermEx', 'PriPermEx', 'SecPermEx', 'CINPermExclusion', 'PriUnauth', 'LAC_Unauth', '16-17 NEET']));
    for (const k of ['ReReferral', 'LACStable_2016on', 'CareLeaverEET', 'LAC_LongStable%', 'RevCP', 'Continue_Assess_Comp'])
      expect([...keys, ...atOne]).not.toContain(k);
    for (const i of belowOne) expect(indicatorValue(src, i, 0.5, 'value')).toBe(0.5);
    for (const i of upToOne) expect(indicatorValue(src, i, 1, 'value')).toBe(1);
  });

  test('every published value of 1 to 100 points, typed as a fraction, is refused unless the indicator publishes 1 point or less', () => {
    let refused = 0;
    const wrong: string[] = [];
    for (const i of percentages) {
      const ambiguous = (v: number) => (Math.abs(v) === 100 ? upToOne : belowOne).includes(i);
      const latest = i.years[i.years.length - 1]!;
      for (const v of release.values[i.key]?.[latest] ?? []) {
        if (v === null || Math.abs(v) < 1 || Math.abs(v) > 100) continue;
        let out: unknown;
        try {
          out = indicatorValue(src, i, v / 100, 'value');
        } catch (e) {
          out = e;
        }
        const isRefusal = out instanceof CellError && /looks like a fraction/.test(out.message);
        if (ambiguous(v) ? out !== v / 100 : !isRefusal) wrong.push(`${i.key} ${v}: ${String(out)}`);
        if (isRefusal) refused++;
      }
    }
    expect(wrong).toEqual([]);
    expect(refused).toBeGreaterThan(20_000);
  });

  test.each(['ReReferral', 'LACStable_2016on', 'CareLeaverEET', 'LAC_LongStable%', 'Continue_Assess_Comp', 'CareLeaversNEET'])(
    '%s through the cells: every LA in every year, as points, as "x%" and as a fraction',
    (key) => {
      const i: Indicator = cat.indicator(key);
      for (const year of i.years) {
        for (const v of release.values[key]?.[year] ?? []) {
          if (v === null) continue;
          const band = now('BAND', key, v, year);
          expect(now('BAND', key, `${v}%`, year)).toEqual(band);
          expect(now('RANK', key, `${v}%`, year)).toEqual(now('RANK', key, v, year));
          if (v >= 1 && v < 100) expect(text(now('BAND', key, v / 100, year))).toMatch(/^#VALUE! value .* looks like a fraction/);
        }
      }
    },
  );
});
