// Forecast accuracy measures (DESIGN.md "Data conventions"): MAE, RMSE, sMAPE (M4, in %),
// MASE scaled by the in-sample seasonal naive error, and the empirical coverage of intervals.
// Hidden points that are missing (NaN) in the data are left out of every measure.

export interface PointMetrics {
  mae: number;
  rmse: number;
  /** Symmetric MAPE in %, M4 definition: 200/h · Σ |y−ŷ| / (|y| + |ŷ|). */
  smape: number;
  /** Mean absolute error divided by the in-sample seasonal naive MAE (season m). */
  mase: number;
}

export interface IntervalMetrics {
  /** Share of the hidden points inside the 80% / 95% intervals, 0..1. */
  coverage80: number;
  coverage95: number;
}

/**
 * Season used to scale MASE: m, or 1 when the training part holds fewer than 3·m points
 * (the M4 rule used by shared/data/README.md).
 */
export function maseSeason(trainLength: number, season: number): number {
  return season > 1 && trainLength >= 3 * season ? season : 1;
}

/**
 * In-sample MAE of the seasonal naive forecast on `train`: mean over t ≥ m of |y_t − y_{t−m}|,
 * skipping pairs with a missing value. NaN when no pair exists.
 */
export function seasonalNaiveScale(train: ArrayLike<number>, season: number): number {
  const m = maseSeason(train.length, season);
  let sum = 0;
  let count = 0;
  for (let t = m; t < train.length; t++) {
    const d = train[t] - train[t - m];
    if (Number.isNaN(d)) continue;
    sum += Math.abs(d);
    count++;
  }
  return count === 0 ? NaN : sum / count;
}

/**
 * Point accuracy of `forecast` against `actual` (same length). `scale` is the MASE
 * denominator from `seasonalNaiveScale` on the training part. Points whose actual is NaN are
 * skipped; with none left every measure is NaN.
 */
export function pointMetrics(actual: ArrayLike<number>, forecast: ArrayLike<number>, scale: number): PointMetrics {
  if (actual.length !== forecast.length) {
    throw new RangeError(`pointMetrics: ${actual.length} actual values but ${forecast.length} forecasts.`);
  }
  let abs = 0;
  let sq = 0;
  let sym = 0;
  let n = 0;
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i];
    if (Number.isNaN(y)) continue;
    const e = y - forecast[i];
    abs += Math.abs(e);
    sq += e * e;
    const denominator = Math.abs(y) + Math.abs(forecast[i]);
    // 0/0 when both are exactly zero: a perfect forecast, no error.
    if (denominator > 0) sym += (2 * Math.abs(e)) / denominator;
    n++;
  }
  if (n === 0) return { mae: NaN, rmse: NaN, smape: NaN, mase: NaN };
  const mae = abs / n;
  return { mae, rmse: Math.sqrt(sq / n), smape: (100 * sym) / n, mase: mae / scale };
}

/** Share of non-missing actuals with lower ≤ y ≤ upper (NaN when there are none). */
export function coverage(actual: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>): number {
  let inside = 0;
  let n = 0;
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i];
    if (Number.isNaN(y)) continue;
    if (y >= lower[i] && y <= upper[i]) inside++;
    n++;
  }
  return n === 0 ? NaN : inside / n;
}
