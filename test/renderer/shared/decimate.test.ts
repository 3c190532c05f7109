// Display decimation: a million points become two per pixel column, every spike kept, gaps kept
// as gaps, and exactly the points in view when they are few.
import { describe, expect, it } from 'vitest';
import { decimate, lowerBound, visibleIndices } from '../../../renderer/shared/chart/decimate';

describe('decimate', () => {
  it('keeps every point, with NaN as a gap, when few are in view', () => {
    const frame = { x: Float64Array.from([1, 2, 3, 4]), series: [Float64Array.from([10, Number.NaN, 30, 40])] };
    expect(decimate(frame, 2, 3, 100)).toEqual([
      [1, 2, 3, 4],
      [10, null, 30, 40],
    ]);
  });

  it('reduces a million points to two per bucket and keeps the extremes of each bucket in time order', () => {
    const n = 1_000_000;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const y = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 1000));
    y[123_456] = 50; // a spike
    y[654_321] = -50; // a dip
    const cov = new Float64Array(n).fill(Number.NaN);
    const [xs, ys, cs] = decimate({ x, series: [y, cov] }, 0, n - 1, 1000);
    expect(xs.length).toBe(2000);
    expect(Math.max(...(ys as number[]))).toBe(50);
    expect(Math.min(...(ys as number[]))).toBe(-50);
    expect(cs!.every((v) => v === null)).toBe(true);
    // Bucket 123 holds the spike; sin falls across 123–124 rad (its minimum is at 124.09), so
    // the bucket's minimum is its last point, after the spike: max first, then min.
    const b = Math.floor(123_456 / 1000);
    expect(xs[2 * b]).toBe(b * 1000);
    expect(xs[2 * b + 1]).toBe(b * 1000 + 999);
    expect([ys![2 * b], ys![2 * b + 1]]).toEqual([50, Math.sin(123.999)]);
    for (let i = 1; i < xs.length; i++) expect(xs[i]!).toBeGreaterThanOrEqual(xs[i - 1]!);
  });

  it('decimates only the range in view (a zoom shows full detail)', () => {
    const n = 100_000;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const y = Float64Array.from({ length: n }, (_, i) => i % 7);
    const [xs] = decimate({ x, series: [y] }, 5000, 5100, 200);
    // 101 points in view, plus one either side so lines reach the edges.
    expect(xs).toEqual(Array.from({ length: 103 }, (_, i) => 4999 + i));
  });

  it('finds the indices of a range by binary search', () => {
    const x = Float64Array.from([1, 3, 5, 7, 9]);
    expect(lowerBound(x, 4)).toBe(2);
    expect(lowerBound(x, 10)).toBe(5);
    expect(visibleIndices(x, 3, 7)).toEqual([0, 5]);
    expect(visibleIndices(x, 4, 4.5)).toEqual([1, 4]);
  });
});
