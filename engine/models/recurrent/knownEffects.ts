// Where the head of a network with known covariates starts: the anchor forecast plus linear
// effects of the known values at each forecast step, fit by least squares on the training
// windows — one coefficient per covariate, shared by every step, and an intercept. Training
// then refines them with everything else; a network whose training never beats this start
// forecasts the anchor plus these effects. Only training windows are read (no leakage).
import type { Network } from '../../nn';
import { getParameter } from '../../nn';
import { fillWindows, type Normalisation } from './windows';

/** Least-squares effects in network units: target minus anchor ≈ intercept + Σ_c slope_c · known_c. */
export interface KnownEffects {
  intercept: number;
  slopes: Float64Array;
}

/**
 * Fit the effects on the windows ending at `ends`. features (n, F) and known (N, Ck) as built
 * for the network (buildFeatures, buildKnownInputs).
 */
export function fitKnownEffects(
  features: Float32Array,
  channels: number,
  known: Float32Array,
  knownChannels: number,
  ends: ArrayLike<number>,
  lookback: number,
  horizon: number,
  normalisation: Normalisation,
  season: number,
): KnownEffects {
  const Ck = knownChannels;
  const P = Ck + 1;
  const xtx = new Float64Array(P * P);
  const xty = new Float64Array(P);
  const x = new Float32Array(lookback * channels);
  const y = new Float32Array(horizon);
  const anchors = new Float64Array(horizon);
  const row = new Float64Array(P);
  row[0] = 1;
  for (let i = 0; i < ends.length; i++) {
    fillWindows(x, y, anchors, features, channels, ends, i, 1, lookback, horizon, normalisation, season);
    const e = ends[i];
    for (let k = 0; k < horizon; k++) {
      for (let c = 0; c < Ck; c++) row[1 + c] = known[(e + 1 + k) * Ck + c];
      for (let a = 0; a < P; a++) {
        xty[a] += row[a] * y[k];
        for (let b = 0; b < P; b++) xtx[a * P + b] += row[a] * row[b];
      }
    }
  }
  // A touch of ridge keeps a covariate that never varies in the training part (slope 0) solvable.
  let trace = 0;
  for (let a = 0; a < P; a++) trace += xtx[a * P + a];
  for (let a = 1; a < P; a++) xtx[a * P + a] += 1e-6 * (trace / P) + 1e-12;
  const beta = solve(xtx, xty, P);
  return { intercept: beta[0], slopes: beta.subarray(1) };
}

/** Set the head (zero elsewhere) so the untrained network forecasts the anchor plus the effects. */
export function startHeadFromEffects(net: Network, effects: KnownEffects, horizon: number): void {
  const weight = getParameter(net, 'head.weight');
  const bias = getParameter(net, 'head.bias');
  const Ck = effects.slopes.length;
  const width = weight.length / horizon; // H·dirs + h·Ck
  const states = width - horizon * Ck;
  for (let k = 0; k < horizon; k++) {
    bias[k] = effects.intercept;
    for (let c = 0; c < Ck; c++) weight[k * width + states + k * Ck + c] = effects.slopes[c];
  }
}

/** Solves A x = b (A (P, P) row-major, copied) by Gaussian elimination with partial pivoting. */
function solve(matrix: Float64Array, rhs: Float64Array, P: number): Float64Array {
  const a = Float64Array.from(matrix);
  const b = Float64Array.from(rhs);
  for (let col = 0; col < P; col++) {
    let pivot = col;
    for (let r = col + 1; r < P; r++) if (Math.abs(a[r * P + col]) > Math.abs(a[pivot * P + col])) pivot = r;
    if (Math.abs(a[pivot * P + col]) < 1e-300) return new Float64Array(P);
    if (pivot !== col) {
      for (let j = 0; j < P; j++) [a[col * P + j], a[pivot * P + j]] = [a[pivot * P + j], a[col * P + j]];
      [b[col], b[pivot]] = [b[pivot], b[col]];
    }
    for (let r = col + 1; r < P; r++) {
      const f = a[r * P + col] / a[col * P + col];
      for (let j = col; j < P; j++) a[r * P + j] -= f * a[col * P + j];
      b[r] -= f * b[col];
    }
  }
  const out = new Float64Array(P);
  for (let r = P - 1; r >= 0; r--) {
    let s = b[r];
    for (let j = r + 1; j < P; j++) s -= a[r * P + j] * out[j];
    out[r] = s / a[r * P + r];
  }
  return out;
}
