/**
 * Central data never runs in a council's workbook. A release whose every label is a formula, a sheet
 * reference or a string literal broken out of goes through every sheet writer; so does the same release with
 * plain labels. Excel parses a cell as a formula when its text starts with = + - @ (or their full-width forms);
 * a leading tab or line break is how CSV-style injection hides one. So in the hostile run:
 *   - every written cell that Excel would parse is one of the writer's own formulas: with its string literals
 *     emptied, it is a formula the plain run also wrote (release text changes only what is inside literals);
 *   - every literal in it is well formed ("" inside, closed), so no label ends one early;
 *   - release text written as a cell is there as text: behind Excel's ' text prefix when it would parse.
 * Charts' titles and series names are held to the same rule.
 */
import { describe, expect, it } from 'vitest';
import { benchmarkRows, benchmarkSeries } from '../../../addin/excel/benchmark-data';
import { writeBaselineSheet } from '../../../addin/excel/baseline-sheet';
import { writeBenchmarkSheet } from '../../../addin/excel/benchmark-sheet';
import { writeDashboardSheet } from '../../../addin/excel/dashboard-sheet';
import { demandTablesFromFiles, writeDemandSheets } from '../../../addin/excel/demand-sheet';
import { SEED_TYPES, unitCostFormula, writeForecastSheet } from '../../../addin/excel/forecast-sheet';
import { funnelData, writeFunnelSheet } from '../../../addin/excel/funnel-sheet';
import { ReleaseIndex } from '../../../shared/release/release-index';
import { previousYear } from '../../../shared/release/years';
import type { Release } from '../../../shared/release/schema';
import { countedRelease, HOSTILE, hostileRelease } from '../../fixtures/hostile-release';
import { synthetic903 } from '../../fixtures/ssda903';
import { mockExcel, type MockSheet } from './excel-mock';

/** What Excel's entry parser would not keep as the text it was given. */
const PARSED = /^[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20]/;

/** A formula with each string literal emptied; throws on a literal left open. */
function skeleton(formula: string): string {
  let out = '';
  for (let i = 0; i < formula.length; i++) {
    if (formula[i] !== '"') {
      out += formula[i];
      continue;
    }
    let j = i + 1;
    for (;;) {
      if (j >= formula.length) throw new Error(`an unclosed string literal in ${formula}`);
      if (formula[j] === '"') {
        if (formula[j + 1] === '"') j += 2;
        else break;
      } else j++;
    }
    out += '""';
    i = j;
  }
  return out;
}

interface Written {
  cells: { sheet: string; address: string; value: string; via: 'values' | 'formulas' }[];
  charts: string[];
}

function written(sheets: MockSheet[]): Written {
  const cells: Written['cells'] = [];
  const charts: string[] = [];
  for (const s of sheets.filter((x) => !x.deleted)) {
    for (const r of s.ranges)
      for (const via of ['values', 'formulas'] as const)
        r[via]?.flat().forEach((v) => {
          if (typeof v === 'string') cells.push({ sheet: s.name, address: r.address, value: v, via });
        });
    for (const c of s.charts) charts.push(...[c.title.text, ...c.series.map((x) => x.name)].filter((t): t is string => typeof t === 'string'));
  }
  return { cells, charts };
}

type Writer = (release: Release) => Promise<MockSheet[]>;

const first = (r: Release, key: string) => r.indicators.find((i) => i.name.includes(key) || i.key === key)!;
const la855 = (r: Release) => ({ number: 855, name: r.las.find((l) => l.number === 855)!.name });

const WRITERS: Record<string, Writer> = {
  async benchmark(r) {
    const src = new ReleaseIndex(r);
    const keys = r.indicators.map((i) => i.key);
    const chart = first(r, 'LowGood');
    const rows = await benchmarkRows(src, 855, keys);
    const series = await benchmarkSeries(src, 855, chart.key);
    const { context, sheets } = mockExcel();
    await writeBenchmarkSheet(context, {
      la: la855(r),
      release: { id: r.id, title: r.title },
      rows,
      chart: { key: chart.key, name: chart.name, polarity: chart.polarity, series },
    });
    return sheets;
  },
  async dashboard(r) {
    const indicators = r.indicators.map((i) => {
      const latest = i.years[i.years.length - 1]!;
      return { key: i.key, name: i.name, latestYear: latest, previousYear: previousYear(i.years, latest), counts: r.counts?.[i.key] ?? null };
    });
    const { context, sheets } = mockExcel();
    await writeDashboardSheet(context, { la: la855(r), indicators });
    return sheets;
  },
  async baseline(r) {
    const { context, sheets } = mockExcel();
    await writeBaselineSheet(context, { la: la855(r), years: 3, history: first(r, 'LowGood').years });
    return sheets;
  },
  async forecast(r) {
    // As the pane builds it with "use the release's unit costs" ticked.
    const type = r.unitCosts[0]!.type;
    const types = SEED_TYPES.map((t) => (t.type.startsWith('Residential') ? { ...t, weeklyCost: unitCostFormula(type) } : t));
    const { context, sheets } = mockExcel();
    await writeForecastSheet(context, { types, startYear: first(r, 'LowGood').years[1]!, years: 3, stepDowns: [] });
    return sheets;
  },
  async funnel(r) {
    const src = new ReleaseIndex(r);
    const high = first(r, 'HighGood');
    const { context, sheets } = mockExcel();
    await writeFunnelSheet(context, await funnelData(src, high.key, high.years[1]));
    return sheets;
  },
  async demand(r) {
    const s = synthetic903({ seed: 5, years: 2 });
    const t = demandTablesFromFiles(s.header, s.episodes);
    // The states are the model's own names; a writer still treats them as text, so they are relabelled too.
    const hostile = r.title === HOSTILE.title;
    const tables = hostile ? { ...t, states: t.states.map((st, i) => (i % 2 ? `=${st}` : `@${st}`)) } : t;
    const { context, sheets } = mockExcel();
    await writeDemandSheets(context, tables, {
      years: 3,
      inflation: 0.02,
      weeklyCosts: { Residential: unitCostFormula(r.unitCosts[0]!.type), Fostering: 600 },
    });
    return sheets;
  },
};

const plain = countedRelease();
const hostile = hostileRelease();
const hostileTexts = [
  ...hostile.indicators.flatMap((i) => [i.key, i.name, ...i.years]),
  ...hostile.las.flatMap((l) => [l.name, l.region ?? '']),
  hostile.unitCosts[0]!.type,
  hostile.title,
].filter((t) => PARSED.test(t));

describe('a hostile release through every sheet writer', () => {
  it.each(Object.keys(WRITERS))('%s: no cell or chart text runs as a formula, and release text inside formulas stays inside literals', async (name) => {
    const write = WRITERS[name]!;
    const ours = new Set(
      written(await write(plain))
        .cells.filter((c) => c.value.startsWith('='))
        .map((c) => skeleton(c.value)),
    );
    const got = written(await write(hostile));
    const parsed = got.cells.filter((c) => PARSED.test(c.value));
    for (const c of parsed) {
      const where = `${c.sheet}!${c.address} (${c.via}): ${JSON.stringify(c.value)}`;
      expect(c.value.startsWith('='), where).toBe(true);
      expect(ours.has(skeleton(c.value)), `${where} is not one of the writer's own formulas`).toBe(true);
    }
    for (const t of got.charts) expect(PARSED.test(t), `chart text ${JSON.stringify(t)}`).toBe(false);
    // The hostile labels the writer shows are there, as text.
    const shown = got.cells.filter((c) => c.value.startsWith("'")).map((c) => c.value.slice(1));
    expect(shown.length).toBeGreaterThan(0);
    for (const s of shown) if (PARSED.test(s)) expect(hostileTexts.some((h) => s.includes(h)) || name === 'demand').toBe(true);
  });

  it('labels inside formulas are escaped literals, and a label that would end the literal early does not', async () => {
    const got = written(await WRITERS.dashboard!(hostile));
    const sig = got.cells.find((c) => c.value.includes('CIC.SIGCHANGE'))!.value;
    expect(sig).toContain(`CIC.VALUE("${HOSTILE.keys.HighNum!.replace(/"/g, '""')}",$B$3,`);
    const base = written(await WRITERS.baseline!(hostile));
    const scenario = base.cells.find((c) => c.value.startsWith('=INDEX(CIC.FORECAST'))!.value;
    expect(scenario).toContain(`"${HOSTILE.years['2025']!.replace(/"/g, '""')}"`);
    expect(unitCostFormula(HOSTILE.unitType)).toBe(`=CIC.UNITCOST("${HOSTILE.unitType.replace(/"/g, '""')}")`);
  });

  it('an LA name is written as the text the release holds, behind the text prefix', async () => {
    const high = first(hostile, 'HighGood');
    const data = await funnelData(new ReleaseIndex(hostile), high.key, high.years[1]);
    const names = new Set(written(await WRITERS.funnel!(hostile)).cells.map((c) => c.value));
    const risky = data.points.filter((p) => PARSED.test(p.name));
    expect(risky.length).toBeGreaterThan(3);
    for (const p of risky) expect(names.has(`'${p.name}`), p.name).toBe(true);
  });
});
