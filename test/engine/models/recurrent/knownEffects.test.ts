// The known covariates' way into a network: each window's values at its forecast steps as head
// extras (step-major), and the head's start at the least-squares effects of those values.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../../engine/math/prng';
import { createNetwork, getParameter, predict } from '../../../../engine/nn';
import { fitKnownEffects, startHeadFromEffects } from '../../../../engine/models/recurrent/knownEffects';
import { fillHeadExtras, range } from '../../../../engine/models/recurrent/windows';

describe('fillHeadExtras', () => {
  it('lays out each window’s known values at steps e+1..e+h, step by step, and refuses a window past them', () => {
    // 6 rows × 2 channels: row r holds (10r, 10r + 1).
    const known = Float32Array.from({ length: 12 }, (_, i) => 10 * Math.floor(i / 2) + (i % 2));
    const extras = new Float32Array(2 * 2 * 2);
    fillHeadExtras(extras, known, 2, [1, 3], 0, 2, 2);
    expect(Array.from(extras)).toEqual([20, 21, 30, 31, 40, 41, 50, 51]);
    expect(() => fillHeadExtras(extras, known, 2, [4], 0, 1, 2)).toThrow(/cover 6 rows; forecasting 2 steps after row 5 needs 7/);
  });
});

describe('fitKnownEffects and startHeadFromEffects', () => {
  it('recover the intercept and slopes of targets that are linear in the known values, and start the head there', () => {
    const rng = new Rng(3);
    const n = 80, h = 4, L = 6;
    const known = Float32Array.from({ length: (n + h) * 2 }, () => rng.uniform(-1, 1));
    // target = 0.5 + 2·k0 − 1.5·k1, as the single feature channel; anchor 'none' = 0.
    const features = Float32Array.from({ length: n }, (_, t) => 0.5 + 2 * known[2 * t] - 1.5 * known[2 * t + 1]);
    const effects = fitKnownEffects(features, 1, known, 2, range(L - 1, n - h - 1), L, h, 'none', 1);
    expect(effects.intercept).toBeCloseTo(0.5, 5);
    expect(effects.slopes[0]).toBeCloseTo(2, 5);
    expect(effects.slopes[1]).toBeCloseTo(-1.5, 5);

    const net = createNetwork({ cell: 'gru', bidirectional: false, layers: 1, inputSize: 1, hiddenSize: 3, outputSize: h, dropout: 0, headExtras: h * 2 }, 1);
    getParameter(net, 'head.weight').fill(0);
    getParameter(net, 'head.bias').fill(0);
    startHeadFromEffects(net, effects, h);
    const extras = new Float32Array(h * 2);
    fillHeadExtras(extras, known, 2, [n - 1], 0, 1, h);
    const out = predict(net, features.subarray(n - L), 1, L, undefined, undefined, extras);
    for (let k = 0; k < h; k++) {
      expect(out[k]).toBeCloseTo(0.5 + 2 * known[2 * (n + k)] - 1.5 * known[2 * (n + k) + 1], 4);
    }
  });
});
