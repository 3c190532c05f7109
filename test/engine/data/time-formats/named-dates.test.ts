// Month-name and quarter cells; instants from Date.UTC.
import { describe, expect, it } from 'vitest';
import { formatMonthName, monthOfName, parseMonthName, parseQuarter } from '../../../../engine/data/time-formats/named-dates';
import { utc } from '../helpers';

describe('month names', () => {
  it('reads the usual spreadsheet shapes', () => {
    expect(parseMonthName('Jan 2024')).toBe(utc(2024, 1, 1));
    expect(parseMonthName('Feb-24')).toBe(utc(2024, 2, 1));
    expect(parseMonthName('September 1999')).toBe(utc(1999, 9, 1));
    expect(parseMonthName('31-Dec-2023')).toBe(utc(2023, 12, 31));
    expect(parseMonthName('29 Feb 2024')).toBe(utc(2024, 2, 29));
    expect(parseMonthName('January 31, 2024')).toBe(utc(2024, 1, 31));
    expect(parseMonthName('31. Jan. 2024')).toBe(utc(2024, 1, 31));
  });

  it('reads German, French, Spanish and Italian abbreviations', () => {
    expect(monthOfName('Mär')).toBe(3);
    expect(monthOfName('Mrz')).toBe(3);
    expect(monthOfName('Okt')).toBe(10);
    expect(monthOfName('déc.')).toBe(12);
    expect(monthOfName('févr')).toBe(2);
    expect(monthOfName('ene')).toBe(1);
    expect(monthOfName('dic')).toBe(12);
    expect(parseMonthName('15 Mai 2024')).toBe(utc(2024, 5, 15));
  });

  it('refuses other words and impossible days', () => {
    expect(parseMonthName('Paris 2024')).toBeNaN();
    expect(parseMonthName('30-Feb-2024')).toBeNaN();
    expect(parseMonthName('2024-01-31')).toBeNaN();
  });

  it('writes back in English', () => {
    expect(formatMonthName(2024, 3, 5, { kind: 'month-name', order: 'dmy', separator: '-', yearDigits: 4 })).toBe('05-Mar-2024');
    expect(formatMonthName(2024, 3, 5, { kind: 'month-name', order: 'my', separator: ' ', yearDigits: 4, longNames: true }))
      .toBe('March 2024');
    expect(formatMonthName(2024, 3, 5, { kind: 'month-name', order: 'mdy', separator: ' ', yearDigits: 4 })).toBe('Mar 5, 2024');
  });
});

describe('quarters', () => {
  it('reads 2024-Q1, 2024 Q2, 2024Q3, Q4 2024, q1/2025', () => {
    expect(parseQuarter('2024-Q1')).toBe(utc(2024, 1, 1));
    expect(parseQuarter('2024 Q2')).toBe(utc(2024, 4, 1));
    expect(parseQuarter('2024Q3')).toBe(utc(2024, 7, 1));
    expect(parseQuarter('Q4 2024')).toBe(utc(2024, 10, 1));
    expect(parseQuarter('q1/2025')).toBe(utc(2025, 1, 1));
    expect(parseQuarter('2024-Q5')).toBeNaN();
  });
});
