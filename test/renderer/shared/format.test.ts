// Times as the page shows them: a series indexed by numbers (a period column 1, 2, 3, … or no
// time column at all) is drawn and read out as numbers, never as dates near 1 January 1970.
import { describe, expect, it } from 'vitest';
import { readDataset } from '../../../engine/data';
import { formatTimestamp, isNumberedTime } from '../../../renderer/shared/format';

const values = (n: number) => Array.from({ length: n }, (_, i) => 10 + (i % 5));

describe('isNumberedTime and formatTimestamp', () => {
  it('treat a period-number column (1, 2, 3, …) as period numbers', () => {
    const csv = `period,sales\n${values(30).map((v, i) => `${i + 1},${v}`).join('\n')}\n`;
    const { dataset } = readDataset(csv, { source: 'periods.csv' });
    expect(dataset.timeStyle.kind).toBe('period-number');
    expect(isNumberedTime(dataset.frequency)).toBe(true);
    expect(formatTimestamp(dataset.time[2]!, dataset.frequency)).toBe('Period 3');
    expect(formatTimestamp(dataset.time[29]!, dataset.frequency)).not.toMatch(/1970/);
  });

  it('treat periods stepping by 10 as period numbers too', () => {
    const csv = `t,sales\n${values(30).map((v, i) => `${10 * (i + 1)},${v}`).join('\n')}\n`;
    const { dataset } = readDataset(csv, { source: 'tens.csv' });
    expect(isNumberedTime(dataset.frequency)).toBe(true);
    expect(formatTimestamp(dataset.time[1]!, dataset.frequency)).toBe('Period 20');
  });

  it('treat a file without a time column as row numbers', () => {
    const csv = `sales,price\n${values(30).map((v, i) => `${v},${i}.5`).join('\n')}\n`;
    const { dataset } = readDataset(csv, { source: 'rows.csv' });
    expect(dataset.timeStyle.kind).toBe('row-number');
    expect(isNumberedTime(dataset.frequency)).toBe(true);
    expect(formatTimestamp(dataset.time[4]!, dataset.frequency)).toBe('Row 5');
  });

  it('keep calendar times as dates', () => {
    const csv = `date,sales\n${values(30).map((v, i) => `2024-01-${String(i + 1).padStart(2, '0')},${v}`).join('\n')}\n`;
    const { dataset } = readDataset(csv, { source: 'daily.csv' });
    expect(isNumberedTime(dataset.frequency)).toBe(false);
    expect(isNumberedTime(null)).toBe(false);
    expect(formatTimestamp(dataset.time[0]!, dataset.frequency)).toMatch(/2024/);
  });
});
