// Writing timestamps back in the input's style: each expected string is the style's own notation.
import { describe, expect, it } from 'vitest';
import { describeTimeStyle, formatTime, readDataset } from '../../../engine/data';
import { utc } from './helpers';

describe('formatTime', () => {
  const t = utc(2024, 3, 31, 13, 30, 5) + 250;
  it('writes every style', () => {
    expect(formatTime(t, { kind: 'iso-date' })).toBe('2024-03-31');
    expect(formatTime(t, { kind: 'iso-date', separator: '/' })).toBe('2024/03/31');
    expect(formatTime(t, { kind: 'iso-datetime', zone: 'none', seconds: false, millis: false })).toBe('2024-03-31T13:30');
    expect(formatTime(t, { kind: 'iso-datetime', zone: 'none', seconds: true, millis: false, separator: ' ' })).toBe('2024-03-31 13:30:05');
    expect(formatTime(t, { kind: 'iso-datetime', zone: 'utc', seconds: true, millis: true })).toBe('2024-03-31T13:30:05.250Z');
    expect(formatTime(t, { kind: 'iso-datetime', zone: 'offset', seconds: true, millis: false, offsetMinutes: 120 }))
      .toBe('2024-03-31T15:30:05+02:00');
    expect(formatTime(t, { kind: 'iso-datetime', zone: 'offset', seconds: false, millis: false, offsetMinutes: -330 }))
      .toBe('2024-03-31T08:00-05:30');
    expect(formatTime(t, { kind: 'year-month' })).toBe('2024-03');
    expect(formatTime(t, { kind: 'year' })).toBe('2024');
    expect(formatTime(t, { kind: 'day-first', separator: '/' })).toBe('31/03/2024');
    expect(formatTime(t, { kind: 'day-first', separator: '.', yearDigits: 2 })).toBe('31.03.24');
    expect(formatTime(t, { kind: 'month-first', separator: '/', padded: false, clock: 'hh:mm', twelveHour: true })).toBe('3/31/2024 1:30 PM');
    expect(formatTime(t, { kind: 'month-first', separator: '-', clock: 'hh:mm:ss' })).toBe('03-31-2024 13:30:05');
    expect(formatTime(utc(2024, 1, 1), { kind: 'unix-seconds' })).toBe('1704067200');
    expect(formatTime(utc(2024, 1, 1), { kind: 'unix-millis' })).toBe('1704067200000');
    expect(formatTime(151, { kind: 'row-number' })).toBe('151');
  });

  it('expanded years', () => {
    expect(formatTime(Date.parse('-006000-01-01T00:00:00Z'), { kind: 'expanded-year' })).toBe('-006000-01-01');
    expect(formatTime(utc(1979, 1, 1), { kind: 'expanded-year' })).toBe('+001979-01-01');
    expect(formatTime(Date.parse('-000044-03-15T00:00:00Z'), { kind: 'iso-date' })).toBe('-000044-03-15');
  });

  it('round-trips what it reads', () => {
    for (const cells of [
      ['2024-01-31', '2024-02-01'], ['2024-01-31 23:00', '2024-02-01 00:00'], ['2024-01-31T23:00:00Z', '2024-02-01T00:00:00Z'],
      ['31/01/2024', '01/02/2024'], ['1/31/2024', '2/1/2024'], ['2024-01', '2024-02'], ['31.01.24', '01.02.24'],
    ]) {
      const r = readDataset(`date,v\n${cells[0]},1\n${cells[1]},2\n`);
      expect(Array.from(r.dataset.time, (x) => formatTime(x, r.dataset.timeStyle))).toEqual(cells);
    }
  });

  it('names styles for the import report', () => {
    expect(describeTimeStyle({ kind: 'day-first', separator: '.' })).toBe('DD.MM.YYYY');
    expect(describeTimeStyle({ kind: 'iso-datetime', zone: 'utc', seconds: true, millis: false })).toBe('YYYY-MM-DDThh:mm:ssZ');
  });
});
