/** One year rule for every indicator: labels as published, found however a user types the year. */
import { describe, expect, test } from 'vitest';
import { readReleaseFile } from '../../../../node/release-file';
import { CellError } from '../../../../shared/excel/errors';
import { resolveYear } from '../../../../shared/release/years';

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
    expect(code(() => resolveYear(['2024', '2025'], '2024-25', 'X', 'Annual'))).toBe('#N/A');
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
