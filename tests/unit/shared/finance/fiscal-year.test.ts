import { describe, expect, it } from 'vitest';
import {
  dateToExcelSerial,
  daysInFinancialYear,
  daysRemainingInFinancialYear,
  excelSerialToDate,
  financialYearOf,
  fyEndDate,
  fyStartDate,
  parseFinancialYear,
  quarterOf,
  toDate,
} from '../../../../shared/finance/fiscal-year';

const utc = (y: number, m: number, d: number, h = 0, min = 0) => new Date(Date.UTC(y, m - 1, d, h, min));
const VALUE = expect.objectContaining({ code: '#VALUE!' });

describe('financial years', () => {
  it('31 March 23:59 UTC is the old year, 1 April 00:00 UTC the new one', () => {
    expect(financialYearOf(utc(2020, 3, 31, 23, 59))).toBe('2019/20');
    expect(financialYearOf(utc(2020, 4, 1, 0, 0))).toBe('2020/21');
  });

  it('labels centuries with two digits', () => {
    expect(financialYearOf(utc(2000, 1, 15))).toBe('1999/00');
    expect(financialYearOf(utc(2099, 12, 1))).toBe('2099/00');
    expect(financialYearOf(excelSerialToDate(1))).toBe('1899/00'); // Excel's first date
  });

  it.each([['2019/20'], ['2019-20'], ['FY2019/20'], ['fy 2019-20'], ['2019/2020'], [' 2019 / 20 '], ['2019'], [2019]])('parses %j', (x) => {
    expect(parseFinancialYear(x)).toEqual({ start: 2019, label: '2019/20' });
  });

  it.each([['2019/21'], ['2019/2021'], ['19/20'], [''], [2019.5], [1898], [true], [null], ['April 2019']])('rejects %j', (x) => {
    expect(() => parseFinancialYear(x)).toThrow(VALUE);
  });

  it('starts on 1 April and ends on 31 March (UTC)', () => {
    expect(fyStartDate('2019/20').toISOString()).toBe('2019-04-01T00:00:00.000Z');
    expect(fyEndDate(2019).toISOString()).toBe('2020-03-31T00:00:00.000Z');
  });

  it('has 366 days when it contains 29 February', () => {
    expect(daysInFinancialYear('2019/20')).toBe(366);
    expect(daysInFinancialYear('2020/21')).toBe(365);
    expect(daysInFinancialYear('2023/24')).toBe(366);
    expect(daysInFinancialYear('2099/00')).toBe(365); // 2100 is not a leap year
    expect(daysInFinancialYear('1999/00')).toBe(366); // 2000 is
  });

  it('counts days remaining inclusive of both ends', () => {
    expect(daysRemainingInFinancialYear(utc(2019, 4, 1))).toBe(366);
    expect(daysRemainingInFinancialYear(utc(2020, 3, 31, 23, 59))).toBe(1);
    expect(daysRemainingInFinancialYear(utc(2020, 10, 1))).toBe(182);
  });

  it('numbers quarters from April', () => {
    expect(quarterOf(utc(2019, 4, 1))).toEqual({ fy: '2019/20', q: 1 });
    expect(quarterOf(utc(2019, 6, 30, 23, 59))).toEqual({ fy: '2019/20', q: 1 });
    expect(quarterOf(utc(2019, 7, 1))).toEqual({ fy: '2019/20', q: 2 });
    expect(quarterOf(utc(2019, 12, 31))).toEqual({ fy: '2019/20', q: 3 });
    expect(quarterOf(utc(2020, 1, 1))).toEqual({ fy: '2019/20', q: 4 });
    expect(quarterOf(utc(2020, 3, 31))).toEqual({ fy: '2019/20', q: 4 });
  });

  it('rejects an invalid Date', () => {
    expect(() => financialYearOf(new Date('nope'))).toThrow(VALUE);
  });
});

describe('Excel 1900 serials', () => {
  it.each([
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [43556, '2019-04-01'],
    [43921, '2020-03-31'],
    [43890, '2020-02-29'],
    [2958465, '9999-12-31'],
  ])('serial %d is %s and back', (serial, iso) => {
    const d = excelSerialToDate(serial);
    expect(d.toISOString().slice(0, 10)).toBe(iso);
    expect(dateToExcelSerial(d)).toBe(serial);
  });

  it('keeps the fraction as the time of day', () => {
    expect(excelSerialToDate(43921.999).toISOString()).toBe('2020-03-31T23:58:33.600Z');
    expect(financialYearOf(excelSerialToDate(43921.999))).toBe('2019/20');
    expect(dateToExcelSerial(utc(2019, 4, 1, 12))).toBe(43556.5);
  });

  it.each([[0], [-1], [60], [60.5], [Number.NaN], [2958466]])('rejects serial %d', (s) => {
    expect(() => excelSerialToDate(s)).toThrow(VALUE);
  });

  it('rejects dates before 1900', () => {
    expect(() => dateToExcelSerial(utc(1899, 12, 31))).toThrow(VALUE);
  });
});

describe('dates as users give them', () => {
  it.each([
    ['2020-10-01', '2020-10-01'],
    ['01/10/2020', '2020-10-01'],
    ['2020/21', '2020-04-01'],
    [44105, '2020-10-01'],
    // Written out, as in a council paper or Excel's d-mmm-yyyy format.
    ['1 October 2020', '2020-10-01'],
    ['1 Oct 2020', '2020-10-01'],
    ['1st October 2020', '2020-10-01'],
    ['01-Oct-2020', '2020-10-01'],
    ['30 Sept 2021', '2021-09-30'],
    ['29 february 2024', '2024-02-29'],
    [' 31 March 2025 ', '2025-03-31'],
  ])('%j', (x, iso) => {
    expect(toDate(x).toISOString().slice(0, 10)).toBe(iso);
  });

  it.each([['2019-02-29'], ['31/04/2020'], ['31 April 2020'], ['29 Feb 2023'], ['1 Octember 2020'], ['October 2020'], [true]])('rejects %j', (x) => {
    expect(() => toDate(x)).toThrow(VALUE);
  });
});
