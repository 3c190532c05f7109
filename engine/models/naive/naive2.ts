// Naive2, the M4 competition's benchmark for OWA (Makridakis et al. 2020): the last value, with
// the season taken out and put back when a 90% autocorrelation test at lag m finds one.
//
// The test needs 3 seasons of data. The classical decomposition is multiplicative as in M4, or
// additive when the series has values ≤ 0 (where ratios to the trend mean nothing), as the
// shared anchors do.

import { decompose } from '../stats/decompose';
import { firstNonFinite, minimum } from '../stats/summary';
import { isSeasonalForNaive2 } from '../stats/seasonality';

/**
 * Naive2 forecasts for the h steps after y (finite values) with season length `season`.
 * Seasonal indices are counted from y's first value.
 */
export function naive2Forecast(y: ArrayLike<number>, season: number, h: number): Float64Array {
  const n = y.length;
  if (n < 1) throw new RangeError('Naive2 needs at least one value.');
  if (!Number.isInteger(h) || h < 1) throw new RangeError(`Forecast horizon must be a whole number ≥ 1; got ${h}.`);
  const bad = firstNonFinite(y);
  if (bad >= 0) {
    throw new RangeError(`Naive2 needs finite values: value ${bad + 1} of ${n} is ${y[bad]}. Fill or trim missing values first.`);
  }
  const out = new Float64Array(h);
  if (!isSeasonalForNaive2(y, season)) return out.fill(y[n - 1]);
  const multiplicative = minimum(y) > 0;
  const figure = decompose(y, season, multiplicative ? 'multiplicative' : 'additive').figure;
  const position = (n - 1) % season;
  const last = multiplicative ? y[n - 1] / figure[position] : y[n - 1] - figure[position];
  for (let j = 0; j < h; j++) {
    const index = figure[(n + j) % season];
    out[j] = multiplicative ? last * index : last + index;
  }
  return out;
}
