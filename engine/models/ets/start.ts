// Where an ETS fit starts its search (R's initstate and initparam): initial states from a
// decomposition and a regression line, and smoothing parameters just inside their bounds.

import { decompose } from '../stats/decompose';
import { mean } from '../stats/summary';
import { fitTrendLine, leastSquares } from '../stats/regression';
import type { EtsStructure } from './recursion';

/** Lower and upper bounds for alpha, beta, gamma, phi (R's ets() defaults). */
export const PARAMETER_LOWER = [1e-4, 1e-4, 1e-4, 0.8] as const;
export const PARAMETER_UPPER = [0.9999, 0.9999, 0.9999, 0.98] as const;

/**
 * Initial state [l, b?, s_0 … s_{m−2}] for fitting y (the last seasonal state is implied:
 * the indices sum to 0, or to m when multiplicative). Seasonal indices come from a classical
 * decomposition when y holds 3 seasons, else from a trend-plus-one-harmonic regression;
 * level and trend from a line through the first max(10, 2m) seasonally adjusted values.
 */
export function initialState(y: ArrayLike<number>, s: EtsStructure): number[] {
  const n = y.length;
  const m = s.m;
  let adjusted: Float64Array;
  let seasonStates: number[] = [];
  if (s.season > 0) {
    if (n < 4) throw new RangeError(`A seasonal ETS model needs at least 4 values; got ${n}.`);
    const seasonal = n < 3 * m ? harmonicSeasonal(y, m, s.season === 2) : decompose(y, m, s.season === 2 ? 'multiplicative' : 'additive').seasonal;
    // s_0 is the newest seasonal state: positions m−1, m−2, …, 1 of the first season.
    for (let k = m - 1; k >= 1; k--) seasonStates.push(seasonal[k]);
    adjusted = new Float64Array(n);
    if (s.season === 1) {
      for (let i = 0; i < n; i++) adjusted[i] = y[i] - seasonal[i];
    } else {
      seasonStates = seasonStates.map((v) => Math.max(v, 1e-2));
      let total = 0;
      for (const v of seasonStates) total += v;
      if (total > m) {
        let padded = 0;
        for (const v of seasonStates) padded += v + 1e-2;
        seasonStates = seasonStates.map((v) => v / padded);
      }
      for (let i = 0; i < n; i++) adjusted[i] = y[i] / Math.max(seasonal[i], 1e-2);
    }
  } else {
    adjusted = Float64Array.from(y);
  }

  const span = Math.min(Math.max(10, 2 * m), n);
  if (!s.trend) return [mean(adjusted, 0, span), ...seasonStates];
  const line = fitTrendLine(adjusted, 1, span);
  let l0 = line.intercept;
  let b0 = line.slope;
  // A multiplicative error divides by l0 + b0, the first forecast: keep it off zero.
  if (Math.abs(l0 + b0) < 1e-8) {
    l0 *= 1 + 1e-3;
    b0 *= 1 - 1e-3;
  }
  return [l0, b0, ...seasonStates];
}

/**
 * For fewer than three seasons: the series minus (additive) or over (multiplicative) a line
 * fitted together with one sine–cosine pair of period m. R's crude start for short series.
 */
function harmonicSeasonal(y: ArrayLike<number>, m: number, multiplicative: boolean): Float64Array {
  const n = y.length;
  const ones = new Float64Array(n).fill(1);
  const time = new Float64Array(n);
  const sine = new Float64Array(n);
  const cosine = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = i + 1;
    time[i] = t;
    sine[i] = sinPi((2 * t) / m);
    cosine[i] = sinPi((2 * t) / m + 0.5);
  }
  // With m = 2 the sine is zero at every integer time: R's fourier() leaves it out.
  const columns = m === 2 ? [ones, time, cosine] : [ones, time, sine, cosine];
  const b = leastSquares(columns, y);
  const seasonal = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const line = b[0] + b[1] * (i + 1);
    seasonal[i] = multiplicative ? y[i] / line : y[i] - line;
  }
  return seasonal;
}

/** sin(πx), exactly 0 and ±1 at the multiples of ½ (as R's sinpi), so whole seasons cancel. */
function sinPi(x: number): number {
  const r = x - 2 * Math.floor(x / 2);
  if (r === 0 || r === 1) return 0;
  if (r === 0.5) return 1;
  if (r === 1.5) return -1;
  return Math.sin(Math.PI * r);
}

/** Starting smoothing parameters for the free ones (R's initparam with bounds "both"). */
export function initialParameters(s: EtsStructure, damped: boolean): { alpha: number; beta: number; gamma: number; phi: number } {
  const [lo, , , loPhi] = PARAMETER_LOWER;
  const [hi, hiBeta, hiGamma, hiPhi] = PARAMETER_UPPER;
  let alpha = lo + (0.2 * (hi - lo)) / s.m;
  if (alpha > 1 || alpha < 0) alpha = lo + 2e-3;
  let beta = 0;
  if (s.trend) {
    const upper = Math.min(hiBeta, alpha);
    beta = PARAMETER_LOWER[1] + 0.1 * (upper - PARAMETER_LOWER[1]);
    if (beta < 0 || beta > alpha) beta = alpha - 1e-3;
  }
  let gamma = 0;
  if (s.season > 0) {
    const upper = Math.min(hiGamma, 1 - alpha);
    gamma = PARAMETER_LOWER[2] + 0.05 * (upper - PARAMETER_LOWER[2]);
    if (gamma < 0 || gamma > 1 - alpha) gamma = 1 - alpha - 1e-3;
  }
  let phi = 1;
  if (damped) {
    phi = loPhi + 0.99 * (hiPhi - loPhi);
    if (phi < 0 || phi > 1) phi = hiPhi - 1e-3;
  }
  return { alpha, beta, gamma, phi };
}
