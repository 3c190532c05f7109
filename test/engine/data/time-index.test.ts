// Frequency inference, gap filling and continuing the index: calendar expectations written out
// by hand (which day follows which) and instants from Date.UTC.
import { describe, expect, it } from 'vitest';
import { buildTimeIndex, DataError, defaultSeason, inferFrequency, nextTimes, stepsBetween } from '../../../engine/data';
import type { Frequency } from '../../../engine/data';
import { makeFrequency } from '../../../engine/data/time-index';
import { dataErrorOf, utc } from './helpers';

const freqOf = (times: number[]): Frequency =>
  inferFrequency(Float64Array.from(times), times.map((_, i) => i + 2), String).frequency;

describe('inferFrequency', () => {
  it('fixed steps: seconds to weeks', () => {
    const t0 = utc(2024, 1, 1);
    const series = (step: number, n = 10): number[] => Array.from({ length: n }, (_, i) => t0 + i * step);
    expect(freqOf(series(1000))).toMatchObject({ unit: 'second', step: 1 });
    expect(freqOf(series(15 * 60_000))).toMatchObject({ unit: 'minute', step: 15, label: 'quarter-hourly' });
    expect(freqOf(series(30 * 60_000))).toMatchObject({ unit: 'minute', step: 30, label: 'half-hourly' });
    expect(freqOf(series(3_600_000))).toMatchObject({ unit: 'hour', step: 1, label: 'hourly' });
    expect(freqOf(series(6 * 3_600_000))).toMatchObject({ unit: 'hour', step: 6, label: 'every 6 hours' });
    expect(freqOf(series(86_400_000))).toMatchObject({ unit: 'day', step: 1, label: 'daily' });
    expect(freqOf(series(3 * 86_400_000))).toMatchObject({ unit: 'day', step: 3, label: 'every 3 days' });
    expect(freqOf(series(7 * 86_400_000))).toMatchObject({ unit: 'week', step: 1, label: 'weekly' });
    expect(freqOf(series(14 * 86_400_000))).toMatchObject({ unit: 'week', step: 2 });
  });

  it('calendar months, quarters and years despite 28–31-day steps', () => {
    const monthly = Array.from({ length: 14 }, (_, i) => utc(2023, 1 + i, 1));
    expect(freqOf(monthly)).toMatchObject({ unit: 'month', step: 1, anchorDay: 1, label: 'monthly' });
    const quarterly = Array.from({ length: 9 }, (_, i) => utc(2022, 1 + 3 * i, 1));
    expect(freqOf(quarterly)).toMatchObject({ unit: 'quarter', step: 1, label: 'quarterly' });
    const yearly = Array.from({ length: 9 }, (_, i) => utc(1995 + i, 1, 1));
    expect(freqOf(yearly)).toMatchObject({ unit: 'year', step: 1, label: 'yearly' });
    const monthEnds = [utc(2024, 1, 31), utc(2024, 2, 29), utc(2024, 3, 31), utc(2024, 4, 30)];
    expect(freqOf(monthEnds)).toMatchObject({ unit: 'month', anchorDay: 'end' });
    const day30 = [utc(2024, 1, 30), utc(2024, 2, 29), utc(2024, 3, 30), utc(2024, 4, 30)];
    expect(freqOf(day30)).toMatchObject({ unit: 'month', anchorDay: 30 });
    const semester = [utc(2020, 1, 1), utc(2020, 7, 1), utc(2021, 1, 1), utc(2021, 7, 1)];
    expect(freqOf(semester)).toMatchObject({ unit: 'month', step: 6, label: 'every 6 months' });
  });

  it('business days: Monday–Friday with Friday → Monday steps', () => {
    // Mon 2024-01-01 … Fri 2024-01-12, weekends absent.
    const days = [1, 2, 3, 4, 5, 8, 9, 10, 11, 12].map((d) => utc(2024, 1, d));
    expect(freqOf(days)).toMatchObject({ unit: 'business-day', step: 1, label: 'business-daily' });
    // The same dates with Saturday 6th present are plain daily data with gaps.
    expect(freqOf([...days.slice(0, 5), utc(2024, 1, 6), ...days.slice(5)])).toMatchObject({ unit: 'day', step: 1 });
  });

  it('uses the greatest common step when some steps are not multiples of the usual one', () => {
    // Mostly every 2 days, once 1 day: daily with gaps.
    const t = [1, 3, 5, 6, 8, 10].map((d) => utc(2024, 1, d));
    expect(freqOf(t)).toMatchObject({ unit: 'day', step: 1 });
  });

  it('irregular times: an error naming the first bad line', () => {
    const t = [utc(2024, 1, 1, 0), utc(2024, 1, 1, 1), utc(2024, 1, 1, 2), utc(2024, 1, 1, 3, 17), utc(2024, 1, 1, 4),
      utc(2024, 1, 1, 5), utc(2024, 1, 1, 6)];
    const e = dataErrorOf(() => freqOf(t));
    expect(e.code).toBe('irregular-time');
    expect(e.row).toBe(5); // the fourth time, given line numbers 2, 3, 4, …
    expect(e.message).toContain('most rows are 1 hour apart');
    expect(e.message).toContain('1 other step is irregular too');
  });

  it('too sparse for any regular step: an error naming the widest gap', () => {
    const t = [utc(2024, 1, 1), utc(2024, 1, 2), utc(2024, 1, 3), utc(2025, 1, 1)];
    const e = dataErrorOf(() => freqOf(t));
    expect(e).toBeInstanceOf(DataError);
    expect(e.code).toBe('sparse-time');
    expect(e.row).toBe(5);
  });
});

describe('defaultSeason', () => {
  it('follows the frequency', () => {
    const cases: [Frequency, number][] = [
      [makeFrequency('hour', 1), 24], [makeFrequency('minute', 30), 48], [makeFrequency('day', 1), 7],
      [makeFrequency('business-day', 1), 5], [makeFrequency('week', 1), 52], [makeFrequency('month', 1), 12],
      [makeFrequency('quarter', 1), 4], [makeFrequency('year', 1), 1], [makeFrequency('minute', 15), 96],
      [makeFrequency('minute', 7), 1], [makeFrequency('hour', 2), 12], [makeFrequency('month', 3), 4],
      [makeFrequency('day', 2), 1], [makeFrequency('second', 1), 1],
    ];
    for (const [f, m] of cases) expect([f.label, defaultSeason(f)]).toEqual([f.label, m]);
  });
});

describe('nextTimes', () => {
  it('months keep their day, clamped; month ends stay month ends', () => {
    expect(Array.from(nextTimes(utc(2024, 1, 31), makeFrequency('month', 1, 31), 3)))
      .toEqual([utc(2024, 2, 29), utc(2024, 3, 31), utc(2024, 4, 30)]);
    expect(Array.from(nextTimes(utc(2023, 11, 30), makeFrequency('month', 1, 'end'), 3)))
      .toEqual([utc(2023, 12, 31), utc(2024, 1, 31), utc(2024, 2, 29)]);
    expect(Array.from(nextTimes(utc(2023, 10, 1), makeFrequency('quarter', 1, 1), 2))).toEqual([utc(2024, 1, 1), utc(2024, 4, 1)]);
    expect(Array.from(nextTimes(utc(2023, 1, 1), makeFrequency('year', 1, 1), 2))).toEqual([utc(2024, 1, 1), utc(2025, 1, 1)]);
  });

  it('business days skip weekends; fixed units add their length', () => {
    // Thursday 2024-03-28 → Fri 29, Mon 1 Apr, Tue 2 Apr.
    expect(Array.from(nextTimes(utc(2024, 3, 28), makeFrequency('business-day', 1), 3)))
      .toEqual([utc(2024, 3, 29), utc(2024, 4, 1), utc(2024, 4, 2)]);
    expect(Array.from(nextTimes(utc(2024, 1, 1, 23, 30), makeFrequency('minute', 30), 2)))
      .toEqual([utc(2024, 1, 2, 0, 0), utc(2024, 1, 2, 0, 30)]);
    expect(Array.from(nextTimes(utc(2024, 1, 1), makeFrequency('week', 1), 1))).toEqual([utc(2024, 1, 8)]);
  });

  it('years before year 0', () => {
    expect(nextTimes(Date.parse('-000001-01-01T00:00:00Z'), makeFrequency('year', 1, 1), 2)[1])
      .toBe(Date.parse('+000001-01-01T00:00:00Z'));
  });

  it('stepsBetween is the inverse of advancing', () => {
    const f = makeFrequency('business-day', 1);
    expect(stepsBetween(utc(2024, 3, 28), utc(2024, 4, 2), f)).toBe(3);
    expect(stepsBetween(utc(2024, 3, 28), utc(2024, 3, 30), f)).toBeNaN(); // a Saturday
    expect(stepsBetween(utc(2024, 1, 31), utc(2024, 4, 30), makeFrequency('month', 1, 'end'))).toBe(3);
    expect(stepsBetween(utc(2024, 1, 31), utc(2024, 4, 29), makeFrequency('month', 1, 'end'))).toBeNaN();
  });
});

describe('buildTimeIndex', () => {
  const describeTime = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

  it('sorts, merges duplicates and fills gaps in one go', () => {
    // Lines 2–6: Jan 3, Jan 1, Jan 1, Jan 5, Jan 2 (Jan 4 missing).
    const time = Float64Array.from([3, 1, 1, 5, 2].map((d) => utc(2024, 1, d)));
    const values = Float64Array.from([30, 10, 20, 50, NaN]);
    const r = buildTimeIndex({ time, lines: Int32Array.from([2, 3, 4, 5, 6]), columns: [values], names: ['v'] },
      { describe: describeTime });
    expect(Array.from(r.time)).toEqual([1, 2, 3, 4, 5].map((d) => utc(2024, 1, d)));
    expect(Array.from(r.columns[0])).toEqual([15, NaN, 30, NaN, 50]);
    expect(r.inserted).toBe(1);
    expect(r.problems.map((p) => p.code)).toEqual(['unsorted', 'duplicate-time', 'gap-filled']);
    expect(r.problems[1].row).toBe(4);
  });

  it('merges values near the largest double without overflow: the mean stays finite, a sum past it is left missing', () => {
    const time = Float64Array.from([1, 1, 2, 3].map((d) => utc(2024, 1, d)));
    const big = Float64Array.from([1.5e308, 1.7e308, 1, 2]);
    const input = { time, lines: Int32Array.from([2, 3, 4, 5]), columns: [big], names: ['v'] };
    expect(buildTimeIndex(input, { describe: describeTime }).columns[0][0]).toBe(1.6e308);
    const sum = buildTimeIndex(input, { describe: describeTime, duplicates: 'sum' });
    expect(sum.columns[0][0]).toBeNaN();
    const overflow = sum.problems.find((p) => p.code === 'duplicate-overflow')!;
    expect(overflow).toMatchObject({ row: 2, column: 'v', severity: 'warning' });
    expect(overflow.message).toBe('The rows at 2024-01-01 (from line 2) add up past the largest number in column "v"; their sum is left missing.');
  });

  it('lists five gaps, then one summary with the count of the rest', () => {
    const days = [1, 3, 5, 7, 9, 11, 13, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25];
    const time = Float64Array.from(days.map((d) => utc(2024, 1, d)));
    const r = buildTimeIndex({ time, lines: Int32Array.from(days, (_, i) => i + 2), columns: [new Float64Array(days.length)], names: ['v'] },
      { describe: describeTime });
    const gaps = r.problems.filter((p) => p.code === 'gap-filled');
    expect(gaps).toHaveLength(6);
    expect(gaps[5].count).toBe(2);
    expect(gaps[5].row).toBeUndefined();
    expect(r.inserted).toBe(7);
  });
});
