/**
 * CIC.DEMAND against cases worked by hand (closed forms computed separately, not by the engine's loop):
 * decay, a transfer between two states, constant entrants to steady state, and cost with inflation.
 */
import { describe, expect, it } from 'vitest';
import { CellError } from '../../../../shared/excel/errors';
import { functionById } from '../../../../shared/formulas/index';
import { invoke } from '../../../../shared/formulas/invoke';
import { projectDemand } from '../../../../shared/demand/model';
import { ReleaseIndex } from '../../../../shared/release/release-index';
import { syntheticRelease } from '../../../fixtures/synthetic-release';

const src = new ReleaseIndex(syntheticRelease());
const demand = (...args: unknown[]) => invoke(functionById('DEMAND')!, src, args);
const col = (...v: unknown[]) => v.map((x) => [x]);
const near = (got: unknown, want: number, rel = 0.005) => {
  expect(typeof got).toBe('number');
  expect(Math.abs((got as number) - want)).toBeLessThanOrEqual(Math.abs(want) * rel + 1e-9);
};

describe('CIC.DEMAND hand-computed cases', () => {
  it('is workbook-only', () => {
    expect(functionById('DEMAND')!.data).toBe('workbook');
    expect(functionById('DEMAND')!.params.map((p) => p.name)).toEqual([
      'states',
      'stock',
      'transitions',
      'exits',
      'entrants',
      'start',
      'years',
      'weekly_costs',
      'inflation',
      'view',
    ]);
  });

  // DfE counts children in care at the end of 31 March: from the stock the morning of 1 April (the end of the
  // previous 31 March) that is 365 daily steps, 366 in a year with 29 February.
  it('pure decay: 1000 children, exit 0.001/day → 1000·0.999^365 at the end of 31 March 2026, 0.999^730 a year on', async () => {
    const out = (await demand(col('A'), col(1000), [[0]], col(0.001), col(0), '2025-04-01', 2)) as unknown[][];
    expect(out[0]).toEqual(['Financial year', 'A', 'Total']);
    expect(out.map((r) => r[0])).toEqual(['Financial year', '2025/26', '2026/27']);
    near(out[1]![1], 1000 * 0.999 ** 365, 1e-12);
    near(out[2]![1], 1000 * 0.999 ** 730, 1e-12);
    near(out[2]![2], 1000 * 0.999 ** 730, 1e-12);
  });

  it('a year with 29 February is 366 steps: 1000·0.999^366 at the end of 31 March 2028', async () => {
    const out = (await demand(col('A'), col(1000), [[0]], col(0.001), col(0), '2027-04-01', 1)) as number[][];
    near(out[1]![1], 1000 * 0.999 ** 366, 1e-12);
  });

  it('pure decay band: binomial variance N·q^t·(1−q^t) = 212.34 at the end of 31 March 2026 (t = 365)', async () => {
    const out = (await demand(col('A'), col(1000), [[0]], col(0.001), col(0), '2025-04-01', 1, null, null, 'band')) as number[][];
    expect(out[0]).toEqual(['Financial year', 'Total', 'Lower', 'Upper']);
    const q = 0.999 ** 365;
    const sd = Math.sqrt(1000 * q * (1 - q));
    near(out[1]![1], 1000 * q, 1e-12);
    near(out[1]![2], 1000 * q - 2 * sd, 1e-9);
    near(out[1]![3], 1000 * q + 2 * sd, 1e-9);
  });

  it('transfer A → B at 0.01/day: A = 1000·0.99^365 = 25.52, B the rest, and no spread in the total', async () => {
    const out = (await demand(
      col('A', 'B'),
      col(1000, 0),
      [
        [0, 0.01],
        [0, 0],
      ],
      col(0, 0),
      col(0, 0),
      '2025-04-01',
      1,
    )) as number[][];
    expect(out[0]).toEqual(['Financial year', 'A', 'B', 'Total']);
    near(out[1]![1], 1000 * 0.99 ** 365, 1e-12);
    near(out[1]![2], 1000 - 1000 * 0.99 ** 365, 1e-12);
    near(out[1]![3], 1000);
    const band = (await demand(
      col('A', 'B'),
      col(1000, 0),
      [
        [0, 0.01],
        [0, 0],
      ],
      col(0, 0),
      col(0, 0),
      '2025-04-01',
      1,
      null,
      null,
      'band',
    )) as number[][];
    // Moves between states cannot change the total: the covariance cancels the two states' variances.
    near(band[1]![2], 1000);
    near(band[1]![3], 1000);
  });

  it('entrants: 2 a day, exit 0.01/day → e/x·(1−(1−x)^t) = 194.90 after a year, steady state e/x = 200', async () => {
    const out = (await demand(col('A'), col(0), [[0]], col(0.01), col(2), '2025-04-01', 10)) as number[][];
    near(out[1]![1], 200 * (1 - 0.99 ** 365), 1e-12);
    near(out[10]![1], 200);
    // In steady state the number in care is Poisson (an M/M/∞ queue): variance = mean = 200.
    const band = (await demand(col('A'), col(0), [[0]], col(0.01), col(2), '2025-04-01', 10, null, null, 'band')) as number[][];
    near(band[10]![2], 200 - 2 * Math.sqrt(200));
    near(band[10]![3], 200 + 2 * Math.sqrt(200));
  });

  it('cost with inflation: 10 children at £700/week from 1 Oct 2025, 10% a year from each anniversary', async () => {
    // 2025/26: 182 days × £1,000; 2026/27: 183 days × £1,000 + 182 days × £1,100 (after 1 Oct 2026).
    const out = (await demand(col('A'), col(10), [[0]], col(0), col(0), '2025-10-01', 2, col(700), 0.1, 'cost')) as number[][];
    near(out[1]![1], 182_000, 1e-9);
    near(out[2]![1], 383_200, 1e-9);
    near(out[2]![2], 383_200, 1e-9);
  });

  it('cost of a decaying stock: £70/week = £10/day per child, Σ 1000·0.999^t·10 over 365 days', async () => {
    const out = (await demand(col('A'), col(1000), [[0]], col(0.001), col(0), '2025-04-01', 1, 70, null, 'cost')) as number[][];
    near(out[1]![1], 3_059_301.13);
  });

  it('the first year is part-year and counts the end of the 31 March after start', async () => {
    const out = (await demand(col('A'), col(100), [[0]], col(0.001), col(0), '2026-03-01', 2)) as number[][];
    expect(out.map((r) => r[0])).toEqual(['Financial year', '2025/26', '2026/27']);
    near(out[1]![1], 100 * 0.999 ** 31, 1e-12);
    near(out[2]![1], 100 * 0.999 ** 396, 1e-12);
  });

  it('states and tables may be rows; blank rate cells are 0', async () => {
    const out = (await demand(
      [['A', 'B']],
      [[10, 5]],
      [
        ['', ''],
        [null, ''],
      ],
      [['', '']],
      [[0, 0]],
      '2025-04-01',
      1,
    )) as number[][];
    expect(out[1]).toEqual(['2025/26', 10, 5, 15]);
  });
});

describe("CIC.DEMAND input errors in the user's terms", () => {
  const message = async (...args: unknown[]) => {
    const r = await demand(...args);
    expect(r).toBeInstanceOf(CellError);
    return `${(r as CellError).code} ${(r as CellError).message}`;
  };
  const ok = [
    col('A', 'B'),
    col(10, 5),
    [
      [0, 0.1],
      [0.05, 0],
    ],
    col(0.01, 0.01),
    col(0, 0),
    '2025-04-01',
    2,
  ] as const;
  it.each([
    [
      {
        2: [
          [0, 0.5],
          [0.3, 0],
        ],
        3: col(0.2, 1),
      },
      /#VALUE! transitions row 2 \("B"\) sums to 1.3 with its exit rate; outflows must be ≤ 1/,
    ],
    [
      {
        2: [
          [0, 0.1, 0],
          [0, 0, 0],
        ],
      },
      /transitions must be 2×2/,
    ],
    [
      {
        2: [
          [0, -0.1],
          [0, 0],
        ],
      },
      /transitions row 1, column 2 is -0.1; a daily probability must be between 0 and 1/,
    ],
    [{ 1: col(10) }, /stock has 1 values but states has 2/],
    [{ 1: col(10, -1) }, /stock for "B" \(item 2\) is -1; children cannot be negative/],
    [{ 3: col(0.01, 2) }, /exits for "B" \(item 2\) is 2/],
    [{ 4: col(-1, 0) }, /entrants for "A" \(item 1\) is -1/],
    [{ 0: col('A', 'a') }, /states 1 and 2 are both "a"/],
    [{ 6: 0 }, /years must be a whole number from 1 to 50/],
    [{ 6: 2.5 }, /years must be a whole number/],
    [{ 5: 'soon' }, /start must be a date/],
    [{ 1: col(10, 'ten') }, /stock for "B" must be a number, not "ten"/],
  ])('%o → %s', async (patch, want) => {
    const args: unknown[] = [...ok];
    for (const [i, v] of Object.entries(patch)) args[Number(i)] = v;
    expect(await message(...args)).toMatch(want);
  });
  it('cost needs weekly costs; view must be a known word', async () => {
    expect(await message(...ok, null, null, 'cost')).toMatch(/weekly_costs is required for view "cost"/);
    expect(await message(...ok, null, null, 'money')).toMatch(/view must be "children", "cost" or "band"/);
  });
});

describe('variance forms', () => {
  it("D2I's additive variance is wider than the propagated one for a long decay (it never shrinks)", () => {
    const m = { states: ['A'], stock: [1000], transitions: [[0]], exits: [0.001], entrants: [0] };
    const o = { start: new Date(Date.UTC(2025, 3, 1)), years: 3 };
    const exact = projectDemand(m, { ...o, variance: 'multinomial' });
    const d2i = projectDemand(m, { ...o, variance: 'd2i' });
    const t = 365 + 365 + 366; // 1 April 2025 to the end of 31 March 2028 (29 February 2028 inside)
    const q = 0.999 ** t;
    near(exact[2]!.totalVariance, 1000 * q * (1 - q));
    expect(d2i[2]!.totalVariance).toBeGreaterThan(exact[2]!.totalVariance);
  });
});
