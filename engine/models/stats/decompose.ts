// Classical decomposition of a series with season m (R's stats::decompose), used by Theta,
// Naive2 and the ETS start values.
//
// A centred moving average is the trend; per position in the season, the mean ratio
// (multiplicative) or difference (additive) of the series to it, normalised to average 1 (or 0),
// is the seasonal index. Seasons count from the first value: position i has index i mod m.

export type DecompositionType = 'additive' | 'multiplicative';

export interface Decomposition {
  /** Centred moving average; NaN where the window runs past either end. */
  trend: Float64Array;
  /** One index per position in the season (figure[k] for positions k, k + m, …). */
  figure: Float64Array;
  /** figure repeated along the series: seasonal[i] = figure[i mod m]. */
  seasonal: Float64Array;
}

/**
 * Decomposes `y` (length n ≥ 2m, m ≥ 2). The moving average has m terms for odd m and
 * m + 1 terms with half weights at both ends for even m.
 */
export function decompose(y: ArrayLike<number>, m: number, type: DecompositionType): Decomposition {
  const n = y.length;
  if (!Number.isInteger(m) || m < 2 || n < 2 * m) {
    throw new RangeError(`Classical decomposition needs a season of at least 2 and two full seasons; got m = ${m}, ${n} values.`);
  }
  const width = m % 2 === 0 ? m + 1 : m;
  const weights = new Float64Array(width).fill(1 / m);
  if (m % 2 === 0) weights[0] = weights[width - 1] = 0.5 / m;
  const shift = Math.floor(width / 2);

  const trend = new Float64Array(n).fill(NaN);
  for (let i = shift; i + width - 1 - shift < n; i++) {
    // Summed from the newest value back, as R's filter() does.
    let z = 0;
    for (let j = 0; j < width; j++) z += weights[j] * y[i + shift - j];
    trend[i] = z;
  }

  const figure = new Float64Array(m);
  const bucket = new Float64Array(Math.ceil(n / m));
  for (let k = 0; k < m; k++) {
    let count = 0;
    for (let i = k; i < n; i += m) {
      // Undefined at the ends, and 0/0 where a run of zeros makes the trend 0: left out, as R does.
      const v = type === 'multiplicative' ? y[i] / trend[i] : y[i] - trend[i];
      if (!Number.isNaN(v)) bucket[count++] = v;
    }
    figure[k] = meanOf(bucket, count);
  }
  const centre = meanOf(figure, m);
  for (let k = 0; k < m; k++) figure[k] = type === 'multiplicative' ? figure[k] / centre : figure[k] - centre;

  const seasonal = new Float64Array(n);
  for (let i = 0; i < n; i++) seasonal[i] = figure[i % m];
  return { trend, figure, seasonal };
}

/** R's two-pass mean of the first `count` values. */
function meanOf(x: Float64Array, count: number): number {
  let s = 0;
  for (let i = 0; i < count; i++) s += x[i];
  s /= count;
  let t = 0;
  for (let i = 0; i < count; i++) t += x[i] - s;
  return s + t / count;
}
