// Point forecasts with central prediction intervals, the shape every statistical model here
// returns, and the normal-theory interval from a forecast variance.

import { intervalMultiplier } from './normal';

export interface IntervalForecast {
  /** Point forecasts for steps 1..h. */
  mean: Float64Array;
  /** Interval levels in percent, in the order given. */
  levels: number[];
  /** lower[i][k], upper[i][k]: bounds of the levels[i] interval at step k + 1. */
  lower: Float64Array[];
  upper: Float64Array[];
}

/** mean ± z·√variance for each level; a zero variance gives zero-width intervals. */
export function normalIntervals(mean: Float64Array, variance: ArrayLike<number>, levels: readonly number[]): IntervalForecast {
  const lower: Float64Array[] = [];
  const upper: Float64Array[] = [];
  for (const level of levels) {
    const z = intervalMultiplier(level);
    const lo = new Float64Array(mean.length);
    const hi = new Float64Array(mean.length);
    for (let k = 0; k < mean.length; k++) {
      const half = z * Math.sqrt(Math.max(0, variance[k]));
      lo[k] = mean[k] - half;
      hi[k] = mean[k] + half;
    }
    lower.push(lo);
    upper.push(hi);
  }
  return { mean, levels: [...levels], lower, upper };
}
