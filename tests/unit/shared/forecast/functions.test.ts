/**
 * CIC.CLAFORECAST and CIC.COSTFORECAST on a hand-made release: the spill shape, the point forecast worked
 * by hand, the interval's order and growth with level, the cost arithmetic, and the errors a user sees.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex as sha } from '../../../../node/release-file';
import { clearForecastCache } from '../../../../shared/formulas/forecast-cla';
import { functionById } from '../../../../shared/formulas/index';
import { invoke } from '../../../../shared/formulas/invoke';
import { contentHashOf } from '../../../../shared/release/hash';
import { ReleaseIndex } from '../../../../shared/release/release-index';
import { ReleaseSchema, type Indicator, type La, type Release } from '../../../../shared/release/schema';
import { testIndicator } from '../../../fixtures/indicator';

const YEARS = ['2016', '2017', '2018', '2019', '2020'];
const LAS: La[] = [101, 102, 103, 104, 105, 106].map((n) => ({ number: n, ons: null, name: `LA ${n}`, region: null, kind: 'la', current: true }));
LAS.push({ number: 970, ons: 'E92000001', name: 'England', region: null, kind: 'england', current: true });

// Stock at 31 March by LA (rows) and year (columns); England's own column is ignored by the model.
const STOCK = [
  [100, 104, 110, 112, 120],
  [200, 190, 205, 210, 206],
  [50, 55, 52, 60, 58],
  [400, 420, 410, 440, 450],
  [30, 28, 33, 31, 35],
  [1000, 1040, 1020, 1080, 1100],
];
const col = (rows: number[][], j: number, england: number | null) => [...rows.map((r) => r[j]!), england];
const ind = (key: string, years: string[], topic = 'Children Looked After'): Indicator => testIndicator(key, years, { topic });

function release(): Release {
  const byYear = (rows: number[][]) => Object.fromEntries(YEARS.map((y, j) => [y, col(rows, j, 9999)]));
  const starts = STOCK.map((r) => r.map((v) => Math.round(v * 0.4)));
  const ceased = STOCK.map((r) => r.map((v) => Math.round(v * 0.38)));
  const base = {
    schemaVersion: 1 as const,
    id: 'forecast-test',
    title: 't',
    asOf: '2026-01-01',
    attribution: 't',
    sources: [],
    las: LAS,
    indicators: [
      ind('LACnum', YEARS),
      ind('LACnum_Start', YEARS),
      ind('LACceased', YEARS),
      ind('LACFinance', ['2018-19 (OT)', '2019-20 (OT)'], "Children's Service Finance"),
    ],
    values: {
      LACnum: byYear(STOCK),
      LACnum_Start: byYear(starts),
      LACceased: byYear(ceased),
      LACFinance: { '2018-19 (OT)': [1000, 1100, 1200, 1300, 1400, 1500, 1250], '2019-20 (OT)': [1050, null, 1260, 1365, 1470, 1575, 1300] },
    },
    neighbours: {},
    unitCosts: [{ type: 'All children looked after', aliases: ['cla'], measure: 'LACFinance', description: 't' }],
  };
  return ReleaseSchema.parse({ ...base, contentHash: contentHashOf(base, sha) });
}

const src = new ReleaseIndex(release());
const call = (id: string, ...args: unknown[]) => invoke(functionById(id)!, src, args);

beforeEach(() => clearForecastCache());

describe('CIC.CLAFORECAST', () => {
  it('spills a header row, then year (31 March, as text), expected, lower, upper for 3 years from the latest', async () => {
    const out = (await call('CLAFORECAST', 101)) as unknown[][];
    expect(out[0]).toEqual(['Year (31 March)', 'Expected', 'Lower', 'Upper']);
    expect(out.map((r) => r[0])).toEqual(['Year (31 March)', '2021', '2022', '2023']);
    // This release has no child population or neighbour groups, so no LA has a level against its
    // neighbours and the model is persistence: 120 each year.
    for (const r of out.slice(1)) expect(r[1]).toBe(120);
    for (const r of out.slice(1)) expect((r[2] as number) <= (r[1] as number) && (r[1] as number) <= (r[3] as number)).toBe(true);
  });

  it("from_year uses only data up to it: from 2019 the point forecast is 2019's 112", async () => {
    const out = (await call('CLAFORECAST', 'LA 101', 1, 2019)) as unknown[][];
    expect(out[1]![0]).toBe('2020');
    expect(out[1]![1]).toBe(112);
  });

  it('a higher level gives a wider interval around the same expected value', async () => {
    const a = (await call('CLAFORECAST', 104, 2, null, 0.6)) as number[][];
    const b = (await call('CLAFORECAST', 104, 2, null, 0.95)) as number[][];
    for (const i of [1, 2]) {
      expect(b[i]![1]).toBe(a[i]![1]);
      expect(b[i]![2]).toBeLessThanOrEqual(a[i]![2]!);
      expect(b[i]![3]).toBeGreaterThanOrEqual(a[i]![3]!);
    }
  });

  it('#N/A with the reason when too few earlier origins exist to calibrate (from 2017: only 2016 before it)', async () => {
    const out = await call('CLAFORECAST', 101, 1, 2017);
    expect(String(out)).toMatch(/too few earlier origins/);
  });

  it.each([
    [[101, 0], /years must be a whole number from 1 to 10/],
    [[101, 2.5], /years must be/],
    [[101, 3, null, 80], /level 80 looks like a percentage .*type 80% or 0\.8/],
    [[101, 3, null, 0.3], /level must be from 50% to 99%, not 30%/],
    [[101, 3, 2030], /no data for year "2030"/],
    [[970], /local authority, not England/],
    [['Nowhere'], /Unknown local authority/],
  ])('bad input %j → a clear error', async (args, msg) => {
    expect(String(await call('CLAFORECAST', ...(args as unknown[])))).toMatch(msg);
  });
});

describe('CIC.COSTFORECAST', () => {
  it("by UK financial year: weekly unit cost × 365/7 × children at the 31 March closing the year, inflation compounded from the unit cost's year", async () => {
    const kids = (await call('CLAFORECAST', 103, 3, 2020)) as number[][];
    const cost = (await call('COSTFORECAST', 103, 3, 2020, 0.05)) as unknown[][];
    expect(cost[0]).toEqual(['Financial year', 'Expected £', 'Lower £', 'Upper £']);
    expect(cost.slice(1).map((r) => r[0])).toEqual(['2020/21', '2021/22', '2022/23']);
    // Base: 2019-20 (OT), ending 31 March 2020: £1260 a week; FY 2020/21 ends 2021 → one year of inflation.
    for (let h = 1; h <= 3; h++) {
      const perChild = (1260 * Math.pow(1.05, h) * 365) / 7;
      for (const c of [1, 2, 3]) expect(cost[h]![c]).toBeCloseTo(perChild * kids[h]![c]!, 6);
    }
  });

  it('an LA without the latest unit cost uses its latest published one, compounded from that year', async () => {
    const kids = (await call('CLAFORECAST', 102, 1, 2020)) as number[][];
    const cost = (await call('COSTFORECAST', 102, 1, 2020, '4%', null, 'detail')) as unknown[][];
    expect(cost[0]).toEqual([
      'Financial year',
      'Children (31 March)',
      'Children lower',
      'Children upper',
      'Weekly unit cost £',
      'Expected £',
      'Lower £',
      'Upper £',
    ]);
    // 2019-20 missing for LA 102: 2018-19's £1100, ending 2019, so FY 2020/21 is two years on.
    expect(cost[1]![4]).toBeCloseTo(1100 * 1.04 * 1.04, 9);
    expect(cost[1]![1]).toBe(kids[1]![1]);
    expect(cost[1]![5]).toBeCloseTo(((1100 * 1.04 * 1.04 * 365) / 7) * kids[1]![1]!, 6);
  });

  it('from a year before any unit cost: #N/A saying so; a bad view or inflation: #VALUE!', async () => {
    expect(String(await call('COSTFORECAST', 101, 1, 2018))).toMatch(/no LACFinance unit cost .* 31 March 2018/);
    expect(String(await call('COSTFORECAST', 101, 1, null, 0, null, 'pie'))).toMatch(/view must be "total" or "detail"/);
    expect(String(await call('COSTFORECAST', 101, 1, null, 5))).toMatch(/inflation 5 looks like a percentage .*type 5% or 0\.05/);
    expect(String(await call('COSTFORECAST', 101, 1, null, -0.6))).toMatch(/inflation must be more than -50% and less than 100% a year, not -60%/);
  });
});
