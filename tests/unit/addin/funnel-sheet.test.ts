/** The funnel plot: every LA with counts, limits that are Wilson intervals around England, and a native scatter chart. */
import { describe, expect, it } from 'vitest';
import { FUNNEL_SHEET, funnelData, writeFunnelSheet } from '../../../addin/excel/funnel-sheet';
import { readReleaseFile } from '../../../node/release-file';
import { evaluateFormula } from '../../../shared/formulas/evaluate';
import { ReleaseIndex } from '../../../shared/release/release-index';
import { funnelLimit } from '../../../shared/statistics/funnel';
import { mockExcel } from './excel-mock';

const release = readReleaseFile();
const src = new ReleaseIndex(release);

describe('funnel plot', async () => {
  const data = await funnelData(src, 'LACStable_2016on', '2025');

  it('has every LA whose counts are published, with its published value and denominator', async () => {
    expect(data.points.length).toBeGreaterThan(140);
    const leics = data.points.find((p) => p.la === 855)!;
    expect(leics.value).toBe(await evaluateFormula('=CIC.VALUE("LACStable_2016on", 855, 2025)', src));
    expect(leics.n).toBe(await evaluateFormula('=CIC.VALUE("LACnum", 855, 2025)', src));
  });

  it("centres on England's proportion from England's counts, with PHE's funnel limits at each denominator", () => {
    const x = release.values.LACStableNum_2016on!['2025']![release.las.findIndex((l) => l.number === 970)]!;
    const n = release.values.LACnum!['2025']![release.las.findIndex((l) => l.number === 970)]!;
    expect(data.england).toBeCloseTo((x / n) * 100, 10);
    for (const [den, lo998, lo95, centre, hi95, hi998] of data.limits as [number, number, number, number, number, number][]) {
      expect(lo95).toBeCloseTo(funnelLimit(0.975, den, x / n, 'low'), 12);
      expect(hi95).toBeCloseTo(funnelLimit(0.975, den, x / n, 'high'), 12);
      expect(hi998).toBeCloseTo(funnelLimit(0.999, den, x / n, 'high'), 12);
      expect(lo998).toBeLessThanOrEqual(lo95); // both held at 0 for tiny denominators
      expect(hi998).toBeGreaterThanOrEqual(hi95);
      expect(centre).toBeCloseTo(data.england, 12);
    }
  });

  it('flags an LA outside the limits exactly when its value is outside them at its denominator', () => {
    for (const p of data.points) {
      const lo = funnelLimit(0.999, p.n, data.england / 100, 'low');
      const hi = funnelLimit(0.999, p.n, data.england / 100, 'high');
      expect(p.outside998, p.name).toBe(p.value < lo || p.value > hi);
      if (p.outside998) expect(p.outside95).toBe(true);
    }
  });

  it('an indicator without counts has no funnel, nor a rate', async () => {
    await expect(funnelData(src, 'CareLeaverEET')).rejects.toThrow(/no counts/);
    await expect(funnelData(src, 'LAC')).rejects.toThrow(/rate/);
  });

  it('writes the points, the limits and a scatter chart with five limit lines', async () => {
    const { context, written } = mockExcel();
    await writeFunnelSheet(context, data);
    const ws = written(FUNNEL_SHEET);
    const chart = ws.charts[0]!;
    expect(chart.type).toBe('XYScatter');
    expect(chart.series.map((s) => s.name)).toEqual(['Local authorities', 'Lower 99.8%', 'Lower 95%', 'England', 'Upper 95%', 'Upper 99.8%']);
    expect(chart.series.slice(1).every((s) => s.chartType === 'XYScatterLinesNoMarkers')).toBe(true);
    expect(ws.ranges.find((r) => r.values?.[0]?.[0] === 'LA number')!.values!.length).toBe(data.points.length + 1);
  });
});
