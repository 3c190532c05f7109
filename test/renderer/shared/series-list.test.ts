// The series list's logic as a user relies on it: one row per series with its health (long and
// wide files, unusable series with the reason), search by words, sort by name in natural order,
// by length and by error (series without one last), the window of rows a scrolled viewport
// draws, and sparklines that keep a spike.
import { describe, expect, it } from 'vitest';
import { readDataset } from '../../../engine/data';
import { naturalKey, scrollToShow, searchSeries, seriesRows, sortSeries, sparklinePoints, virtualWindow, type SeriesRow } from '../../../renderer/shared/series-list';

function longCsv(): string {
  const lines = ['store,month,sales'];
  // Store 10 has 24 months with month 5 missing (a gap), store 2 has 12 with a repeated month, store 1 one row.
  for (let m = 1; m <= 24; m++) if (m !== 5) lines.push(`store 10,${2020 + Math.floor((m - 1) / 12)}-${String(((m - 1) % 12) + 1).padStart(2, '0')},${m}`);
  for (let m = 1; m <= 12; m++) lines.push(`store 2,2021-${String(m).padStart(2, '0')},${100 + m}`);
  lines.push('store 2,2021-12,113');
  lines.push('store 1,2021-01,7');
  return lines.join('\n') + '\n';
}

const row = (name: string, index: number, length: number, error = Number.NaN): SeriesRow => ({
  index, name, length, gaps: 0, duplicates: 0, start: 0, end: 1, unusable: null, problems: [], error, verdict: '', column: 'y', offset: 0,
});

describe('seriesRows', () => {
  it('gives each series of a long file its length, gaps, duplicates, start and end, and the unusable one its reason', () => {
    const { dataset } = readDataset(longCsv(), { source: 'stores.csv' });
    const rows = seriesRows(dataset, 'long', 'sales');
    expect(rows.map((r) => r.name)).toEqual(['store 10', 'store 2', 'store 1']);
    expect(rows.map((r) => [r.length, r.gaps, r.duplicates])).toEqual([[24, 1, 0], [12, 0, 1], [0, 0, 0]]);
    expect(new Date(rows[0]!.start).toISOString().slice(0, 7)).toBe('2020-01');
    expect(new Date(rows[0]!.end).toISOString().slice(0, 7)).toBe('2021-12');
    expect(new Date(rows[1]!.start).toISOString().slice(0, 7)).toBe('2021-01');
    expect(rows[2]!.unusable).toMatch(/one data row/);
    expect(Number.isNaN(rows[2]!.start)).toBe(true);
    // The sparkline reads the series' own rows of the target.
    expect(rows[1]!.offset).toBe(24);
    expect(rows[1]!.column).toBe('sales');
  });

  it('makes each numeric column of a wide file a series, its span from its first to its last value', () => {
    const { dataset } = readDataset('date,a,b,c\n2024-01-01,1,,\n2024-01-02,2,5,\n2024-01-03,,6,\n2024-01-04,4,7,9\n', { source: 'wide.csv' });
    const rows = seriesRows(dataset, 'wide', null);
    expect(rows.map((r) => [r.name, r.length, r.gaps, r.offset])).toEqual([['a', 4, 1, 0], ['b', 3, 0, 1], ['c', 0, 0, 0]]);
    expect(rows[2]!.unusable).toMatch(/"c" has one value/);
    expect(rows[1]!.start).toBe(dataset.time[1]);
  });

  it('names the one series of a plain file after the file', () => {
    const { dataset } = readDataset('date,y\n2024-01-01,1\n2024-01-02,2\n', { source: 'one.csv' });
    expect(seriesRows(dataset, 'long', 'y').map((r) => [r.name, r.length])).toEqual([['one.csv', 2]]);
  });
});

describe('searchSeries and sortSeries', () => {
  const rows = [row('Store 10 / Lisboa', 0, 50, 12), row('store 2 / Porto', 1, 80), row('Store 1 / Évora', 2, 50, 3), row('store 11 / Porto', 3, 20, 30)];

  it('finds series by every word typed, ignoring case and accents, in the file’s order', () => {
    expect(searchSeries(rows, 'porto').map((r) => r.index)).toEqual([1, 3]);
    expect(searchSeries(rows, 'STORE 1 evora').map((r) => r.index)).toEqual([2]);
    expect(searchSeries(rows, '  ')).toBe(rows);
    expect(searchSeries(rows, 'faro')).toEqual([]);
  });

  it('sorts names with numbers in natural order, either way', () => {
    expect(sortSeries(rows, { key: 'name', descending: false }).map((r) => r.name)).toEqual(['Store 1 / Évora', 'store 2 / Porto', 'Store 10 / Lisboa', 'store 11 / Porto']);
    expect(sortSeries(rows, { key: 'name', descending: true }).map((r) => r.index)).toEqual([3, 0, 1, 2]);
  });

  it('sorts by length with ties in the file’s order', () => {
    expect(sortSeries(rows, { key: 'length', descending: false }).map((r) => r.index)).toEqual([3, 0, 2, 1]);
    expect(sortSeries(rows, { key: 'length', descending: true }).map((r) => r.index)).toEqual([1, 0, 2, 3]);
  });

  it('sorts by error with the series that have none last, whichever the direction', () => {
    expect(sortSeries(rows, { key: 'error', descending: false }).map((r) => r.index)).toEqual([2, 0, 3, 1]);
    expect(sortSeries(rows, { key: 'error', descending: true }).map((r) => r.index)).toEqual([3, 0, 2, 1]);
  });

  it('sorts 10,000 series without touching the input', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => row(`s${(i * 7919) % 10_000}`, i, i % 97));
    const sorted = sortSeries(many, { key: 'name', descending: false });
    expect(sorted[0]!.name).toBe('s0');
    expect(sorted[9_999]!.name).toBe('s9999');
    expect(many[1]!.name).toBe('s7919');
  });
});

describe('virtualWindow', () => {
  it('draws only the rows in view plus the overscan, and the full height for the scrollbar', () => {
    // 10,000 rows of 34 px in a 340 px viewport scrolled to row 5,000.
    const w = virtualWindow(10_000, 34, 5_000 * 34, 340, 4);
    expect(w).toEqual({ first: 4_996, end: 5_014, offset: 4_996 * 34, total: 340_000 });
    expect(w.end - w.first).toBeLessThanOrEqual(10 + 2 * 4);
  });

  it('starts at the top and stops at the bottom, even when scrolled past either end', () => {
    expect(virtualWindow(10_000, 34, -50, 340, 4)).toMatchObject({ first: 0, end: 14, offset: 0 });
    const bottom = virtualWindow(10_000, 34, 10_000_000, 340, 4);
    expect(bottom.end).toBe(10_000);
    expect(bottom.first).toBe(10_000 - 10 - 4);
  });

  it('draws every row of a short list and none of an empty one', () => {
    expect(virtualWindow(3, 34, 0, 340)).toEqual({ first: 0, end: 3, offset: 0, total: 102 });
    expect(virtualWindow(0, 34, 0, 340)).toEqual({ first: 0, end: 0, offset: 0, total: 0 });
  });

  it('scrolls just enough to show a row moved to with the keyboard', () => {
    expect(scrollToShow(5, 34, 0, 340)).toBe(0);
    expect(scrollToShow(10, 34, 0, 340)).toBe(11 * 34 - 340);
    expect(scrollToShow(2, 34, 200, 340)).toBe(68);
  });
});

describe('sparklinePoints', () => {
  it('keeps the lowest and highest value of each pixel column, so a one-point spike shows', () => {
    const values = new Float64Array(1000).fill(1);
    values[500] = 100;
    const points = sparklinePoints(values, 50, 20).split(' ').map((p) => p.split(',').map(Number));
    const ys = points.map(([, y]) => y!);
    // y = height − 1 for the lowest value, 1 for the highest.
    expect(Math.min(...ys)).toBe(1);
    expect(Math.max(...ys)).toBe(19);
    expect(points.length).toBe(51); // 50 columns, one of them with the spike as two points
  });

  it('skips missing values and draws nothing when none is left', () => {
    expect(sparklinePoints(new Float64Array([1, Number.NaN, 3]), 3, 10)).toBe('0.5,9.0 2.5,1.0');
    expect(sparklinePoints(new Float64Array([Number.NaN, Number.NaN]), 10, 10)).toBe('');
  });
});

describe('naturalKey', () => {
  it('orders digit runs by value and ignores case, accents and leading zeros', () => {
    const names = ['Store 10', 'store 9', 'STORE 009b', 'Évora 2', 'evora 1', 'a2b10', 'a2b9', 'a10'];
    expect([...names].sort((a, b) => (naturalKey(a) < naturalKey(b) ? -1 : naturalKey(a) > naturalKey(b) ? 1 : 0))).toEqual(['a2b9', 'a2b10', 'a10', 'evora 1', 'Évora 2', 'store 9', 'STORE 009b', 'Store 10']);
  });
});
