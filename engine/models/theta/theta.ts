// The Theta method as R's forecast::thetaf() computes it (Assimakopoulos & Nikolopoulos 2000,
// in Hyndman & Billah's 2003 form).
//
// When a 90% autocorrelation test finds a season, divide it out with a multiplicative classical
// decomposition; forecast the adjusted series by simple exponential smoothing plus half the slope
// of its least-squares line; multiply the season back.

import { fitEts } from '../ets/fit';
import { etsOriginForecasts, etsStateAfter } from '../ets/forecast';
import type { EtsModel } from '../ets/model';
import { decompose } from '../stats/decompose';
import { normalIntervals, type IntervalForecast } from '../stats/intervals';
import { fitTrendLine } from '../stats/regression';
import { isSeasonalForTheta } from '../stats/seasonality';
import { firstNonFinite } from '../stats/summary';

export interface ThetaModel {
  kind: 'theta';
  /** Season length of the data (the seasonal indices' period when `seasonIndices` is not empty). */
  period: number;
  /** Multiplicative index per position in the season, counted from the first fitted value; empty when not seasonal. */
  seasonIndices: number[];
  /** Simple exponential smoothing of the adjusted series (R's ses(): ETS(A,N,N) by least squares). */
  ses: EtsModel;
  /** Half the slope of the adjusted series' least-squares line: the drift per step. */
  drift: number;
  /** Number of values fitted. */
  observations: number;
}

/** Fits Theta to y (at least 3 finite values) with season length `season` (1 = none). */
export function fitTheta(values: ArrayLike<number>, season: number): ThetaModel {
  const y = Float64Array.from(values);
  const n = y.length;
  if (n < 3) throw new RangeError(`Theta needs at least 3 values to forecast from; got ${n}.`);
  const bad = firstNonFinite(y);
  if (bad >= 0) {
    throw new RangeError(`Theta needs finite values: value ${bad + 1} of ${n} is ${y[bad]}. Fill or trim missing values first.`);
  }
  let seasonIndices: number[] = [];
  let adjusted: Float64Array = y;
  if (isSeasonalForTheta(y, season)) {
    const figure = decompose(y, season, 'multiplicative').figure;
    // An index near zero would blow the adjusted series up: R then forecasts without the season.
    if (figure.every((v) => Math.abs(v) >= 1e-4)) {
      seasonIndices = Array.from(figure);
      adjusted = deseasonalise(y, seasonIndices);
    }
  }
  const ses = fitEts(adjusted, season, { model: 'ANN', criterion: 'mse' });
  return {
    kind: 'theta',
    period: season,
    seasonIndices,
    ses,
    drift: fitTrendLine(adjusted, 0).slope / 2,
    observations: n,
  };
}

/**
 * Forecasts for the h steps after y (which starts where the fitted series started), with
 * central intervals at `levels`. The interval half-width is R's: z·σ·√(1 + (j−1)·α²) at step j,
 * on the seasonally adjusted scale.
 */
export function thetaForecast(model: ThetaModel, y: ArrayLike<number>, h: number, levels: readonly number[] = [80, 95]): IntervalForecast {
  requireHorizon(h);
  const adjusted = model.seasonIndices.length > 0 ? deseasonalise(y, model.seasonIndices) : y;
  const level = etsStateAfter(model.ses, adjusted)[0];
  const mean = thetaPath(model, level, y.length, h);
  const alpha = model.ses.alpha;
  const variance = new Float64Array(h);
  for (let j = 0; j < h; j++) variance[j] = model.ses.sigma2 * (1 + j * alpha * alpha);
  return normalIntervals(mean, variance, levels);
}

/**
 * Point forecasts for the h steps after each origin with every parameter fixed: result[i][k]
 * forecasts y[origins[i] + k] from y[0, origins[i]). Origins count values (1 ≤ origin ≤ y.length).
 */
export function thetaOriginForecasts(model: ThetaModel, y: ArrayLike<number>, origins: readonly number[], h: number): Float64Array[] {
  requireHorizon(h);
  for (const t of origins) {
    if (!Number.isInteger(t) || t < 1 || t > y.length) {
      throw new RangeError(`Forecast origin ${t} is outside the series (1 to ${y.length} values).`);
    }
  }
  const adjusted = model.seasonIndices.length > 0 ? deseasonalise(y, model.seasonIndices) : y;
  // The smoothing model's one-step forecast at an origin is its level there.
  const levels = etsOriginForecasts(model.ses, adjusted, origins, 1);
  return origins.map((t, i) => thetaPath(model, levels[i][0], t, h));
}

/**
 * ŷ_{n+j} = (ℓ_n + drift·(j − 1 + (1 − (1 − α)^n)/α)) · season index of position n + j − 1,
 * the SES level ℓ_n after n values plus the Theta line's drift.
 */
function thetaPath(model: ThetaModel, level: number, n: number, h: number): Float64Array {
  const alpha = Math.max(1e-10, model.ses.alpha);
  const offset = (1 - Math.pow(1 - alpha, n)) / alpha;
  const indices = model.seasonIndices;
  const m = indices.length;
  const out = new Float64Array(h);
  for (let j = 0; j < h; j++) {
    const f = level + model.drift * (j + offset);
    out[j] = m > 0 ? f * indices[(n + j) % m] : f;
  }
  return out;
}

function deseasonalise(y: ArrayLike<number>, indices: readonly number[]): Float64Array {
  const m = indices.length;
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) out[i] = y[i] / indices[i % m];
  return out;
}

function requireHorizon(h: number): void {
  if (!Number.isInteger(h) || h < 1) throw new RangeError(`Forecast horizon must be a whole number ≥ 1; got ${h}.`);
}
