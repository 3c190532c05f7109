// The simple forecasts every model is shown beside: naive (last value), seasonal naive (the
// value one season earlier) and drift (the line through the first and last values).

/** Last value of `history` repeated `horizon` times. */
export function naiveForecast(history: ArrayLike<number>, horizon: number): Float64Array {
  const n = requireHistory(history, 1, 'naive');
  return new Float64Array(horizon).fill(history[n - 1]);
}

/**
 * ŷ_{n+k} = y_{n+k−m·⌈k/m⌉}: the last full season repeated. Falls back to naive when the
 * history is shorter than one season or the season is 1.
 */
export function seasonalNaiveForecast(history: ArrayLike<number>, horizon: number, season: number): Float64Array {
  const n = requireHistory(history, 1, 'seasonal naive');
  if (season <= 1 || n < season) return naiveForecast(history, horizon);
  const out = new Float64Array(horizon);
  for (let k = 1; k <= horizon; k++) {
    out[k - 1] = history[n - season + ((k - 1) % season)];
  }
  return out;
}

/** ŷ_{n+k} = y_n + k·(y_n − y_1)/(n − 1): the random walk with the average historical step. */
export function driftForecast(history: ArrayLike<number>, horizon: number): Float64Array {
  const n = requireHistory(history, 1, 'drift');
  const slope = n > 1 ? (history[n - 1] - history[0]) / (n - 1) : 0;
  const out = new Float64Array(horizon);
  for (let k = 1; k <= horizon; k++) out[k - 1] = history[n - 1] + k * slope;
  return out;
}

function requireHistory(history: ArrayLike<number>, min: number, what: string): number {
  if (history.length < min) {
    throw new RangeError(`The ${what} forecast needs at least ${min} past value(s); got ${history.length}.`);
  }
  return history.length;
}
