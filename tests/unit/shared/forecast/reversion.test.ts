/**
 * Reversion toward statistical neighbours on a made-up panel of 40 LAs whose rates drift toward their
 * neighbours' average: the fitted lines are checked against a second, independent least-squares
 * computation written from the definition, and the edges (no population, too few neighbours published, a
 * horizon no earlier origin reaches, the neighbour model for an origin).
 */
import { describe, expect, it } from 'vitest';
import { orPersistence, persistence } from '../../../../shared/forecast/models';
import { buildPanel, cutPanel, type ClaPanel } from '../../../../shared/forecast/panel';
import { neighbourModelFor, neighbourReversion, relativeLevels } from '../../../../shared/forecast/reversion';

const N = 40;
const YEARS = [2016, 2017, 2018, 2019, 2020, 2021];
const las = Array.from({ length: N }, (_, k) => 300 + k);
// LA k's group: the next ten LAs round the ring.
const groups = Object.fromEntries(las.map((n, k) => [String(n), Array.from({ length: 10 }, (_, j) => las[(k + j + 1) % N]!)]));
const pop = las.map((_, k) => 20000 + 500 * k);

// Rates per child: a spread at 2016, then each year 30% of the gap to the neighbours' mean closes, with a wobble.
const rates: number[][] = [las.map((_, k) => 0.004 + 0.0002 * ((k * 17) % N))];
for (let t = 1; t < YEARS.length; t++) {
  const prev = rates[t - 1]!;
  rates.push(
    prev.map((r, k) => {
      const m = groups[String(las[k])]!.map((n) => prev[n - 300]!).reduce((a, b) => a + b, 0) / 10;
      return r * Math.pow(m / r, 0.3) * (1 + 0.04 * Math.sin(3 * k + 5 * t));
    }),
  );
}
const stockAt = (t: number) => rates[t]!.map((r, k) => Math.round(r * pop[k]!));
const cols = (f: (t: number) => (number | null)[]) => new Map(YEARS.map((y, t) => [y, f(t)]));
const panel: ClaPanel = buildPanel(
  {
    las,
    stock: cols(stockAt),
    starts: cols(() => las.map(() => null)),
    ceased: cols(() => las.map(() => null)),
    population: cols(() => pop),
    neighbours: { '2021': groups },
  },
  2016,
  2021,
);

/** ln(rate ÷ mean of the group's rates), from the definition. */
function level(p: ClaPanel, la: number, j: number): number {
  const rate = (i: number) => p.stock[i]![j]! / p.population![i]![j]!;
  const g = groups[String(las[la])]!.map((n) => rate(las.indexOf(n)));
  return Math.log(rate(la) / (g.reduce((a, b) => a + b, 0) / g.length));
}

/** The line for horizon h by the textbook formula b = (nΣxd − ΣxΣd) / (nΣx² − (Σx)²) over every pair in p. */
function line(p: ClaPanel, h: number): { a: number; b: number } {
  const t = p.years.length - 1;
  let n = 0,
    sx = 0,
    sd = 0,
    sxx = 0,
    sxd = 0;
  for (let o = 0; o + h <= t; o++) {
    const tot = (j: number) => p.stock.reduce((s, r) => s + r[j]!, 0);
    const G = Math.log(tot(o + h) / tot(o));
    for (let la = 0; la < N; la++) {
      const x = level(p, la, o);
      const d = Math.log(p.stock[la]![o + h]! / p.stock[la]![o]!) - G;
      n++;
      sx += x;
      sd += d;
      sxx += x * x;
      sxd += x * d;
    }
  }
  const b = (n * sxd - sx * sd) / (n * sxx - sx * sx);
  return { a: (sd - b * sx) / n, b };
}

describe('neighbour reversion', () => {
  it('every LA has ≥ 20 children, so every pair is fitted', () => {
    expect(Math.min(...panel.stock.flat().map(Number))).toBeGreaterThanOrEqual(20);
  });

  it('from 2021: ŷ(t+h) = y(t)·e^{a_h + b_h·x(t)} with the textbook least-squares line of each horizon', () => {
    const f = neighbourReversion({ years: 1 })(panel);
    for (const la of [0, 7, 23, 39]) {
      const y = panel.stock[la]![5]!;
      const x = level(panel, la, 5);
      const got = f(la, 3)!;
      for (const h of [1, 2, 3]) {
        const { a, b } = line(panel, h);
        expect(got[h - 1]).toBeCloseTo(y * Math.exp(a + b * x), 9);
      }
    }
  });

  it('the gap closes: b_h < 0, larger with the horizon, and an LA above its neighbours is forecast to fall against one below', () => {
    const [b1, b2, b3] = [1, 2, 3].map((h) => line(panel, h).b);
    expect(b1).toBeLessThan(-0.1);
    expect(b2).toBeLessThan(b1!);
    expect(b3).toBeLessThan(b2!);
    const f = neighbourReversion({ years: 1 })(panel);
    const xs = las.map((_, la) => level(panel, la, 5));
    const hi = xs.indexOf(Math.max(...xs));
    const lo = xs.indexOf(Math.min(...xs));
    expect(f(hi, 1)![0]! / panel.stock[hi]![5]!).toBeLessThan(f(lo, 1)![0]! / panel.stock[lo]![5]!);
  });

  it('a horizon no earlier origin reaches keeps the longest fitted line (from 2018: h = 3 uses h = 2)', () => {
    const cut = cutPanel(panel, 2018);
    const f = neighbourReversion({ years: 1 })(cut)(4, 4)!;
    const y = cut.stock[4]![2]!;
    const { a, b } = line(cut, 2);
    for (const h of [2, 3, 4]) expect(f[h - 1]).toBeCloseTo(y * Math.exp(a + b * level(cut, 4, 2)), 9);
  });

  it('from the first year nothing is fitted, so the CIC wrapper gives persistence', () => {
    const cut = cutPanel(panel, 2016);
    expect(neighbourReversion({ years: 1 })(cut)(3, 2)).toBeNull();
    expect(orPersistence(neighbourReversion({ years: 1 }))(cut)(3, 2)).toEqual(persistence(cut)(3, 2));
  });

  it('a two-year level is the mean of the two years, and needs both', () => {
    const x2 = relativeLevels(panel, 2);
    expect(x2[9]![0]).toBeNull();
    expect(x2[9]![4]).toBeCloseTo((level(panel, 9, 4) + level(panel, 9, 3)) / 2, 12);
  });

  it('no population, or fewer than 5 of the 10 neighbours published: no level, so no forecast of its own', () => {
    const { population: _omit, ...noPop } = panel;
    void _omit;
    expect(neighbourReversion({ years: 1 })(noPop)(0, 1)).toBeNull();
    // LA 0's neighbours are LAs 1–10: suppress six of them in 2021.
    const holes = { ...panel, stock: panel.stock.map((r, i) => (i >= 1 && i <= 6 ? [...r.slice(0, 5), null] : r)) };
    expect(relativeLevels(holes, 1)[0]![5]).toBeNull();
    expect(relativeLevels(holes, 1)[0]![4]).not.toBeNull();
  });

  it('the neighbour model for an origin: the newest named by then, else the earliest', () => {
    const m = { '2021': { '1': [2] }, '2025': { '1': [3] } };
    expect(neighbourModelFor(m, 2019)).toBe(m['2021']);
    expect(neighbourModelFor(m, 2024)).toBe(m['2021']);
    expect(neighbourModelFor(m, 2025)).toBe(m['2025']);
    expect(neighbourModelFor({}, 2025)).toBeNull();
  });
});
