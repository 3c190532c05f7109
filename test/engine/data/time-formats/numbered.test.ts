// Period numbers as a time index: real files from the M3 and M1 competitions whose time column
// is t = 1..n (values read off the files by hand), other whole steps, gaps, and what stays a
// calendar (years) or no index at all (repeating or scattered numbers).
import { describe, expect, it } from 'vitest';
import { formatTime, isNumberedIndex, nextTimes, readDataset } from '../../../../engine/data';
import type { ReadResult } from '../../../../engine/data';
import { codes, dataErrorOf, readFixture, utc } from '../helpers';

const written = (r: ReadResult): string[] => Array.from(r.dataset.time, (t) => formatTime(t, r.dataset.timeStyle));
const next = (r: ReadResult, count: number): string[] =>
  Array.from(nextTimes(r.dataset.time[r.dataset.time.length - 1], r.dataset.frequency, count), (t) => formatTime(t, r.dataset.timeStyle));

describe('a time column of period numbers', () => {
  it('is detected in M3 series N2841 ("other", t = 1..104) and continued 105, 106, …', () => {
    const r = readFixture('m3_n2841.csv');
    expect(r.detected).toMatchObject({ timeColumn: 't', timeFormat: 'period numbers', numericColumns: ['value'] });
    expect(r.dataset.timeStyle).toEqual({ kind: 'period-number' });
    expect(r.dataset.frequency).toEqual({ unit: 'millisecond', step: 1, label: 'period number' });
    expect(isNumberedIndex(r.dataset.frequency)).toBe(true);
    expect(r.dataset.season).toBe(1);
    expect(r.dataset.time.length).toBe(104);
    expect(r.dataset.time[0]).toBe(1);
    expect(r.dataset.columns[0].values[0]).toBe(6708.63);
    expect(r.dataset.columns[0].values[103]).toBe(6889.08);
    expect(next(r, 3)).toEqual(['105', '106', '107']);
    expect(codes(r)).toEqual(['period-numbers']);
  });

  it('is read when the user names the column (M1 series MNB35, t = 1..48)', () => {
    const r = readFixture('m1_mnb35.csv', { timeColumn: 't' });
    expect(r.detected.timeColumn).toBe('t');
    expect(r.dataset.time.length).toBe(48);
    expect(r.dataset.columns[0].values[0]).toBe(2346);
    expect(r.dataset.columns[0].values[47]).toBe(2740);
    expect(next(r, 2)).toEqual(['49', '50']);
  });

  it('steps by any constant whole number, fills gaps and says where', () => {
    const r = readDataset('step,value\n5,1\n10,2\n15,3\n25,5\n30,6\n');
    expect(r.dataset.frequency).toEqual({ unit: 'millisecond', step: 5, label: 'every 5 periods' });
    expect(written(r)).toEqual(['5', '10', '15', '20', '25', '30']);
    expect(r.dataset.columns[0].values[3]).toBeNaN();
    const gap = r.dataset.problems.find((p) => p.code === 'gap-filled')!;
    expect(gap).toMatchObject({ row: 5, count: 1 });
    expect(gap.message).toBe('1 step missing between 15 (line 4) and 25 (line 5) was inserted as empty values.');
    expect(next(r, 2)).toEqual(['35', '40']);
  });

  it('a missing period of step 1 is named a period', () => {
    const r = readDataset('t,value\n1,1\n2,2\n3,3\n5,5\n6,6\n');
    expect(r.dataset.problems.find((p) => p.code === 'gap-filled')!.message)
      .toBe('1 period missing between 3 (line 4) and 5 (line 5) was inserted as empty values.');
  });

  it('newest-first periods are put in order', () => {
    const r = readDataset('index,value\n4,40\n3,30\n2,20\n1,10\n');
    expect(written(r)).toEqual(['1', '2', '3', '4']);
    expect(Array.from(r.dataset.columns[0].values)).toEqual([10, 20, 30, 40]);
    expect(codes(r)).toEqual(['period-numbers', 'reversed']);
  });

  it('a column of years stays yearly dates, also when named "t"', () => {
    for (const name of ['year', 't', 'index']) {
      const r = readDataset(`${name},value\n1990,1\n1991,2\n1992,3\n1993,4\n`);
      expect(r.dataset.timeStyle).toEqual({ kind: 'year' });
      expect(r.dataset.frequency.label).toBe('yearly');
      expect(r.dataset.time[0]).toBe(utc(1990, 1, 1));
    }
  });

  it('repeating or scattered numbers are no index unless the user says so', () => {
    // A month number repeating each year, and a "t" of temperatures: the rows are numbered.
    const months = Array.from({ length: 36 }, (_, i) => `${(i % 12) + 1},${i}`).join('\n');
    expect(readDataset(`t,value\n${months}\n`).detected.timeColumn).toBeNull();
    const temperatures = readDataset('t,value\n21,1\n19,2\n25,3\n22,4\n30,5\n');
    expect(temperatures.detected.timeColumn).toBeNull();
    expect(temperatures.detected.numericColumns).toEqual(['t', 'value']);
    // Chosen by the user, the temperatures are periods 19..30, too sparse to index.
    const e = dataErrorOf(() => readDataset('t,value\n21,1\n19,2\n25,3\n22,4\n30,5\n', { timeColumn: 't' }));
    expect(e.code).toBe('sparse-time');
    expect(e.message).toMatch(/^In steps of 1 the 5 rows leave 7 periods missing/);
  });

  it('whole numbers only: a column of decimals chosen as time is refused as before', () => {
    const e = dataErrorOf(() => readDataset('t,value\n1.5,1\n2.5,2\n3.5,3\n', { timeColumn: 't' }));
    expect(e.code).toBe('unreadable-time-column');
    expect(e.message).toContain('period numbers 1, 2, 3');
  });
});
