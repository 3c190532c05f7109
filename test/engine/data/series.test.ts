// Many series in one file (long format): which columns name the series, and each series on its
// own regular index. Every expected number is read off the fixture files by hand.
import { describe, expect, it } from 'vitest';
import { formatTime, readDataset } from '../../../engine/data';
import type { ReadResult, SeriesSlice } from '../../../engine/data';
import { codes, dataErrorOf, readFixture } from './helpers';

/** A series' times (as written) and one column's values. */
function seriesOf(r: ReadResult, id: string, column: string): { times: string[]; values: number[]; slice: SeriesSlice } {
  const slice = r.dataset.series.find((s) => s.id === id)!;
  const range = (a: ArrayLike<number>): number[] => Array.from(a).slice(slice.offset, slice.offset + slice.length);
  return {
    times: range(r.dataset.time).map((t) => formatTime(t, r.dataset.timeStyle)),
    values: range(r.dataset.columns.find((c) => c.name === column)!.values),
    slice,
  };
}

describe('long format', () => {
  it('three stores of different lengths and starts: each its own index, own gaps and duplicates; one unusable', () => {
    const r = readFixture('long-three-stores.csv');
    expect(r.detected).toMatchObject({ idColumns: ['store'], idCandidates: ['store'], numericColumns: ['sales', 'price'], timeColumn: 'date' });
    expect(r.dataset.idColumns).toEqual(['store']);
    expect(r.dataset.series.map((s) => [s.id, s.keys, s.offset, s.length, s.gaps, s.duplicates])).toEqual([
      ['A', ['A'], 0, 6, 1, 0], ['B', ['B'], 6, 3, 0, 1], ['C', ['C'], 9, 0, 0, 0]]);
    const a = seriesOf(r, 'A', 'sales');
    expect(a.times).toEqual(['2023-01-01', '2023-02-01', '2023-03-01', '2023-04-01', '2023-05-01', '2023-06-01']);
    expect(a.values).toEqual([10, 11, 12, NaN, 14, 15]);
    expect(a.slice.problems.map((p) => [p.code, p.row])).toEqual([['gap-filled', 9]]);
    // B's two rows for May (lines 8 and 10) are averaged: 220 and 230 → 225; no other store is mixed in.
    const b = seriesOf(r, 'B', 'sales');
    expect(b.times).toEqual(['2023-03-01', '2023-04-01', '2023-05-01']);
    expect(b.values).toEqual([200, 210, 225]);
    expect(b.slice.problems.map((p) => [p.code, p.row])).toEqual([['duplicate-time', 10]]);
    expect(seriesOf(r, 'B', 'price').values).toEqual([2.5, 2.5, 2.5]);
    const c = r.dataset.series[2];
    expect(c.unusable).toContain('only one data row');
    expect(r.dataset.time.length).toBe(9);
    expect(r.dataset.columns.every((col) => col.values.length === 9)).toBe(true);
    expect(r.dataset.frequency).toMatchObject({ unit: 'month', step: 1, label: 'monthly' });
    expect(r.dataset.season).toBe(12);
    expect(codes(r)).toEqual(['many-series', 'gap-filled', 'duplicate-time', 'unusable-series']);
    expect(r.dataset.problems[0].message).toBe('long-three-stores.csv holds 3 series, one per "store" (long format); each has its own time index.');
    expect(r.dataset.problems[3].message).toMatch(/^Series "C" cannot be forecast: .*only one data row/);
  });

  it('several id columns: store and product together name the series', () => {
    const r = readFixture('long-store-product.csv');
    expect(r.detected.idColumns).toEqual(['store', 'product']);
    expect(r.detected.numericColumns).toEqual(['units']);
    expect(r.dataset.series.map((s) => [s.id, s.length])).toEqual([
      ['North / apples', 3], ['North / pears', 2], ['South / apples', 3], ['South / pears', 3]]);
    expect(r.dataset.series[1].keys).toEqual(['North', 'pears']);
    expect(seriesOf(r, 'North / apples', 'units').values).toEqual([3, 5, 7]);
    expect(seriesOf(r, 'South / pears', 'units').values).toEqual([40, 60, 80]);
    expect(r.dataset.frequency.label).toBe('daily');
  });

  it('stores that share some products: store and product together, never product alone (tea of two stores is two series)', () => {
    // Per day: North tea, North coffee, South tea, South milk. Product alone leaves only the two
    // teas sharing a day (1 of the 3 rows that share it), yet still mixes two stores' tea.
    const text = 'store,product,date,units\n' + ['2024-01-01', '2024-01-02', '2024-01-03'].flatMap((d, k) =>
      ['North,tea', 'North,coffee', 'South,tea', 'South,milk'].map((ids, j) => `${ids},${d},${10 * j + k}.5`)).join('\n');
    const r = readDataset(text);
    expect(r.detected.idColumns).toEqual(['store', 'product']);
    expect(r.dataset.series.map((s) => [s.id, s.length])).toEqual([
      ['North / tea', 3], ['North / coffee', 3], ['South / tea', 3], ['South / milk', 3]]);
    expect(seriesOf(r, 'South / tea', 'units').values).toEqual([20.5, 21.5, 22.5]);
  });

  it('whole-number sales stay the target: text ids are tried before whole-number columns', () => {
    // units (whole numbers, 4 distinct values) tells apart the rows of a day, as the two ids together do.
    const text = 'store,product,date,units\n' + ['2024-01-01', '2024-01-02', '2024-01-03'].flatMap((d, k) =>
      ['a,x', 'a,y', 'b,x', 'b,y'].map((ids, j) => `${ids},${d},${(j + k) % 4}`)).join('\n');
    const r = readDataset(text);
    expect(r.detected).toMatchObject({ idColumns: ['store', 'product'], numericColumns: ['units'] });
    expect(seriesOf(r, 'b / x', 'units').values).toEqual([2, 3, 0]);
  });

  it('a whole-number id without an id-like name is told from whole-number sales by how many values it holds', () => {
    // Three warehouses per day; units take 20 different values (each day's three differ), warehouse 3.
    const text = 'warehouse,date,units\n' + Array.from({ length: 20 }, (_, k) => `2024-01-${String(k + 1).padStart(2, '0')}`)
      .flatMap((d, k) => [7, 8, 9].map((w, j) => `${w},${d},${100 + ((3 * k + j) % 20)}`)).join('\n');
    const r = readDataset(text);
    expect(r.detected).toMatchObject({ idColumns: ['warehouse'], numericColumns: ['units'] });
    expect(r.dataset.series.map((s) => [s.id, s.length])).toEqual([['7', 20], ['8', 20], ['9', 20]]);
  });

  it('three id columns named by the user', () => {
    const text = 'date,region,store,product,units\n' + ['2024-01-01', '2024-01-02'].flatMap((d, k) =>
      ['n,1,a', 'n,1,b', 'n,2,a', 's,1,a'].map((ids, j) => `${d},${ids},${10 * j + k}`)).join('\n');
    const r = readDataset(text, { idColumns: ['region', 'store', 'product'] });
    expect(r.dataset.series.map((s) => [s.id, s.keys, s.length])).toEqual([
      ['n / 1 / a', ['n', '1', 'a'], 2], ['n / 1 / b', ['n', '1', 'b'], 2], ['n / 2 / a', ['n', '2', 'a'], 2], ['s / 1 / a', ['s', '1', 'a'], 2]]);
    expect(seriesOf(r, 'n / 2 / a', 'units').values).toEqual([20, 21]);
  });

  it('ids that look like numbers (store 101, 102, 103) name series: not a covariate, not the target', () => {
    const r = readFixture('long-numeric-ids.csv');
    expect(r.detected).toMatchObject({ idColumns: ['store'], numericColumns: ['sales'] });
    expect(r.dataset.columns.map((c) => c.name)).toEqual(['sales']);
    expect(r.dataset.series.map((s) => [s.id, s.length])).toEqual([['101', 4], ['102', 4], ['103', 3]]);
    expect(seriesOf(r, '102', 'sales').values).toEqual([7.25, 8.25, 9.25, 10.25]);
    expect(r.dataset.frequency.label).toBe('weekly');
  });

  it('ids differing only in capitals or spaces are kept apart and reported as a likely duplicate', () => {
    const r = readFixture('long-typo-ids.csv');
    expect(r.dataset.series.map((s) => [s.id, s.length])).toEqual([['Store A', 3], ['store A ', 2], ['Store B', 3]]);
    expect(seriesOf(r, 'store A ', 'sales').values).toEqual([2, 5]);
    const p = r.dataset.problems.find((q) => q.code === 'similar-series-ids')!;
    expect(p.severity).toBe('warning');
    expect(p.message).toBe('The series "Store A", "store A " differ only in capitals or spaces; they were kept apart. ' +
      'If they are one series, write its id the same way on every row.');
  });

  it('never becomes one averaged series; the user may still ask for one, or name the ids', () => {
    const r = readFixture('long-numeric-ids.csv');
    expect(r.dataset.problems.some((p) => p.code === 'duplicate-time')).toBe(false);
    const one = readFixture('long-numeric-ids.csv', { idColumns: null });
    expect(one.dataset.idColumns).toEqual([]);
    expect(one.dataset.series).toEqual([{ id: '', keys: [], offset: 0, length: 4, gaps: 0, duplicates: 7, problems: expect.any(Array) }]);
    expect(one.detected.numericColumns).toEqual(['store', 'sales']);
    expect(codes(one)).toContain('duplicate-time');
    const named = readFixture('long-store-product.csv', { idColumns: ['STORE'] });
    expect(named.dataset.series.map((s) => s.id)).toEqual(['North', 'South']);
    expect(dataErrorOf(() => readFixture('long-store-product.csv', { idColumns: ['shop'] }))).toMatchObject({ code: 'unknown-column', column: 'shop' });
  });

  it('a one-series file is one slice over every row, with its own findings', () => {
    const r = readFixture('daily-missing-week.csv');
    expect(r.dataset.idColumns).toEqual([]);
    expect(r.dataset.series).toEqual([{ id: '', keys: [], offset: 0, length: 25, gaps: 7, duplicates: 0,
      problems: r.dataset.problems.filter((p) => p.code === 'gap-filled') }]);
  });

  it('refuses a file only when no series is usable, saying why', () => {
    const e = dataErrorOf(() => readDataset('id,date,v\na,2024-01-01,1\nb,2024-01-01,2\nc,2024-01-01,3\n', { source: 'x.csv' }));
    expect(e.code).toBe('no-usable-series');
    expect(e.message).toMatch(/^x\.csv holds 3 series \(one per "id"\), and none can be forecast — "a": .*only one data row/);
  });

  it('rows without an id are left out and listed; series without a time column are numbered within each', () => {
    const r = readDataset('shop,date,v\nx,2024-01-01,1\n,2024-01-02,2\ny,2024-01-01,3\nx,2024-01-02,4\ny,2024-01-02,5\n');
    expect(r.dataset.series.map((s) => [s.id, s.length])).toEqual([['x', 2], ['y', 2]]);
    expect(r.dataset.problems.find((p) => p.code === 'missing-id')).toMatchObject({ row: 3 });
    const numbered = readDataset('shop,v\nx,1\ny,2\nx,3\ny,4\nx,5\n', { idColumns: ['shop'] });
    expect(Array.from(numbered.dataset.time)).toEqual([1, 2, 3, 1, 2]);
    expect(numbered.dataset.series.map((s) => [s.id, s.offset, s.length])).toEqual([['x', 0, 3], ['y', 3, 2]]);
    expect(Array.from(numbered.dataset.columns[0].values)).toEqual([1, 3, 5, 2, 4]);
  });
});
