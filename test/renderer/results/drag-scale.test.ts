// The what-if drag chart's value axis: padded around the history and plan, pixels to values and
// back, whole-number columns (a 0/1 promotion flag) snapping to whole numbers, prices not.
import { describe, expect, it } from 'vitest';
import { dragScale, keyStep, snap, valueAt, yOf } from '../../../renderer/results/drag-scale';

describe('the drag chart’s value axis', () => {
  it('pads a 0/1 flag by a quarter on each side and snaps dragged values to 0 or 1', () => {
    const scale = dragScale([0, 1, 1, 0, NaN]);
    expect(scale).toEqual({ min: -0.25, max: 1.25, step: 1 });
    // 100 px tall: 1 sits at (1.25 − 1) / 1.5 · 100 ≈ 16.7 px from the top, 0 at ≈ 83.3 px.
    expect(yOf(1, scale, 100)).toBeCloseTo(16.667, 3);
    expect(yOf(0, scale, 100)).toBeCloseTo(83.333, 3);
    expect(valueAt(20, scale, 100)).toBe(1);
    expect(valueAt(60, scale, 100)).toBe(0); // 1.25 − 0.6 · 1.5 = 0.35 → 0
    expect(valueAt(-50, scale, 100)).toBe(1); // above the plot: its top, 1.25 → 1
    expect(valueAt(500, scale, 100) === 0).toBe(true); // below: −0.25 → 0
    expect(keyStep(scale)).toBe(1);
  });

  it('keeps prices continuous, to 4 significant digits, with a fiftieth of the axis per arrow key', () => {
    const scale = dragScale([9.5, 10.5]);
    expect(scale).toEqual({ min: 9.25, max: 10.75, step: 0 });
    expect(valueAt(50, scale, 100)).toBe(10);
    expect(valueAt(33, scale, 100)).toBe(10.26); // 10.75 − 0.33 · 1.5 = 10.255 → 10.26
    expect(snap(10.123456, scale)).toBe(10.12);
    expect(keyStep(scale)).toBe(0.03);
  });

  it('gives a constant or empty column an axis around it', () => {
    expect(dragScale([5, 5])).toEqual({ min: 3.75, max: 6.25, step: 1 });
    expect(dragScale([0, 0])).toEqual({ min: -0.25, max: 0.25, step: 1 });
    expect(dragScale([])).toEqual({ min: 0, max: 1, step: 0 });
  });
});
