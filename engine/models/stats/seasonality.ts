// Autocorrelation and the 90% seasonality test at lag m that R's thetaf() and the M4
// competition's Naive2 apply before deseasonalising: the lag-m autocorrelation against its
// standard error under Bartlett's formula, sqrt((1 + 2·Σ_{k<m} r_k²) / n), one-sided at 1.645.

import { normalQuantile } from './normal';
import { isConstant } from './summary';

/** Sample autocorrelations r_1 … r_maxLag (index 0 holds r_1), about the mean, divided by n. */
export function autocorrelation(y: ArrayLike<number>, maxLag: number): Float64Array {
  const n = y.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i];
  mean /= n;
  const centred = new Float64Array(n);
  for (let i = 0; i < n; i++) centred[i] = y[i] - mean;
  const lagSum = (lag: number): number => {
    let s = 0;
    for (let i = 0; i < n - lag; i++) s += centred[i + lag] * centred[i];
    return s / n;
  };
  const c0 = lagSum(0);
  const r = new Float64Array(maxLag);
  for (let lag = 1; lag <= maxLag; lag++) {
    const v = lag < n ? lagSum(lag) / c0 : NaN;
    r[lag - 1] = v > 1 ? 1 : v < -1 ? -1 : v;
  }
  return r;
}

/** |r_m| divided by its standard error; NaN when the series has no variance. */
export function seasonalAcfStatistic(y: ArrayLike<number>, m: number): number {
  const r = autocorrelation(y, m);
  let sum = 0;
  for (let k = 0; k < m - 1; k++) sum += r[k] * r[k];
  return Math.abs(r[m - 1]) / Math.sqrt((1 + 2 * sum) / y.length);
}

/** R thetaf's test: m > 1, not constant, more than 2m values, statistic above qnorm(0.95). */
export function isSeasonalForTheta(y: ArrayLike<number>, m: number): boolean {
  if (m <= 1 || y.length <= 2 * m || isConstant(y)) return false;
  return seasonalAcfStatistic(y, m) > normalQuantile(0.95);
}

/** M4 Naive2's test: m > 1, at least 3m values, statistic above 1.645 (NaN counts as not). */
export function isSeasonalForNaive2(y: ArrayLike<number>, m: number): boolean {
  if (m <= 1 || y.length < 3 * m) return false;
  return seasonalAcfStatistic(y, m) > 1.645;
}
