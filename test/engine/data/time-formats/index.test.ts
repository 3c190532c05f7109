// Timestamp cells: expected instants come from Date.UTC / Date.parse (an independent calendar
// implementation), including ISO expanded years before year 0.
import { describe, expect, it } from 'vitest';
import {
  dayMonthToTime, detectTimeFormat, newDayMonthFacts, newIsoFacts, parseIso, parseUnix, parseYear,
  parseYearMonth, splitDayMonth, styleOf,
} from '../../../../engine/data/time-formats';
import { isTimeLikeName } from '../../../../engine/data/time-choice';
import { utc } from '../helpers';

const iso = (s: string): number => parseIso(s, 0, s.length);

describe('parseIso', () => {
  it('dates and date-times without zone are read as UTC wall clock', () => {
    expect(iso('2024-02-29')).toBe(utc(2024, 2, 29));
    expect(iso('2024-03-31T13:30')).toBe(utc(2024, 3, 31, 13, 30));
    expect(iso('2024-03-31 13:30:15')).toBe(utc(2024, 3, 31, 13, 30, 15));
    expect(iso('2024-03-31T13:30:15.250')).toBe(utc(2024, 3, 31, 13, 30, 15) + 250);
    expect(iso('2024/03/31')).toBe(utc(2024, 3, 31));
    expect(iso('1749-01-01')).toBe(Date.parse('1749-01-01T00:00:00Z'));
  });

  it('zones: Z and offsets give the instant', () => {
    expect(iso('2024-03-31T13:30:00Z')).toBe(utc(2024, 3, 31, 13, 30));
    expect(iso('2024-03-31T13:30:00+02:00')).toBe(utc(2024, 3, 31, 11, 30));
    expect(iso('2024-03-31T13:30:00-0530')).toBe(Date.parse('2024-03-31T13:30:00-05:30'));
    expect(iso('2024-03-31T13:30+01')).toBe(utc(2024, 3, 31, 12, 30));
  });

  it('expanded years before year 0 and after 9999', () => {
    expect(iso('-006000-01-01')).toBe(Date.parse('-006000-01-01T00:00:00Z'));
    expect(iso('+001979-01-01')).toBe(utc(1979, 1, 1));
    expect(iso('+012345-06-01')).toBe(Date.parse('+012345-06-01T00:00:00Z'));
    // Year 0050 is year 50, not 1950 (Date.UTC would map it to 1950).
    expect(iso('0050-01-01')).toBe(Date.parse('0050-01-01T00:00:00Z'));
  });

  it('refuses impossible or other shapes', () => {
    for (const s of ['2023-02-29', '2024-13-01', '2024-00-10', '2024-01-32', '2024-01-01T24:00', '2024-01-01T12:60',
      '24-01-01', '2024-01', '2024', '2024-01-01T', '2024-01-01X', '01/02/2024', 'abc', '']) {
      expect(iso(s)).toBeNaN();
    }
  });

  it('reads a cell inside a longer line without looking past its end', () => {
    const line = '2024-01-01T00:00:00,5';
    expect(parseIso(line, 0, 19)).toBe(utc(2024, 1, 1));
  });

  it('gathers the style facts to write times back', () => {
    const facts = newIsoFacts();
    parseIso('2024-01-01 10:00:00', 0, 19, facts);
    expect(facts).toMatchObject({ dateTimes: 1, seconds: true, spaceSeparator: true, zoneUtc: false });
  });
});

describe('other formats', () => {
  it('YYYY-MM and years', () => {
    expect(parseYearMonth('2024-07', 0, 7)).toBe(utc(2024, 7, 1));
    expect(parseYearMonth('2024-13', 0, 7)).toBeNaN();
    expect(parseYear('1821', 0, 4)).toBe(utc(1821, 1, 1));
    expect(parseYear('-500', 0, 4)).toBe(Date.parse('-000500-01-01T00:00:00Z'));
  });

  it('day/month dates keep both readings', () => {
    const parts = new Float64Array(4);
    expect(splitDayMonth('03/04/2024', 0, 10, 47, parts)).toBe(true);
    expect(dayMonthToTime(parts, true)).toBe(utc(2024, 4, 3));
    expect(dayMonthToTime(parts, false)).toBe(utc(2024, 3, 4));
    expect(splitDayMonth('31.12.99', 0, 8, 46, parts)).toBe(true);
    expect(dayMonthToTime(parts, true)).toBe(utc(1999, 12, 31));
    expect(dayMonthToTime(parts, false)).toBeNaN();
    expect(splitDayMonth('1/2/24 12:30 AM', 0, 15, 47, parts)).toBe(true);
    expect(dayMonthToTime(parts, false)).toBe(utc(2024, 1, 2, 0, 30));
    expect(splitDayMonth('1/2/24 12:30 PM', 0, 15, 47, parts)).toBe(true);
    expect(dayMonthToTime(parts, false)).toBe(utc(2024, 1, 2, 12, 30));
    expect(splitDayMonth('2024-01-02', 0, 10, 45, parts)).toBe(false);
  });

  it('Unix seconds and milliseconds', () => {
    expect(parseUnix('1704067200', 0, 10, false)).toBe(utc(2024, 1, 1));
    expect(parseUnix('1704067200.5', 0, 12, false)).toBe(utc(2024, 1, 1) + 500);
    expect(parseUnix('1704067200000', 0, 13, true)).toBe(utc(2024, 1, 1));
    expect(parseUnix('17e8', 0, 4, false)).toBeNaN();
  });
});

describe('detectTimeFormat', () => {
  it('finds the format by content', () => {
    expect(detectTimeFormat(['2024-01-01', '2024-01-02'], false)?.format.kind).toBe('iso');
    expect(detectTimeFormat(['2024-01', '2024-02'], false)?.format.kind).toBe('year-month');
    expect(detectTimeFormat(['31/01/2024', '01/02/2024'], false)?.format).toEqual({ kind: 'day-month', separator: '/' });
    expect(detectTimeFormat(['1.5', '2.5'], false)).toBeNull();
  });

  it('plain numbers are times only for a time-like name (or when forced)', () => {
    expect(detectTimeFormat(['1990', '1991'], false)).toBeNull();
    expect(detectTimeFormat(['1990', '1991'], true)?.format.kind).toBe('year');
    expect(detectTimeFormat(['1704067200', '1704070800'], true)?.format.kind).toBe('unix-seconds');
    expect(detectTimeFormat(['1704067200000'], true)?.format.kind).toBe('unix-millis');
    expect(detectTimeFormat(['1', '2', '3'], true)).toBeNull();
    expect(detectTimeFormat(['5', '6'], false, 'unix-seconds')?.format.kind).toBe('unix-seconds');
  });

  it('tolerates a few unreadable cells (a footer) but not many', () => {
    const cells = Array.from({ length: 20 }, (_, i) => `2024-01-${String(i + 1).padStart(2, '0')}`);
    expect(detectTimeFormat([...cells, 'Total'], false)?.format.kind).toBe('iso');
    expect(detectTimeFormat([...cells.slice(0, 5), 'a', 'b', 'c'], false)).toBeNull();
  });

  it('time-like names', () => {
    for (const n of ['date', 'Date', 'timestamp', 'Order Date', 'time_utc', 'ds', 'Datum', 'year', 'Period']) {
      expect(isTimeLikeName(n)).toBe(true);
    }
    for (const n of ['sales', 'value', 'update_count', 'temperature']) expect(isTimeLikeName(n)).toBe(false);
  });

  it('styles follow the cells', () => {
    const d = detectTimeFormat(['2024-01-01T10:00:00Z'], false)!;
    expect(styleOf(d, true)).toEqual({ kind: 'iso-datetime', zone: 'utc', seconds: true, millis: false });
    const dm = detectTimeFormat(['1/2/2024', '3/2/2024'], false)!;
    expect(styleOf(dm, false)).toEqual({ kind: 'month-first', separator: '/', padded: false });
    expect(newDayMonthFacts().clock).toBe('none');
  });
});
