// Files as users have them (test/fixtures/csv): every expected value below is read off the
// fixture by hand (see the file next to each case).
import { describe, expect, it } from 'vitest';
import { formatTime, nextTimes, readDataset } from '../../../engine/data';
import { codes, readFixture, utc } from './helpers';

const column = (r: ReturnType<typeof readFixture>, name: string): number[] =>
  Array.from(r.dataset.columns.find((c) => c.name === name)!.values);
const times = (r: ReturnType<typeof readFixture>): string[] =>
  Array.from(r.dataset.time, (t) => formatTime(t, r.dataset.timeStyle));

describe('delimiters, encodings and quoting', () => {
  it('reads a European Excel export: BOM, CRLF, ";", decimal comma, "." thousands, DD.MM.YYYY', () => {
    const r = readFixture('european-excel.csv');
    expect(r.detected).toMatchObject({ delimiter: ';', newline: '\r\n', bom: true, decimal: ',', thousands: '.',
      numberStyle: '1.234,5', timeColumn: 'Datum', timeFormat: 'DD.MM.YYYY', dateOrder: 'day-first' });
    expect(r.dataset.columns.map((c) => c.name)).toEqual(['Umsatz (€)', 'Temperatur °C']);
    expect(column(r, 'Umsatz (€)').slice(0, 4)).toEqual([1234.5, 987.25, 1005, 2310.75]);
    expect(column(r, 'Temperatur °C').slice(0, 4)).toEqual([3.5, -1, 0.5, 4.25]);
    expect(r.dataset.time[0]).toBe(utc(2024, 3, 1));
    expect(r.dataset.time[13]).toBe(utc(2024, 3, 14));
    expect(r.dataset.frequency.label).toBe('daily');
    expect(r.dataset.season).toBe(7);
    // 13.03.2024 on line 14 decides the order: there is no month 13.
    const note = r.dataset.problems.find((p) => p.code === 'date-order')!;
    expect(note).toMatchObject({ severity: 'info', row: 14, column: 'Datum' });
    expect(note.message).toContain('13.03.2024');
    expect(times(r)[0]).toBe('01.03.2024');
  });

  it('reads tab-separated text with "YYYY-MM-DD hh:mm" times', () => {
    const r = readFixture('tab-separated.csv');
    expect(r.detected.delimiter).toBe('\t');
    expect(r.detected.timeFormat).toBe('YYYY-MM-DD hh:mm');
    expect(column(r, 'sensor_a')).toEqual([10.5, 11, 11.5, 12, 12.5, 13]);
    expect(column(r, 'sensor_b')).toEqual([200, 210, 220, 230, 240, 250]);
    expect(r.dataset.frequency).toMatchObject({ unit: 'hour', step: 1, label: 'hourly' });
    expect(r.dataset.season).toBe(24);
    const next = nextTimes(r.dataset.time[5], r.dataset.frequency, 2);
    expect(Array.from(next, (t) => formatTime(t, r.dataset.timeStyle))).toEqual(['2024-01-01 06:00', '2024-01-01 07:00']);
  });

  it('reads "|" with YYYY-MM months', () => {
    const r = readFixture('pipe.csv');
    expect(r.detected.delimiter).toBe('|');
    expect(r.detected.timeFormat).toBe('YYYY-MM');
    expect(column(r, 'visitors')).toEqual([110, 120, 130, 140, 150, 160]);
    expect(r.dataset.frequency.label).toBe('monthly');
    expect(r.dataset.season).toBe(12);
    expect(formatTime(nextTimes(r.dataset.time[5], r.dataset.frequency, 1)[0], r.dataset.timeStyle)).toBe('2024-07');
  });

  it('strips the BOM from the first column name and reads CRLF lines', () => {
    const r = readFixture('bom-crlf.csv');
    expect(r.detected).toMatchObject({ bom: true, newline: '\r\n', timeColumn: 'date' });
    expect(column(r, 'gas')).toEqual([160.1, 129.7, 84.8, 120.1, 160.1, 124.9]);
    expect(r.dataset.frequency.label).toBe('quarterly');
    expect(r.dataset.season).toBe(4);
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks inside, keeping file line numbers', () => {
    const r = readFixture('quoted.csv');
    expect(r.detected).toMatchObject({ delimiter: ',', decimal: '.', thousands: ',' });
    // "1,234.50" etc.; "oops" (line 8: the record on line 4 spans lines 4–5) is not a number.
    expect(column(r, 'sales').slice(0, 5)).toEqual([1234.5, 2000, 950.25, 1100, 1050.75]);
    expect(column(r, 'sales')[5]).toBeNaN();
    expect(r.dataset.columns.find((c) => c.name === 'sales')!.missing).toBe(1);
    const bad = r.dataset.problems.find((p) => p.code === 'unparsable-cell')!;
    expect(bad).toMatchObject({ row: 8, column: 'sales', severity: 'warning' });
    expect(bad.message).toContain('"oops"');
    expect(r.detected.ignoredColumns).toEqual(['note']);
    expect(r.preview.rows[2][2]).toBe('line one\nline two');
    expect(r.preview.rows[3][2]).toBe('say "hi"');
  });

  it('ignores the empty column a trailing delimiter makes, silently', () => {
    const r = readFixture('trailing-delimiter.csv');
    expect(r.detected.delimiter).toBe(';');
    expect(r.dataset.columns.map((c) => c.name)).toEqual(['value']);
    expect(column(r, 'value')).toEqual([5, 6, 7]);
    expect(r.dataset.problems).toEqual([]);
  });

  it('skips blank lines (also ",") and says how many, not counting those at the end', () => {
    const r = readFixture('blank-lines.csv');
    expect(column(r, 'value')).toEqual([1, 2, 3]);
    const blank = r.dataset.problems.find((p) => p.code === 'blank-lines')!;
    expect(blank).toMatchObject({ severity: 'info', row: 3, count: 2 });
  });

  it('reads space (and no-break space) thousands with a decimal comma', () => {
    const r = readFixture('thousands-space.csv');
    expect(r.detected).toMatchObject({ decimal: ',', thousands: ' ' });
    expect(column(r, 'amount')).toEqual([1234.5, 12345.75, 999.5, 1000]);
  });
});

describe('dates and times', () => {
  it('decides DD/MM/YYYY from a day above 12', () => {
    const r = readFixture('day-first.csv');
    expect(r.detected).toMatchObject({ dateOrder: 'day-first', dateOrderAmbiguous: false, timeFormat: 'DD/MM/YYYY' });
    expect(r.dataset.time[0]).toBe(utc(2024, 1, 30));
    expect(r.dataset.time[4]).toBe(utc(2024, 2, 3));
    expect(r.dataset.frequency.label).toBe('daily');
  });

  it('decides MM/DD/YYYY from a second field above 12', () => {
    const r = readFixture('month-first.csv');
    expect(r.detected).toMatchObject({ dateOrder: 'month-first', timeFormat: 'MM/DD/YYYY' });
    expect(r.dataset.time[0]).toBe(utc(2024, 1, 30));
    expect(r.dataset.time[4]).toBe(utc(2024, 2, 3));
  });

  it('reports ambiguous dates, describes both readings, and picks the regular one', () => {
    // 01/01/2023 … 01/12/2023, 01/01/2024 … 01/06/2024: monthly read day-first; month-first it
    // would be 1–12 January 2023 then 1–6 January 2024 (a gap of 354 days).
    const r = readFixture('ambiguous-dates.csv');
    expect(r.detected).toMatchObject({ dateOrder: 'day-first', dateOrderAmbiguous: true });
    expect(r.dataset.frequency.label).toBe('monthly');
    expect(r.dataset.time.length).toBe(18);
    const p = r.dataset.problems.find((q) => q.code === 'ambiguous-date-order')!;
    expect(p.severity).toBe('warning');
    expect(p.message).toContain('2023-02-01 read day-first');
    expect(p.message).toContain('2023-01-02 read month-first');
    expect(p.message).toContain('irregular');
  });

  it('prefers day-first when both readings are equally regular, and lets the caller force the order', () => {
    // Day-first: 1, 2, 3 February (daily). Month-first: 2 January, 2 February, 2 March (monthly).
    const text = 'date,value\n01/02/2024,1\n02/02/2024,2\n03/02/2024,3\n';
    const auto = readDataset(text);
    expect(auto.detected).toMatchObject({ dateOrder: 'day-first', dateOrderAmbiguous: true });
    expect(auto.dataset.frequency.label).toBe('daily');
    expect(auto.dataset.problems[0].message).toContain('equally regular');
    const forced = readDataset(text, { dateOrder: 'month-first' });
    expect(forced.detected.dateOrder).toBe('month-first');
    expect(forced.dataset.frequency).toMatchObject({ unit: 'month', step: 1, anchorDay: 2 });
    expect(Array.from(forced.dataset.time)).toEqual([utc(2024, 1, 2), utc(2024, 2, 2), utc(2024, 3, 2)]);
    expect(forced.dataset.problems).toEqual([]);
  });

  it('reads US Excel times with AM/PM and writes them back alike', () => {
    const r = readFixture('us-excel-ampm.csv');
    expect(r.detected).toMatchObject({ dateOrder: 'month-first', timeFormat: 'MM/DD/YYYY hh:mm AM/PM' });
    expect(Array.from(r.dataset.time)).toEqual([10, 11, 12, 13, 14].map((h) => utc(2024, 1, 31, h)));
    const next = nextTimes(r.dataset.time[4], r.dataset.frequency, 10);
    expect(formatTime(next[0], r.dataset.timeStyle)).toBe('1/31/2024 3:00 PM');
    expect(formatTime(next[9], r.dataset.timeStyle)).toBe('2/1/2024 12:00 AM');
  });

  it('reads Unix seconds and milliseconds by magnitude', () => {
    const s = readFixture('unix-seconds.csv');
    expect(s.detected.timeFormat).toBe('Unix seconds');
    expect(s.dataset.time[0]).toBe(utc(2024, 1, 1));
    expect(s.dataset.frequency.label).toBe('hourly');
    expect(formatTime(s.dataset.time[1], s.dataset.timeStyle)).toBe('1704070800');
    const ms = readFixture('unix-millis.csv');
    expect(ms.detected.timeFormat).toBe('Unix milliseconds');
    expect(ms.dataset.time[1]).toBe(utc(2024, 1, 1, 0, 15));
    expect(ms.dataset.frequency).toMatchObject({ unit: 'minute', step: 15 });
    expect(ms.dataset.season).toBe(96);
  });

  it('reads offsets as instants, so a DST change keeps an hourly series regular', () => {
    // 01:00+01:00 and 03:00+02:00 on 2024-03-31 are one hour apart.
    const r = readFixture('iso-offset.csv');
    expect(r.dataset.frequency.label).toBe('hourly');
    expect(r.dataset.time.length).toBe(5);
    expect(r.dataset.time[0]).toBe(utc(2024, 3, 30, 22));
    expect(r.dataset.problems).toEqual([]);
    expect(formatTime(r.dataset.time[4], r.dataset.timeStyle)).toBe('2024-03-31T04:00:00+02:00');
  });

  it('reads month names as Excel writes them (Jan-23) and continues in kind', () => {
    const r = readFixture('month-names.csv');
    expect(r.detected.timeFormat).toBe('Mon-YY');
    expect(r.dataset.time[0]).toBe(utc(2023, 1, 1));
    expect(r.dataset.time[12]).toBe(utc(2024, 1, 1));
    expect(r.dataset.frequency.label).toBe('monthly');
    expect(Array.from(nextTimes(r.dataset.time[12], r.dataset.frequency, 2), (t) => formatTime(t, r.dataset.timeStyle)))
      .toEqual(['Feb-24', 'Mar-24']);
  });

  it('reads quarters written "2022 Q3"', () => {
    const r = readFixture('quarters.csv');
    expect(r.detected.timeFormat).toBe('YYYY Qn');
    expect(Array.from(r.dataset.time)).toEqual([utc(2022, 7, 1), utc(2022, 10, 1), utc(2023, 1, 1), utc(2023, 4, 1), utc(2023, 7, 1)]);
    expect(r.dataset.frequency.label).toBe('quarterly');
    expect(Array.from(r.dataset.columns[0].values)).toEqual([100.5, 101.2, 101.9, 102.4, 103]);
    expect(formatTime(nextTimes(r.dataset.time[4], r.dataset.frequency, 1)[0], r.dataset.timeStyle)).toBe('2023 Q4');
  });

  it('reads DD-Mon-YYYY trading days, Good Friday and Easter Monday being gaps', () => {
    const r = readFixture('day-month-name.csv');
    expect(r.detected.timeFormat).toBe('DD-Mon-YYYY');
    expect(r.dataset.frequency.label).toBe('business-daily');
    expect(times(r).slice(0, 3)).toEqual(['28-Mar-2024', '29-Mar-2024', '01-Apr-2024']);
    expect(r.dataset.problems.find((p) => p.code === 'gap-filled')).toMatchObject({ count: 2, row: 3 });
  });

  it('joins a "Date" column and a "Time" column', () => {
    const r = readFixture('date-and-time-columns.csv');
    expect(r.detected).toMatchObject({ timeColumn: 'Date', clockColumn: 'Time', timeFormat: 'DD.MM.YYYY hh:mm' });
    expect(r.dataset.columns.map((c) => c.name)).toEqual(['Temperature']);
    expect(r.dataset.time[0]).toBe(utc(2024, 3, 30, 22));
    expect(r.dataset.time[4]).toBe(utc(2024, 3, 31, 2));
    expect(r.dataset.frequency.label).toBe('hourly');
    expect(formatTime(nextTimes(r.dataset.time[4], r.dataset.frequency, 1)[0], r.dataset.timeStyle)).toBe('31.03.2024 03:00');
  });

  it('reads daily data with daylight-saving offsets on the local wall clock', () => {
    // Midnight +01:00 then midnight +02:00: 23 hours apart in UTC, one day apart locally.
    const r = readFixture('daily-dst-offsets.csv');
    expect(r.dataset.frequency.label).toBe('daily');
    expect(r.dataset.time[3]).toBe(utc(2024, 4, 1));
    expect(codes(r)).toEqual(['wall-clock-time']);
    expect(formatTime(nextTimes(r.dataset.time[5], r.dataset.frequency, 1)[0], r.dataset.timeStyle)).toBe('2024-04-04 00:00:00');
  });

  it('reads spreadsheet day numbers in a date column as dates, and says so', () => {
    const r = readFixture('excel-serial.csv');
    expect(r.dataset.time[0]).toBe(utc(2024, 1, 1));
    expect(r.dataset.frequency.label).toBe('daily');
    expect(r.detected.timeFormat).toBe('YYYY-MM-DD');
    expect(codes(r)).toEqual(['excel-serial-dates']);
  });

  it('joins "Year" and "Month" columns into months, "year" and "quarter" into quarters', () => {
    const m = readFixture('year-month-columns.csv');
    expect(m.detected).toMatchObject({ timeColumn: 'Year', periodColumn: 'Month', timeFormat: 'YYYY-MM' });
    expect(Array.from(m.dataset.time)).toEqual([utc(2022, 11, 1), utc(2022, 12, 1), utc(2023, 1, 1), utc(2023, 2, 1), utc(2023, 3, 1)]);
    expect(m.dataset.columns.map((c) => c.name)).toEqual(['Visitors']);
    expect(m.dataset.frequency.label).toBe('monthly');
    expect(m.dataset.problems).toEqual([]);
    const q = readFixture('year-quarter-columns.csv');
    expect(q.detected).toMatchObject({ periodColumn: 'quarter', timeFormat: 'YYYY-Qn' });
    expect(q.dataset.frequency.label).toBe('quarterly');
    expect(times(q)).toEqual(['2022-Q3', '2022-Q4', '2023-Q1', '2023-Q2']);
    expect(Array.from(q.dataset.columns[0].values)).toEqual([100.5, 101.2, 101.9, 102.4]);
  });

  it('reads a "year" column of integers as yearly', () => {
    const r = readFixture('year-column.csv');
    expect(r.detected).toMatchObject({ timeColumn: 'year', timeFormat: 'YYYY' });
    expect(r.dataset.time[0]).toBe(utc(2015, 1, 1));
    expect(r.dataset.frequency.label).toBe('yearly');
    expect(r.dataset.season).toBe(1);
    expect(formatTime(nextTimes(r.dataset.time[5], r.dataset.frequency, 1)[0], r.dataset.timeStyle)).toBe('2021');
  });

  it('numbers the rows when no column holds time, and says so', () => {
    const r = readFixture('no-time-column.csv');
    expect(r.detected.timeColumn).toBeNull();
    expect(r.dataset.timeStyle).toEqual({ kind: 'row-number' });
    expect(Array.from(r.dataset.time)).toEqual([1, 2, 3, 4]);
    expect(r.dataset.columns.map((c) => c.name)).toEqual(['sales', 'price']);
    expect(codes(r)).toEqual(['no-time-column']);
    expect(Array.from(nextTimes(4, r.dataset.frequency, 2))).toEqual([5, 6]);
  });
});

describe('time index', () => {
  it('sorts unsorted rows and warns with the line where order breaks', () => {
    const r = readFixture('unsorted.csv');
    expect(column(r, 'value')).toEqual([1, 2, 3, 4, 5]);
    const p = r.dataset.problems.find((q) => q.code === 'unsorted')!;
    expect(p).toMatchObject({ severity: 'warning', row: 3 });
  });

  it('reverses newest-first files with a note', () => {
    const r = readFixture('newest-first.csv');
    expect(column(r, 'close')).toEqual([101, 102, 103, 104, 105]);
    expect(codes(r)).toEqual(['reversed']);
  });

  it('merges duplicate times by mean by default, ignoring missing cells, and lists the rows', () => {
    const r = readFixture('duplicates.csv');
    // 2024-01-02: value 10 and 20 → 15; other "" and 7 → 7.
    expect(column(r, 'value')).toEqual([1, 15, 3, 4]);
    expect(column(r, 'other')).toEqual([5, 7, 8, 9]);
    const p = r.dataset.problems.find((q) => q.code === 'duplicate-time')!;
    expect(p).toMatchObject({ severity: 'warning', row: 4 });
    expect(p.message).toContain('line 3');
  });

  it('sums or keeps the last duplicate on request', () => {
    expect(column(readFixture('duplicates.csv', { duplicates: 'sum' }), 'value')).toEqual([1, 30, 3, 4]);
    expect(column(readFixture('duplicates.csv', { duplicates: 'last' }), 'value')).toEqual([1, 20, 3, 4]);
  });

  it('fills a missing week of a daily series with NaN and says where', () => {
    const r = readFixture('daily-missing-week.csv');
    expect(r.dataset.time.length).toBe(25);
    const v = column(r, 'value');
    expect(v.slice(0, 10)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(v.slice(10, 17).every(Number.isNaN)).toBe(true);
    expect(v.slice(17)).toEqual([18, 19, 20, 21, 22, 23, 24, 25]);
    expect(r.dataset.time[10]).toBe(utc(2024, 1, 11));
    const gap = r.dataset.problems.find((q) => q.code === 'gap-filled')!;
    expect(gap).toMatchObject({ row: 12, count: 7 });
    expect(gap.message).toContain('7 days missing between 2024-01-10 (line 11) and 2024-01-18 (line 12)');
    // Gaps are not file cells: the column's file-missing count stays 0.
    expect(r.dataset.columns[0].missing).toBe(0);
  });

  it('fills a missing month of a month-end series at the month end', () => {
    const r = readFixture('monthly-missing-month.csv');
    expect(r.dataset.frequency).toMatchObject({ unit: 'month', step: 1, anchorDay: 'end' });
    expect(r.dataset.time.length).toBe(12);
    expect(r.dataset.time[5]).toBe(utc(2023, 6, 30));
    expect(column(r, 'value')[5]).toBeNaN();
    expect(r.dataset.problems.find((q) => q.code === 'gap-filled')).toMatchObject({ row: 7, count: 1 });
    expect(formatTime(nextTimes(r.dataset.time[11], r.dataset.frequency, 2)[1], r.dataset.timeStyle)).toBe('2024-02-29');
  });

  it('keeps business days on Monday–Friday: a holiday is a gap, a weekend is not', () => {
    // Good Friday 2024-03-29 and Easter Monday 2024-04-01 are missing.
    const r = readFixture('business-days.csv');
    expect(r.dataset.frequency.label).toBe('business-daily');
    expect(r.dataset.season).toBe(5);
    expect(r.dataset.time.length).toBe(15);
    expect(r.dataset.time[4]).toBe(utc(2024, 3, 29));
    expect(r.dataset.time[5]).toBe(utc(2024, 4, 1));
    const gaps = r.dataset.problems.filter((q) => q.code === 'gap-filled');
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ count: 2, row: 6 });
    // After Friday 2024-04-12 come Monday 15 and Tuesday 16.
    expect(Array.from(nextTimes(r.dataset.time[14], r.dataset.frequency, 2))).toEqual([utc(2024, 4, 15), utc(2024, 4, 16)]);
  });
});

describe('accounting exports', () => {
  it('leaves out a "Total" footer line, naming it', () => {
    // 01/01 … 05/01/2024: day-first or month-first? Day-first gives 5 consecutive days, month-first
    // the 1st of January … May: both regular, so day-first with a warning.
    const r = readFixture('footer-total.csv');
    expect(r.dataset.time.length).toBe(5);
    expect(Array.from(r.dataset.columns[0].values)).toEqual([10, 20.5, 30.25, 15, 12.75]);
    const footer = r.dataset.problems.find((p) => p.code === 'unparsable-time')!;
    expect(footer).toMatchObject({ row: 7, column: 'Date' });
    expect(footer.message).toContain('"Total"');
    expect(r.detected).toMatchObject({ dateOrder: 'day-first', dateOrderAmbiguous: true });
  });
});

describe('missing cells', () => {
  it('counts empty cells per column and lists their lines', () => {
    const r = readFixture('empty-cells.csv');
    expect(r.dataset.columns.map((c) => [c.name, c.missing])).toEqual([['a', 2], ['b', 1]]);
    expect(column(r, 'a')[1]).toBeNaN();
    const rows = r.dataset.problems.filter((p) => p.code === 'missing-value').map((p) => [p.column, p.row]);
    expect(rows).toEqual([['a', 3], ['a', 6], ['b', 4]]);
  });

  it('treats n/a, NA, -, #N/A and empty as missing, and other text as unparsable with its line', () => {
    const r = readFixture('na-cells.csv');
    const v = column(r, 'value');
    expect(v.filter((x) => !Number.isNaN(x))).toEqual([1, 8, 9, 10, 12]);
    expect(r.dataset.columns[0].missing).toBe(7);
    const bad = r.dataset.problems.filter((p) => p.code === 'unparsable-cell');
    expect(bad.map((p) => p.row)).toEqual([7, 8]);
    expect(bad[0].message).toContain('"abc"');
    const missing = r.dataset.problems.filter((p) => p.code === 'missing-value');
    // Five listed one by one (lines 3, 4, 5, 6, 12), no summary needed.
    expect(missing.map((p) => p.row)).toEqual([3, 4, 5, 6, 12]);
  });
});
