// Series with their own starts and ends drawn on one axis: every time once, in order, each
// series' values at its own times and gaps elsewhere.
import { describe, expect, it } from 'vitest';
import { alignSeries } from '../../../renderer/shared/chart/aligned-series';

describe('alignSeries', () => {
  it('puts series of different spans on the union of their times', () => {
    const frame = alignSeries([
      { time: [1, 2, 3], values: [10, 20, 30] },
      { time: [3, 5], values: [7, 8] },
    ]);
    expect([...frame.x]).toEqual([1, 2, 3, 5]);
    expect([...frame.series[0]!]).toEqual([10, 20, 30, Number.NaN]);
    expect([...frame.series[1]!]).toEqual([Number.NaN, Number.NaN, 7, 8]);
  });

  it('gives an empty frame for no series', () => {
    expect(alignSeries([])).toEqual({ x: new Float64Array(0), series: [] });
  });
});
