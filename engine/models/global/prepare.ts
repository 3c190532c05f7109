// One series turned into the global network's units, fit on its training part only: a
// seasonality test and classical decomposition (as R's thetaf: multiplicative indices when the
// lag-m autocorrelation is significant at 90%), then the log of the seasonally adjusted values
// (strictly positive series) or the adjusted values over a scale (any other series).
//
// n = points in the series, f = fitLength (the training part), m = season length.
import { decompose } from '../stats/decompose';
import { isSeasonalForTheta } from '../stats/seasonality';

/** How a series maps to and from model units; a function of the training part alone. */
export interface SeriesTransform {
  /** 'log': z = log(y / s); 'scaled': z = (y − s) / scale. */
  kind: 'log' | 'scaled';
  /** Seasonal indices by position t mod m (factors for 'log', offsets for 'scaled'); empty = none. */
  seasonal: Float64Array;
  /** Divisor of 'scaled' series (1 for 'log'). */
  scale: number;
  /** In-sample mean |z_t − z_{t−1}| of the training part: the series' step size in model units. */
  volatility: number;
}

/** z-units of a series whose training part is flat, so scale-free errors stay finite. */
const MIN_VOLATILITY = 1e-3;

/** Fits the transform on values[0..fitLength). Values must be finite. */
export function fitTransform(values: ArrayLike<number>, fitLength: number, season: number): SeriesTransform {
  const f = fitLength;
  if (f < 1) throw new RangeError('A series transform needs at least one value in the training part.');
  let positive = true;
  let absSum = 0;
  let diffSum = 0;
  for (let t = 0; t < f; t++) {
    const v = values[t];
    if (!Number.isFinite(v)) throw new RangeError(`Value ${t + 1} of the series is ${v}; fill missing values first.`);
    if (!(v > 0)) positive = false;
    absSum += Math.abs(v);
    if (t > 0) diffSum += Math.abs(v - values[t - 1]);
  }
  const training = Float64Array.from({ length: f }, (_, t) => values[t]);
  const seasonal = isSeasonalForTheta(training, season)
    ? decompose(training, season, positive ? 'multiplicative' : 'additive').figure
    : new Float64Array(0);
  let scale = 1;
  if (!positive) {
    // Scaled so that typical steps are a few hundredths, as log changes of business series are.
    const meanAbs = absSum / f;
    const meanStep = f > 1 ? diffSum / (f - 1) : 0;
    scale = Math.max(meanAbs, 10 * meanStep);
    if (!(scale > 0)) scale = 1;
  }
  const transform: SeriesTransform = { kind: positive ? 'log' : 'scaled', seasonal, scale, volatility: 0 };
  let steps = 0;
  let previous = toModel(values[0], 0, transform);
  for (let t = 1; t < f; t++) {
    const z = toModel(values[t], t, transform);
    steps += Math.abs(z - previous);
    previous = z;
  }
  transform.volatility = Math.max(MIN_VOLATILITY, f > 1 ? steps / (f - 1) : 0);
  return transform;
}

/** Data value at time index t → model units. */
export function toModel(value: number, t: number, tr: SeriesTransform): number {
  const m = tr.seasonal.length;
  if (tr.kind === 'log') return Math.log(m > 0 ? value / tr.seasonal[t % m] : value);
  return (m > 0 ? value - tr.seasonal[t % m] : value) / tr.scale;
}

/** Model units at time index t → data value. */
export function fromModel(z: number, t: number, tr: SeriesTransform): number {
  const m = tr.seasonal.length;
  if (tr.kind === 'log') return Math.exp(z) * (m > 0 ? tr.seasonal[t % m] : 1);
  return z * tr.scale + (m > 0 ? tr.seasonal[t % m] : 0);
}

/**
 * The whole series in model units. Values after the training part use the same transform; one
 * it cannot map (a zero after a positive training part) becomes NaN, and windows that touch it
 * are left out by the caller.
 */
export function transformSeries(values: ArrayLike<number>, tr: SeriesTransform): Float64Array {
  const z = new Float64Array(values.length);
  for (let t = 0; t < values.length; t++) {
    const v = toModel(values[t], t, tr);
    z[t] = Number.isFinite(v) ? v : NaN;
  }
  return z;
}
