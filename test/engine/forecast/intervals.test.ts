// The ensemble's prediction intervals on synthetic data with known noise: split conformal on
// the validation residuals must cover fresh points at the nominal rates, in data units, also
// when the level moves after the validation tail.
import { describe, expect, it } from 'vitest';
import { applyIntervals, combineMembers } from '../../../engine/forecast/ensemble';
import type { Candidate } from '../../../engine/forecast/candidates';
import { Rng } from '../../../engine/math/prng';

function gaussian(rng: Rng): number {
  const u = 1 - rng.nextFloat();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextFloat());
}

/** A fitted member whose validation predictions and forecast are given. */
function member(ends: Int32Array, actual: Float64Array, predicted: Float64Array, future: Float64Array): Candidate {
  let abs = 0;
  for (let i = 0; i < actual.length; i++) abs += Math.abs(actual[i] - predicted[i]);
  const training = { trainLoss: new Float64Array(0), validationLoss: new Float64Array(0), bestEpoch: 1, epochsRun: 1, stoppedBy: 'epochs' as const, skippedSteps: 0 };
  const fit = { kind: 'recurrent', label: 'synthetic', state: {}, validation: { ends, actual, predicted }, validationMae: abs / actual.length, future, training, seconds: 0 };
  return { ...fit, config: {}, fits: [fit] };
}

describe('ensemble intervals on synthetic data with known noise', () => {
  it('cover 80% and 95% of fresh points when the level moves after the validation tail', () => {
    // Validation tail: level 100 + N(0, 5²) noise, predicted exactly by three members (their
    // small offsets cancel in the median). Forecast period: level 40, same additive noise.
    // Theory (n = 200 windows per step): ⌈201·0.8⌉/201 = 0.801 and ⌈201·0.95⌉/201 = 0.950, a
    // little more from keeping widths non-decreasing over the 4 steps. Level-proportional
    // (log-space) widths would cover only ~0.6 at 95% here.
    const h = 4;
    const nVal = 200;
    const sigma = 5;
    const rng = new Rng(11);
    const trials = 150;
    const freshPerTrial = 100;
    let in80 = 0;
    let in95 = 0;
    let total = 0;
    for (let t = 0; t < trials; t++) {
      const target = new Float64Array(nVal + h + 10);
      for (let i = 0; i < target.length; i++) target[i] = 100 + sigma * gaussian(rng);
      const ends = Int32Array.from({ length: nVal }, (_, i) => 9 + i);
      const actual = new Float64Array(nVal * h);
      ends.forEach((e, i) => {
        for (let k = 0; k < h; k++) actual[i * h + k] = target[e + 1 + k];
      });
      const members = [-0.01, 0, 0.01].map((offset) =>
        member(ends, actual, new Float64Array(nVal * h).fill(100 + offset), new Float64Array(h).fill(40 + offset)),
      );
      const combined = combineMembers(members, []);
      const f = combined.future;
      expect(Array.from(f.mean)).toEqual([40, 40, 40, 40]);
      for (let j = 0; j < freshPerTrial; j++) {
        for (let k = 0; k < h; k++) {
          const y = 40 + sigma * gaussian(rng);
          if (y >= f.lower80[k] && y <= f.upper80[k]) in80++;
          if (y >= f.lower95[k] && y <= f.upper95[k]) in95++;
          total++;
        }
      }
    }
    // 60,000 fresh points over 150 calibrations: the spread between calibrations dominates,
    // standard error ≈ 0.028/√150 ≈ 0.0025 at 80% and 0.0015 at 95%.
    expect(in80 / total).toBeGreaterThan(0.79);
    expect(in80 / total).toBeLessThan(0.83);
    expect(in95 / total).toBeGreaterThan(0.94);
    expect(in95 / total).toBeLessThan(0.965);
  });

  it('are symmetric around the forecast, in data units', () => {
    const h = 2;
    const nVal = 40;
    const rng = new Rng(3);
    const target = new Float64Array(nVal + h + 5).map(() => 20 + gaussian(rng));
    const ends = Int32Array.from({ length: nVal }, (_, i) => 4 + i);
    const actual = new Float64Array(nVal * h);
    ends.forEach((e, i) => {
      for (let k = 0; k < h; k++) actual[i * h + k] = target[e + 1 + k];
    });
    const combined = combineMembers([member(ends, actual, new Float64Array(nVal * h).fill(20), Float64Array.of(8, 9))], []);
    const f = combined.future;
    expect(combined.calibration.space).toBe('identity');
    for (let k = 0; k < h; k++) {
      expect(f.upper95[k] - f.mean[k]).toBeCloseTo(f.mean[k] - f.lower95[k], 12);
      expect(f.upper80[k] - f.mean[k]).toBeCloseTo(combined.calibration.q80[k], 12);
    }
  });
});

describe('intervals from a model file calibrated in log units (model files of format 1)', () => {
  it('are still applied multiplicatively around a positive forecast', () => {
    const f = applyIntervals(Float64Array.of(10), { space: 'log', method: 'per-step', windows: 30, q80: Float64Array.of(Math.log(1.5)), q95: Float64Array.of(Math.log(2)) });
    expect(f.lower95[0]).toBeCloseTo(5, 12);
    expect(f.upper95[0]).toBeCloseTo(20, 12);
    expect(f.lower80[0]).toBeCloseTo(10 / 1.5, 12);
    expect(f.upper80[0]).toBeCloseTo(15, 12);
  });
});
