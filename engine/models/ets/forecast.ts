// Forecasts from a fitted ETS model: run its state recursion from the fitted initial state
// through a series (the one it was fitted on, or that series with later values appended) and
// forecast from the state reached, with prediction intervals; or read point forecasts at many
// origins in one pass with every parameter held fixed (validation windows without refitting).

import { normalIntervals, type IntervalForecast } from '../stats/intervals';
import type { EtsModel } from './model';
import { etsStructure, runEts, type EtsParameters } from './recursion';
import { forecastMean, forecastVariance } from './variance';

/** The state after y[0, end): the recursion from the model's initial state. */
export function etsStateAfter(model: EtsModel, y: ArrayLike<number>, end = y.length): Float64Array {
  const s = etsStructure(model.spec, model.period);
  const state = Float64Array.from(model.initialState);
  runEts(asFloat64(y), 0, end, s, parameters(model), state, new Float64Array(s.m), null);
  return state;
}

/**
 * Forecasts for the h steps after y, with central intervals at `levels` (percent). y starts
 * where the fitted series started; missing values (NaN) move the state by its forecast.
 * The intervals are R's closed-form ones for every model fitEts returns.
 */
export function etsForecast(model: EtsModel, y: ArrayLike<number>, h: number, levels: readonly number[] = [80, 95]): IntervalForecast {
  requireHorizon(h);
  const state = etsStateAfter(model, y);
  const { mean, variance } = forecastVariance(model, state, h);
  return normalIntervals(mean, variance, levels);
}

/**
 * Point forecasts for the h steps after each origin: result[i][k] forecasts y[origins[i] + k]
 * from y[0, origins[i]). Origins are counts of values (1 ≤ origin ≤ y.length), in any order.
 */
export function etsOriginForecasts(model: EtsModel, y: ArrayLike<number>, origins: readonly number[], h: number): Float64Array[] {
  requireHorizon(h);
  for (const t of origins) {
    if (!Number.isInteger(t) || t < 1 || t > y.length) {
      throw new RangeError(`Forecast origin ${t} is outside the series (1 to ${y.length} values).`);
    }
  }
  const s = etsStructure(model.spec, model.period);
  const p = parameters(model);
  const state = Float64Array.from(model.initialState);
  const ring = new Float64Array(s.m);
  const values = asFloat64(y);
  const order = origins.map((t, i) => ({ t, i })).sort((a, b) => a.t - b.t);
  const out: Float64Array[] = new Array(origins.length);
  let at = 0;
  for (const { t, i } of order) {
    runEts(values, at, t, s, p, state, ring, null);
    at = t;
    out[i] = forecastMean(model, state, h);
  }
  return out;
}

/** The recursion sees one array type, so it stays monomorphic in the optimiser. */
function asFloat64(y: ArrayLike<number>): Float64Array {
  return y instanceof Float64Array ? y : Float64Array.from(y);
}

function parameters(model: EtsModel): EtsParameters {
  return { alpha: model.alpha, beta: model.beta, gamma: model.gamma, phi: model.phi };
}

function requireHorizon(h: number): void {
  if (!Number.isInteger(h) || h < 1) throw new RangeError(`Forecast horizon must be a whole number ≥ 1; got ${h}.`);
}
