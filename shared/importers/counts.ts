/**
 * Which published counts a percentage is made of. LAIT publishes many percentages beside the counts they
 * come from (LACStable_2016on = LACStableNum_2016on / LACnum), but nothing says which: a pairing is only
 * believed when numerator / denominator × 100, rounded as the percentage is published, reproduces the
 * published percentage for (almost) every LA-year where all three exist. The release then carries the
 * pairing by reference: the counts themselves are already its own measures, so nothing is stored twice.
 */
import type { CountPair, Indicator, La } from '../release/schema';
import { publishedDecimals } from '../release/decimals';

export interface PairingReport extends CountPair {
  indicator: string;
}

/** At least this share of the LA-years checked must reproduce the published value. */
export const MIN_AGREEMENT = 0.95;
/** … over at least this many LA-years. */
export const MIN_CHECKED = 100;

type Values = Readonly<Record<string, Readonly<Record<string, readonly (number | null)[]>>>>;

const isCount = (i: Indicator): boolean => i.polarity === null && (/^(number|total)\b/i.test(i.unit.trim()) || /\(num\)/i.test(i.name) || /num/i.test(i.key));
const isPercentage = (i: Indicator): boolean => i.unit.trim().startsWith('%');

/** Decimal places an indicator is published to: the dictionary's dps, else the most its values show (≤ 4). */
export const decimalsOf = (ind: Indicator, values: Values): number => publishedDecimals(ind, Object.values(values[ind.key] ?? {}).flat());

interface Cell {
  year: string;
  i: number;
}

/** LA-years (LAs only, not England or regions) where the percentage is published. */
function cellsOf(ind: Indicator, values: Values, laRows: readonly number[]): Cell[] {
  const out: Cell[] = [];
  for (const [year, column] of Object.entries(values[ind.key] ?? {}))
    for (const i of laRows) if (column[i] !== null && column[i] !== undefined) out.push({ year, i });
  return out;
}

/**
 * DfE rounds many published counts (children looked after to the nearest 10 or 5) while the percentage is
 * computed from the unrounded ones, so a true pair need not reproduce exactly: a count that is a multiple
 * of 10 may be off by up to 5, of 5 by up to 2.5. A pair agrees on an LA-year when some counts within
 * those bounds give the published value.
 */
const roundingOf = (x: number): number => (x % 10 === 0 ? 5 : x % 5 === 0 ? 2.5 : 0);

/** How many of the cells the pairing reproduces (allowing for rounded counts, and exactly), out of how many checked. */
function agreement(
  cells: readonly Cell[],
  pct: Values[string],
  num: Values[string] | undefined,
  den: Values[string] | undefined,
  tol: number,
): { agree: number; exact: number; checked: number } {
  let agree = 0;
  let exact = 0;
  let checked = 0;
  if (!num || !den) return { agree, exact, checked };
  for (const { year, i } of cells) {
    const x = num[year]?.[i];
    const n = den[year]?.[i];
    const v = pct[year]?.[i];
    if (x === null || x === undefined || n === null || n === undefined || v === null || v === undefined || !(n > 0) || x > n) continue;
    checked++;
    if (Math.abs((x / n) * 100 - v) <= tol) {
      agree++;
      exact++;
      continue;
    }
    const rx = roundingOf(x);
    const rn = roundingOf(n);
    const lo = (Math.max(0, x - rx) / (n + rn)) * 100 - tol;
    const hi = n - rn > 0 ? (Math.min(x + rx, n - rn) / (n - rn)) * 100 + tol : 100 + tol;
    if (v >= lo && v <= hi) agree++;
  }
  return { agree, exact, checked };
}

/**
 * Every percentage indicator's proven (numerator, denominator) pair among the release's count measures.
 * A quick test on a sample of LA-years keeps the search over all candidate pairs cheap; the survivors are
 * then checked on every LA-year.
 */
export function proveCountPairs(indicators: readonly Indicator[], values: Values, las: readonly La[]): PairingReport[] {
  const laRows = las.flatMap((l, i) => (l.kind === 'la' ? [i] : []));
  const counts = indicators.filter(isCount);
  const out: PairingReport[] = [];
  for (const p of indicators.filter(isPercentage)) {
    const cells = cellsOf(p, values, laRows);
    if (cells.length < MIN_CHECKED) continue;
    // Half a unit in the last published place, and a little for floating point.
    const tol = 0.5 * 10 ** -decimalsOf(p, values) + 1e-9;
    const sample = cells.filter((_, k) => k % Math.max(1, Math.floor(cells.length / 24)) === 0).slice(0, 24);
    let best: PairingReport | null = null;
    for (const num of counts) {
      const numValues = values[num.key];
      if (!numValues) continue;
      for (const den of counts) {
        if (den.key === num.key) continue;
        const quick = agreement(sample, values[p.key]!, numValues, values[den.key], tol);
        if (quick.checked < 8 || quick.agree < quick.checked * 0.9) continue;
        const full = agreement(cells, values[p.key]!, numValues, values[den.key], tol);
        if (full.checked < MIN_CHECKED) continue;
        const share = full.agree / full.checked;
        const exact = full.exact / full.checked;
        if (!best || share > best.agreement || (share === best.agreement && (exact > best.exact || (exact === best.exact && full.checked > best.checked)))) {
          best = {
            indicator: p.key,
            numerator: num.key,
            denominator: den.key,
            multiplier: 100,
            method: 'proportion',
            agreement: share,
            exact,
            checked: full.checked,
          };
        }
      }
    }
    if (best && best.agreement >= MIN_AGREEMENT) out.push(best);
  }
  return out;
}

/** The release's `counts`: indicator key → its proven pair. */
export const countsOf = (reports: readonly PairingReport[]): Record<string, CountPair> =>
  Object.fromEntries(reports.map(({ indicator, ...pair }) => [indicator, { ...pair, agreement: round4(pair.agreement), exact: round4(pair.exact) }]));

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;
