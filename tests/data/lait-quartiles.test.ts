/**
 * Real-data check of the quartile/band math against the DfE LAIT data set (research copy in
 * ../shared/research-data, outside the repo). Skips when that folder is absent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { bandOf } from '../../shared/benchmark/band';
import { parsePolarity, type Band } from '../../shared/benchmark/polarity';
import { boundaries, sortedNumeric, type Boundaries } from '../../shared/benchmark/quartile';

const DATA = path.resolve(__dirname, '../../../shared/research-data');
const LAIT = path.join(DATA, 'lait');
const present = fs.existsSync(path.join(LAIT, 'bds_long.csv'));
if (!present) console.warn(`lait-quartiles: skipped because ../shared is absent (${DATA} not found)`);

const BANDS: readonly Band[] = ['A', 'B', 'C', 'D'];

/** R's quantile(type = 7), written as R writes it: (1 − h)·x[lo] + h·x[hi], 1-based index 1 + (n−1)p. */
function rType7(sorted: readonly number[], p: number): number {
  const index = 1 + (sorted.length - 1) * p;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const xlo = sorted[lo - 1] as number;
  const xhi = sorted[hi - 1] as number;
  const h = index - lo;
  return index > lo && xhi !== xlo ? (1 - h) * xlo + h * xhi : xlo;
}

/** measure → year → LA values (LA Number < 970, numeric text only: '-' etc. are missing). */
type Values = Map<string, Map<string, number[]>>;

function loadLaValues(): Values {
  const rows: string[][] = parse(fs.readFileSync(path.join(LAIT, 'bds_long.csv'), 'utf8'), { from_line: 2 });
  const out: Values = new Map();
  for (const [measure, , year, , text, laNumber] of rows) {
    if (!measure || !year || !text || Number(laNumber) >= 970) continue;
    const v = Number(text);
    if (text.trim() === '' || !Number.isFinite(v)) continue;
    let years = out.get(measure);
    if (!years) out.set(measure, (years = new Map()));
    let vs = years.get(year);
    if (!vs) years.set(year, (vs = []));
    vs.push(v);
  }
  return out;
}

function bandCounts(sorted: readonly number[], b: Boundaries, polarity: 'High' | 'Low'): number[] {
  const counts = [0, 0, 0, 0];
  for (const v of sorted) counts[BANDS.indexOf(bandOf(v, b, polarity))]! += 1;
  return counts;
}

describe.skipIf(!present)('LAIT data: quartile boundaries and bands (skipped when ../shared is absent)', () => {
  let values: Values;
  beforeAll(() => {
    values = loadLaValues();
  });

  it('LACStable_2016on, 2025: n = 151, Q1/Q2/Q3 = 8/10/12, Low bands A–D = 39/38/45/29', () => {
    const sorted = sortedNumeric(values.get('LACStable_2016on')?.get('2025') ?? []);
    expect(sorted).toHaveLength(151);
    const b = boundaries(sorted);
    expect(b.slice(1, 4)).toEqual([8, 10, 12]);
    expect(bandCounts(sorted, b, 'Low')).toEqual([39, 38, 45, 29]);
  });

  it('every High/Low measure, latest year: boundaries = R type 7; bands sum to n; boundary values follow the polarity rule', () => {
    const dict: Record<string, string>[] = parse(fs.readFileSync(path.join(LAIT, 'lait_data_dictionary.csv'), 'latin1'), {
      columns: true,
      relax_column_count: true,
    });
    const blank = () => ({ checked: 0, valueOnBoundary: 0, valueOnQ1orQ3: 0, tiedBoundaries: 0 });
    const tally = { High: blank(), Low: blank() };
    let notBitIdentical = 0;
    const examples: string[] = [];
    for (const row of dict) {
      const polarity = parsePolarity(row.Polarity);
      const years = values.get(row.Measure_short ?? '');
      // No polarity or LAIT's no-quartile flag → no band; measures without LA data can't be checked.
      if (!polarity || row.No_Quartile === 'N' || !years) continue;
      const latest = [...years.keys()].sort().at(-1)!; // a measure's year labels share one format
      const sorted = sortedNumeric(years.get(latest)!);
      const b = boundaries(sorted);
      const r: Boundaries = [sorted[0]!, rType7(sorted, 0.25), rType7(sorted, 0.5), rType7(sorted, 0.75), sorted.at(-1)!];
      // Same maths, different float expression: equal to within rounding (bands compared exactly below).
      for (let k = 0; k < 5; k++) expect(Math.abs(b[k]! - r[k]!)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(r[k]!)));
      if (b.some((q, k) => q !== r[k])) notBitIdentical++;
      for (const v of sorted) expect(bandOf(v, b, polarity)).toBe(bandOf(v, r, polarity));

      const counts = bandCounts(sorted, b, polarity);
      expect(counts.reduce((s, c) => s + c, 0)).toBe(sorted.length);

      const t = tally[polarity];
      t.checked++;
      let onBoundary = 0;
      let onOuter = 0; // Q2 is a data value whenever n is odd, so Q1/Q3 ties are the telling ones
      for (const v of sorted) {
        const k = [b[1], b[2], b[3]].indexOf(v) + 1; // lowest boundary Q_k the value sits on, 0 if none
        if (k === 0) continue;
        onBoundary++;
        if (v === b[1] || v === b[3]) onOuter++;
        expect(bandOf(v, b, polarity)).toBe(polarity === 'Low' ? BANDS[k - 1] : BANDS[4 - k]);
      }
      if (onOuter > 0) t.valueOnQ1orQ3++;
      if (onBoundary > 0) {
        t.valueOnBoundary++;
        if (examples.length < 5) examples.push(`${row.Measure_short} ${latest} (${polarity}): Q=${b.join('/')} bands=${counts.join('/')}`);
      }
      if (b[1] === b[2] || b[2] === b[3]) t.tiedBoundaries++;
    }
    console.log(
      'LAIT latest-year indicator checks',
      JSON.stringify(tally),
      `boundaries not bit-identical to R's formula: ${notBitIdentical}`,
      '\nexamples with LA values exactly on a boundary:\n ',
      examples.join('\n  '),
    );
    expect(tally.High.checked + tally.Low.checked).toBeGreaterThan(100);
  });
});
