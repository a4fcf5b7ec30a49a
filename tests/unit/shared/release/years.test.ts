/** One year rule for every indicator: labels as published, found however a user types the year. */
import { describe, expect, test } from 'vitest';
import { readReleaseFile } from '../../../../node/release-file';
import { CellError } from '../../../../shared/excel/errors';
import { ReleaseIndex } from '../../../../shared/release/release-index';
import { parseYearText, resolveYear, yearKind } from '../../../../shared/release/years';
import { evaluateFormula, formatOutcome } from '../../../../shared/formulas/evaluate';
import { parseFinancialYear } from '../../../../shared/finance/fiscal-year';

const code = (f: () => unknown): string | null => {
  try {
    f();
    return null;
  } catch (e) {
    return e instanceof CellError ? e.code : 'threw';
  }
};

describe('resolveYear', () => {
  const fin = ['2022-23', '2023-24', '2024-25'];
  test('a single year finds the period ending in it (2025 → 2024-25), as number or text', () => {
    expect(resolveYear(fin, 2025, 'X', 'Financial Year')).toBe('2024-25');
    expect(resolveYear(fin, '2025', 'X', 'Financial Year')).toBe('2024-25');
    expect(resolveYear(fin, 2023, 'X', 'Financial Year')).toBe('2022-23');
    expect(code(() => resolveYear(fin, 2022, 'X', 'Financial Year'))).toBe('#N/A');
  });
  test('the same period however spelt: 2019-20 / 2019/20 / 2019/2020 / 2019-2020, suffixes ignored', () => {
    const slash = ['2018/19', '2019/20'];
    for (const typed of ['2019-20', '2019/20', '2019/2020', '2019-2020', ' 2019 - 20 '])
      expect(resolveYear(slash, typed, 'X', 'Academic Year'), typed).toBe('2019/20');
    expect(resolveYear(['2023-24 (OT)', '2024-25 (OT)'], '2024/25', 'X', 'Financial Year')).toBe('2024-25 (OT)');
    expect(resolveYear(['2023-24 (OT)', '2024-25 (OT)'], 2025, 'X', 'Financial Year')).toBe('2024-25 (OT)');
  });
  test('a single label is found by its year, and for financial/academic measures by the period ending in it', () => {
    expect(resolveYear(['2024', '2025'], 2025, 'X', 'Annual')).toBe('2025');
    expect(resolveYear(['2024', '2025 (prov)'], 2025, 'X', 'Academic Year')).toBe('2025 (prov)');
    expect(resolveYear(['2024', '2025'], '2024-25', 'X', 'Academic Year')).toBe('2025');
    // "Annual" is the 31 March measures (LAC, CIN, CPP): "2024-25" is the year to 31 March 2025 (issue 19).
    expect(resolveYear(['2024', '2025'], '2024-25', 'X', 'Annual')).toBe('2025');
    expect(code(() => resolveYear(['2024', '2025'], '2024-25', 'X', 'Calendar Year'))).toBe('#VALUE!');
  });
  test('exact labels still win, omitted means latest, nonsense is an error', () => {
    expect(resolveYear(['2021/22-23/24', '2022/23-24/25'], '2021/22-23/24', 'X')).toBe('2021/22-23/24');
    expect(resolveYear(fin, null, 'X')).toBe('2024-25');
    expect(code(() => resolveYear(fin, 2024.5, 'X'))).toBe('#VALUE!');
    expect(code(() => resolveYear(['2025 (prov)', '2025 (Final)'], 2025, 'X', 'Academic Year'))).toBe('#VALUE!');
  });
  test('on the real release: for every indicator and label, the label itself, its other spelling and (for periods) its end year find it', () => {
    const r = readReleaseFile();
    let checked = 0;
    for (const i of r.indicators) {
      for (const y of i.years) {
        expect(resolveYear(i.years, y, i.key, i.yearType)).toBe(y);
        expect(resolveYear(i.years, y.replace(/\//g, '-'), i.key, i.yearType)).toBe(y);
        const m = /^(\d{4})-(\d{2})(?: \(OT\))?$/.exec(y);
        if (
          m &&
          Number(m[2]) === (Number(m[1]) + 1) % 100 &&
          i.years.filter((o) => o.startsWith(m[0].slice(0, 7))).length === 1 &&
          !i.years.includes(String(Number(m[1]) + 1))
        ) {
          expect(resolveYear(i.years, Number(m[1]) + 1, i.key, i.yearType), `${i.key} ${y}`).toBe(y);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
  });
});

/**
 * Issue 19 item 3: each spelling of one year names the same label for every indicator whose year type makes
 * it unambiguous, through the cells (the API and `cic eval` run the same evaluateFormula/invoke path).
 */
describe('one year, every spelling, by year type (default release)', () => {
  const r = readReleaseFile();
  const index = new ReleaseIndex(r);
  const ev = async (f: string) => formatOutcome(await evaluateFormula(f, index));
  const SPELLINGS = ['2025', '"2025"', '"2024-25"', '"2024/25"', '"2024-2025"', '"2024/2025"', '"2024 – 25"', '" 2024 / 25 "', '"2024 to 2025"'];

  // [year type, a real key of that type, the label its 2024-25 is published as]
  test.each([
    ['Annual (31 March)', 'LAC', '2025'],
    ['Annual (31 March)', 'CIN', '2025'],
    ['Financial Year', 'ReReferral', '2025'],
    ['Financial Year, labelled as a span', 'LACFinance', '2024-25 (OT)'],
    ['Academic Year', 'ExcessYr6', '2025'],
    ['Academic Year, revised', 'A3A', '2025 (Rev)'],
    ['Annual - January (school census)', 'PriFSM', '2025'],
  ])('%s: %s', async (_type, key, label) => {
    const i = index.catalog().indicator(key);
    expect(i.years).toContain(label);
    const expected = await ev(`=CIC.VALUE("${key}", 855, "${label}")`);
    expect(expected).toMatch(/^-?\d/);
    for (const y of SPELLINGS) expect(await ev(`=CIC.VALUE("${key}", 855, ${y})`), y).toBe(expected);
    // The FY prefix where the year is financial (or to 31 March), AY where academic.
    const prefix = yearKind(i.yearType) === 'academic' ? 'AY' : 'FY';
    for (const y of [`${prefix}2024-25`, `${prefix}2025`, `${prefix} 2024/25`]) expect(await ev(`=CIC.VALUE("${key}", 855, "${y}")`), y).toBe(expected);
  });

  test("the issue's examples", async () => {
    expect(await ev('=CIC.VALUE("LAC", 855, "2024/25")')).toBe(await ev('=CIC.VALUE("LAC", 855, 2025)'));
    expect(await ev('=CIC.VALUE("ReReferral", 855, "2024-2025")')).toBe(await ev('=CIC.VALUE("ReReferral", 855, "FY2025")'));
    expect(await ev('=CIC.BAND("LACStable_2016on", 14, "FY2024-25")')).toBe('D');
    // CLAFORECAST's from_year is a 31 March: "2020/21" is 31 March 2021.
    expect(await ev('=CIC.CLAFORECAST(855, 1, "2020/21")')).toBe(await ev('=CIC.CLAFORECAST(855, 1, 2021)'));
  });

  test.each([
    ['Calendar Year', 'InfMort', '2023', '"2022-23"'],
    ['Annual (end of Sept)', 'Work_Force_TO_Rate', '2025', '"2024-25"'],
  ])('%s (%s): a single year answers; "2024-25" names no one year and says what to type', async (_type, key, label, span) => {
    const expected = await ev(`=CIC.VALUE("${key}", 855, "${label}")`);
    expect(expected).toMatch(/^-?\d/);
    expect(await ev(`=CIC.VALUE("${key}", 855, ${label})`)).toBe(expected);
    expect(await ev(`=CIC.VALUE("${key}", 855, ${span})`)).toMatch(
      new RegExp(`^#VALUE! ${key} is published by .*could be \\d{4} or \\d{4}; type the year you mean`),
    );
  });

  test('a prefix that contradicts the year type is refused, not guessed', async () => {
    expect(await ev('=CIC.VALUE("ExcessYr6", 855, "FY2024-25")')).toMatch(
      /^#VALUE! "FY2024-25" is a financial year, but ExcessYr6 is published by academic year/,
    );
    expect(await ev('=CIC.VALUE("ReReferral", 855, "AY2024/25")')).toMatch(
      /^#VALUE! "AY2024\/25" is an academic year, but ReReferral is published by financial year/,
    );
    expect(await ev('=CIC.VALUE("ReReferral", 855, "2025-2024")')).toMatch(/^#VALUE! Year "2025-2024" ends before it starts/);
  });

  test('every 12-month label of every unambiguous indicator is found by its end year and its other spellings', () => {
    let checked = 0;
    for (const i of r.indicators) {
      const kind = yearKind(i.yearType);
      if (kind === 'calendar' || kind === 'september') continue;
      for (const y of i.years) {
        const m = /^(\d{4})(?: \((?:prov|Rev|Final|OT)\))?$/i.exec(y);
        if (!m || i.years.filter((o) => o.startsWith(m[1]!)).length !== 1) continue;
        const end = Number(m[1]);
        const start = end - 1;
        if (i.years.some((o) => o.startsWith(`${start}-`) || o.startsWith(`${start}/`))) continue;
        for (const typed of [`${start}-${String(end).slice(2)}`, `${start}/${String(end).slice(2)}`, `${start}-${end}`, `${start}/${end}`])
          expect(resolveYear(i.years, typed, i.key, i.yearType), `${i.key} ${typed}`).toBe(y);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(3000);
  });

  test('the grammar, and FORECAST reading its start_year through it', () => {
    expect(parseYearText('FY 2024/25')).toEqual({ prefix: 'FY', start: 2024, end: 2025, span: true });
    expect(parseYearText('1999-00')).toEqual({ prefix: null, start: 1999, end: 2000, span: true });
    expect(parseYearText('2025')).toEqual({ prefix: null, start: 2025, end: 2025, span: false });
    expect(parseYearText('March 2025')).toBeNull();
    for (const typed of ['2024/25', '2024-25', '2024-2025', 'FY2024-25', 'fy 2024/2025', '2024 to 2025'])
      expect(parseFinancialYear(typed).label).toBe('2024/25');
  });
});
