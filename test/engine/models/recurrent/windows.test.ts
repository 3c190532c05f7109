// Windows and the split around them: no training target reaches the validation tail, scalers
// see only the training part, and the anchors of level normalisation are right.
import { describe, expect, it } from 'vitest';
import { fitSchema } from '../../../../engine/models/recurrent/fit';
import { fillWindows, planSplit } from '../../../../engine/models/recurrent/windows';
import type { SeriesData } from '../../../../engine/models/types';

describe('planSplit', () => {
  it('puts validation windows at the end and keeps training targets out of the validation tail', () => {
    const n = 100;
    const L = 10;
    const h = 5;
    const plan = planSplit(n, L, h, { validationWindows: 12 });
    expect(plan.lastValEnd).toBe(n - h - 1); // the last window's targets are the last h points
    expect(plan.lastValEnd - plan.firstValEnd + 1).toBe(12);
    expect(plan.firstTrainEnd).toBe(L - 1);
    // last training target row < first validation target row
    expect(plan.lastTrainEnd + h).toBeLessThan(plan.firstValEnd + 1);
    expect(plan.lastTrainEnd + h).toBe(plan.firstValEnd);
    // scalers fit on rows before the first validation target
    expect(plan.fitLength).toBe(plan.firstValEnd + 1);
  });

  it('keeps only the most recent training windows when capped', () => {
    const plan = planSplit(1000, 10, 5, { validationWindows: 50, maxTrainWindows: 100 });
    expect(plan.lastTrainEnd - plan.firstTrainEnd + 1).toBe(100);
  });

  it('refuses a series too short to train on, saying what to change', () => {
    expect(() => planSplit(20, 10, 5)).toThrow(/Too little data: 20 points.*shorter lookback or horizon/);
  });
});

describe('scalers are fit on the training part only', () => {
  const plan = planSplit(80, 8, 4, { validationWindows: 10 });
  // Everything from the first validation target on changes.
  const series = (tail: number): SeriesData => {
    const target = Float64Array.from({ length: 80 }, (_, i) => 10 + Math.sin(i / 3) + (i >= plan.fitLength ? tail : 0));
    return {
      time: Float64Array.from({ length: 80 }, (_, i) => i * 86_400_000),
      target,
      covariates: [Float64Array.from(target, (v) => v * 2)],
      covariateNames: ['c'],
      frequency: { unit: 'day', step: 1, label: 'daily' },
      season: 7,
    };
  };
  it('gives the same scalers whatever follows the training part', () => {
    expect(plan.fitLength).toBe(67);
    const a = fitSchema(series(0), plan, true);
    const b = fitSchema(series(1000), plan, true);
    expect(b).toEqual(a);
    expect(a.transform.log).toBe(true);
  });
});

describe('fillWindows', () => {
  // 2 channels: target t (0..9), covariate 100 + t
  const features = new Float32Array(20);
  for (let t = 0; t < 10; t++) {
    features[2 * t] = t;
    features[2 * t + 1] = 100 + t;
  }
  const run = (normalisation: 'none' | 'last' | 'mean') => {
    const x = new Float32Array(3 * 2);
    const y = new Float32Array(2);
    const anchors = new Float64Array(2);
    fillWindows(x, y, anchors, features, 2, [4], 0, 1, 3, 2, normalisation, 1);
    expect(anchors[1]).toBe(anchors[0]); // one anchor for every step
    return { x: Array.from(x), y: Array.from(y), anchor: anchors[0] };
  };
  it('copies rows e−L+1..e as inputs and e+1..e+h as targets', () => {
    expect(run('none')).toEqual({ x: [2, 102, 3, 103, 4, 104], y: [5, 6], anchor: 0 });
  });
  it('subtracts the last value from the target channel and the targets with level normalisation', () => {
    expect(run('last')).toEqual({ x: [-2, 102, -1, 103, 0, 104], y: [1, 2], anchor: 4 });
  });
  it('subtracts the window mean with mean normalisation', () => {
    expect(run('mean')).toEqual({ x: [-1, 102, 0, 103, 1, 104], y: [2, 3], anchor: 3 });
  });
  it('anchors each target step on the value one season earlier with seasonal anchoring', () => {
    // season 2, lookback 3, horizon 3, window ending at row 4: targets rows 5, 6, 7; their
    // seasonal naive values are rows 3, 4, 3 (the last season repeated); inputs relative to row 4.
    const x = new Float32Array(3 * 2);
    const y = new Float32Array(3);
    const anchors = new Float64Array(3);
    fillWindows(x, y, anchors, features, 2, [4], 0, 1, 3, 3, 'season', 2);
    expect(Array.from(anchors)).toEqual([3, 4, 3]);
    expect(Array.from(y)).toEqual([5 - 3, 6 - 4, 7 - 3]);
    expect(Array.from(x)).toEqual([-2, 102, -1, 103, 0, 104]);
  });
  it('refuses seasonal anchoring with windows shorter than a season', () => {
    const x = new Float32Array(3 * 2);
    expect(() => fillWindows(x, null, new Float64Array(2), features, 2, [4], 0, 1, 3, 2, 'season', 4)).toThrow(
      /lookback of at least one season \(4\); got 3/,
    );
  });
});
