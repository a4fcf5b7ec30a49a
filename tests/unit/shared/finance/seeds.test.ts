/**
 * The users' own figures (Leicestershire committee papers in ../shared/seeds) checked against the engine.
 * Tests assert the real arithmetic; where a seed's claim does not follow from its own numbers, the test
 * says so rather than bending the engine to it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { annualCost } from '../../../../shared/finance/costs';
import { forecast } from '../../../../shared/finance/forecast';

const SEEDS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../shared/seeds');
const COST_TABLE_SEED = path.join(SEEDS, '001_4cc4eb1761898357.txt');
const STRATEGY_SEED = path.join(SEEDS, '002_def840bf2424c9c7.txt');
const seedsAbsent = !existsSync(COST_TABLE_SEED) || !existsSync(STRATEGY_SEED);
if (seedsAbsent) console.warn('finance seed checks skipped: ../shared absent');

/** The seeds' placement cost table (001, "Placement Name"): [type, weekly £, annual £ as published]. */
const COST_TABLE: [string, number, number][] = [
  ['SGO', 180, 9_360],
  ['Kinship/Connected', 344.5, 17_914],
  ['Mainstream Foster Care', 549, 28_548],
  ['Pathway Fostering Carer (Specialist)', 855, 44_460],
  ['1/1 Fostering Carer (Specialist)', 1075, 55_900],
  ['IFA', 800, 41_600],
  ['High Cost IFA', 1100, 57_200],
  ['Staying Put', 275, 14_300],
  ['Supported Lodgings - Internal', 385, 20_020],
  ['16 + - External', 1250, 65_000],
  ['Residential - External', 4100, 213_200],
];

/** Rows after the "Placement Name" header up to the first blank line, tab-separated. */
function parseCostTable(text: string): [string, number, number][] {
  const lines = text.split(/\r?\n/);
  const header = lines.findIndex((l) => l.startsWith('Placement Name\t'));
  const rows: [string, number, number][] = [];
  for (const line of lines.slice(header + 1)) {
    if (!line.trim()) break;
    const [name, weekly, annual] = line.split('\t');
    rows.push([name!.trim(), Number(weekly!.replace(/,/g, '')), Number(annual!.replace(/,/g, ''))]);
  }
  return rows;
}

describe('placement cost table (fixture)', () => {
  it('every published annual cost is weekly × 52', () => {
    const mismatches = COST_TABLE.filter(([, weekly, annual]) => annualCost(weekly) !== annual);
    expect(mismatches).toEqual([]);
    expect(annualCost(344.5)).toBe(17_914); // Kinship, the one fractional weekly cost
  });
});

describe.skipIf(seedsAbsent)('placement cost table (seed file; skipped: ../shared absent)', () => {
  it('the seed holds exactly the 11 pinned rows', () => {
    expect(parseCostTable(readFileSync(COST_TABLE_SEED, 'utf8'))).toEqual(COST_TABLE);
  });
});

describe.skipIf(seedsAbsent)('Care Placement Strategy quotes (seed file; skipped: ../shared absent)', () => {
  it('states the figures checked below', () => {
    const text = readFileSync(STRATEGY_SEED, 'utf8').replace(/\s+/g, ' ');
    for (const quote of [
      '355 LAC on 31st March 2010 to 553 on 31st March 2018',
      'increase by a further 18% by 2021',
      'approximately 769 by the end of March 2021',
      'estimated at £12million by 2021/22',
      'There were 59 children in residential placements on the 31 March 2018 which are 10.6%',
      'projected as £10.8m, 42% of the total placement spends',
      '£3500 per week',
      '£795 per week',
    ]) {
      expect(text).toContain(quote);
    }
  });
});

describe('Care Placement Strategy arithmetic', () => {
  const LAC_2018 = 553;
  const childrenIn = (growth: number, years: number) =>
    forecast({ types: [{ name: 'LAC', children: LAC_2018, weeklyCost: 0 }], startYear: '2017/18', years: years + 1, growth }).rows.at(-1)!.children;

  it('"a further 18% by 2021" gives about 653, not 769', () => {
    expect(LAC_2018 * 1.18).toBeCloseTo(652.54, 2);
    expect(childrenIn(1.18 ** (1 / 3) - 1, 3)).toBeCloseTo(652.54, 2); // 5.67% a year for 3 years
    expect(Math.round(LAC_2018 * 1.18)).not.toBe(769);
  });

  it('769 is a 39% rise (11.6% a year compound over 2018→2021), i.e. 18% applied twice', () => {
    expect(769 / LAC_2018).toBeCloseTo(1.3906, 4);
    const annual = (769 / LAC_2018) ** (1 / 3) - 1;
    expect(annual).toBeCloseTo(0.1162, 4);
    expect(childrenIn(annual, 3)).toBeCloseTo(769, 9);
    expect(LAC_2018 * 1.18 ** 2).toBeCloseTo(770.0, 1);
  });

  it('355 → 553 (2010→2018) is a 55.8% rise, not the 48% stated', () => {
    expect(553 / 355 - 1).toBeCloseTo(0.558, 3);
  });

  it('59 of 553 is 10.67%, which rounds to 10.7%, not the 10.6% stated (truncated)', () => {
    expect((59 / 553) * 100).toBeCloseTo(10.669, 3);
    expect(((59 / 553) * 100).toFixed(1)).toBe('10.7');
  });

  it('59 residential × £3,500 × 52 = £10.738m, which is £10.7m; £10.8m needs the 365/7-week year', () => {
    const weeks52 = forecast({ types: [{ name: 'Residential', children: 59, weeklyCost: 3500 }], startYear: '2017/18', years: 1 });
    expect(weeks52.totals[0]!.annualCost).toBe(10_738_000);
    expect((weeks52.totals[0]!.annualCost / 1e6).toFixed(1)).toBe('10.7');
    const days = forecast({ types: [{ name: 'Residential', children: 59, weeklyCost: 3500 }], startYear: '2017/18', years: 1, basis: 'days' });
    expect(days.totals[0]!.annualCost).toBeCloseTo(10_767_500, 6); // 2017/18 has 365 days = 52.14 weeks
    expect((days.totals[0]!.annualCost / 1e6).toFixed(1)).toBe('10.8');
  });

  it('£10.8m being 42% puts total placement spend at about £25.7m', () => {
    expect(10.8 / 0.42).toBeCloseTo(25.71, 2);
    expect(10.7675 / 0.42).toBeCloseTo(25.64, 2);
  });

  it('£12m more by 2021/22 is more than the 39% rise in children alone (£10.04m): cost per child must rise ~5.5% too', () => {
    const total = 10.8 / 0.42;
    const growth = 769 / LAC_2018;
    expect(total * (growth - 1)).toBeCloseTo(10.04, 2);
    expect((1 + 12 / total) / growth).toBeCloseTo(1.0547, 4);
  });
});
