// Forecasting one series with a global model: transform fit on the given history, the last
// window through every network, the median of their outputs, recursion past K steps, and
// intervals from the model's scale-free error quantiles, rescaled by the series' own past
// errors, times the series' own step size.
import { predict } from '../../nn';
import type { GlobalModel } from './model';
import { fitTransform, fromModel, toModel, transformSeries } from './prepare';
import { medianOf } from './stats';
import { CHANNELS, fillWindow } from './windows';

export interface GlobalForecast {
  mean: Float64Array;
  lower80: Float64Array;
  upper80: Float64Array;
  lower95: Float64Array;
  upper95: Float64Array;
  /** The network and the naive forecast on the series' own last origins (null: none fit). */
  ownBacktest: OwnBacktestSummary | null;
}

/** Mean absolute scale-free errors on the series' own origins (see backtestOwn). */
export interface OwnBacktestSummary {
  origins: number;
  networkMae: number;
  /** The last seasonally adjusted value carried forward (naive2). */
  naiveMae: number;
}

export interface GlobalForecastOptions {
  /** Most origins of the series' own history to measure errors on (0 = none). */
  maxOrigins: number;
  /**
   * Weight of the model's error table, in origins, against the series' own errors: the
   * rescaling ratio is shrunk toward 1 as if the table were `priorOrigins` more origins.
   */
  priorOrigins: number;
  /**
   * The model whose own-origin errors rescale the intervals and fill ownBacktest (default: the
   * forecasting model). A model fine-tuned on this series has learned those origins, so its
   * errors there are in-sample and too small: pass the model it was fine-tuned from.
   */
  calibrateWith?: GlobalModel;
}

export const DEFAULT_FORECAST_OPTIONS: GlobalForecastOptions = { maxOrigins: 40, priorOrigins: 20 };

/** Fewest values a series must have to be forecast. */
export const MIN_VALUES = 3;

/**
 * Forecasts `horizon` steps after `history` (finite values, at least 3; season m as the data's).
 * Intervals: the model's scale-free error quantiles, rescaled by the series' own errors (the
 * same model from its last origins), times the series' step size. Deterministic.
 */
export function forecastGlobal(
  model: GlobalModel,
  history: ArrayLike<number>,
  season: number,
  horizon: number,
  options: GlobalForecastOptions = DEFAULT_FORECAST_OPTIONS,
): GlobalForecast {
  const n = history.length;
  if (n < MIN_VALUES) throw new RangeError(`A forecast needs at least ${MIN_VALUES} values; the series has ${n}.`);
  if (!Number.isInteger(horizon) || horizon < 1) throw new RangeError(`The horizon must be a positive integer, got ${horizon}.`);
  const tr = fitTransform(history, n, season);
  const zHistory = transformSeries(history, tr);
  const zPath = forecastPath(model, zHistory, horizon);
  const K = model.config.horizon;
  const steps = Math.min(horizon, K);
  const own = backtestOwn(options.calibrateWith ?? model, history, season, steps, options.maxOrigins);
  const table = blendedQuantiles(model, own, steps, options.priorOrigins);
  const out: GlobalForecast = {
    mean: new Float64Array(horizon),
    lower80: new Float64Array(horizon),
    upper80: new Float64Array(horizon),
    lower95: new Float64Array(horizon),
    upper95: new Float64Array(horizon),
    ownBacktest: own.origins > 0 ? { origins: own.origins, networkMae: own.networkMae, naiveMae: own.naiveMae } : null,
  };
  for (let k = 0; k < horizon; k++) {
    const t = n + k;
    const z = zPath[k];
    out.mean[k] = fromModel(z, t, tr);
    const q = stepQuantiles(table, k);
    out.lower95[k] = fromModel(z + q[0] * tr.volatility, t, tr);
    out.lower80[k] = fromModel(z + q[1] * tr.volatility, t, tr);
    out.upper80[k] = fromModel(z + q[2] * tr.volatility, t, tr);
    out.upper95[k] = fromModel(z + q[3] * tr.volatility, t, tr);
  }
  return out;
}

/**
 * Forecasts in data units from past origins, as a pipeline's validation windows need them: row
 * i forecasts history[ends[i]+1 .. ends[i]+horizon] from history[0..ends[i]] alone (its own
 * transform, no later value read). Output (ends.length, horizon) row-major.
 */
export function forecastFromOrigins(model: GlobalModel, history: ArrayLike<number>, season: number, horizon: number, ends: ArrayLike<number>): Float64Array {
  const out = new Float64Array(ends.length * horizon);
  for (let i = 0; i < ends.length; i++) {
    const e = ends[i];
    if (!Number.isInteger(e) || e < MIN_VALUES - 1 || e >= history.length) {
      throw new RangeError(`Origin ${e} is outside the series (${history.length} values; origins from ${MIN_VALUES - 1}).`);
    }
    const tr = fitTransform(history, e + 1, season);
    const z = new Float64Array(e + 1);
    for (let t = 0; t <= e; t++) z[t] = toModel(history[t], t, tr);
    const path = forecastPath(model, z, horizon);
    for (let k = 0; k < horizon; k++) out[i * horizon + k] = fromModel(path[k], e + 1 + k, tr);
  }
  return out;
}

/** Scale-free errors (z_true − z_forecast) / volatility of a model on a series' own past origins. */
export interface OwnBacktest {
  origins: number;
  /** Per step 1..steps, one error per origin. */
  errors: Float64Array[];
  networkMae: number;
  naiveMae: number;
}

/**
 * Forecasts from each of the last `maxOrigins` origins whose next `steps` values are known,
 * each with the transform fit on the values up to that origin only, and measures the errors
 * of the model and of naive2 (the last adjusted value) in the series' step sizes.
 */
export function backtestOwn(model: GlobalModel, history: ArrayLike<number>, season: number, steps: number, maxOrigins: number): OwnBacktest {
  const n = history.length;
  const lastOrigin = n - 1 - steps;
  const firstOrigin = Math.max(MIN_VALUES - 1, lastOrigin - maxOrigins + 1);
  const J = Math.max(0, lastOrigin - firstOrigin + 1);
  const errors = Array.from({ length: steps }, () => new Float64Array(J));
  let networkSum = 0;
  let naiveSum = 0;
  for (let j = 0; j < J; j++) {
    const e = firstOrigin + j;
    const tr = fitTransform(history, e + 1, season);
    const z = transformSeries(history, tr);
    const path = forecastPath(model, z.subarray(0, e + 1), steps);
    for (let k = 0; k < steps; k++) {
      const actual = z[e + 1 + k];
      const error = Number.isFinite(actual) ? (actual - path[k]) / tr.volatility : 0;
      errors[k][j] = error;
      networkSum += Math.abs(error);
      naiveSum += Number.isFinite(actual) ? Math.abs(actual - z[e]) / tr.volatility : 0;
    }
  }
  const count = J * steps;
  return { origins: J, errors, networkMae: count ? networkSum / count : NaN, naiveMae: count ? naiveSum / count : NaN };
}

/**
 * Rows = steps 0..steps−1, columns = INTERVAL_PROBABILITIES: the model's quantiles widened or
 * narrowed by how the series' own errors compare with the model's typical ones. The ratio of
 * mean absolute errors (pooled over steps: stabler than tail quantiles of a few overlapping
 * origins) is shrunk toward 1 with the weight of `priorOrigins` origins.
 */
function blendedQuantiles(model: GlobalModel, own: OwnBacktest, steps: number, priorOrigins: number): number[][] {
  const K = model.config.horizon;
  let ratio = 1;
  const spread = model.intervals?.meanAbsolute;
  if (own.origins > 0 && spread) {
    let ownSum = 0;
    let tableSum = 0;
    for (let k = 0; k < steps; k++) {
      for (let j = 0; j < own.origins; j++) ownSum += Math.abs(own.errors[k][j]);
      tableSum += own.origins * spread[k];
    }
    const J = own.origins;
    ratio = (J * (ownSum / tableSum) + priorOrigins) / (J + priorOrigins);
  }
  const rows: number[][] = [];
  for (let k = 0; k < steps; k++) rows.push(errorQuantiles(model, k, K).map((v) => v * ratio));
  return rows;
}

/** Quantiles at step k: a row of the table, or past its end the last row grown by √(step / steps). */
function stepQuantiles(table: number[][], k: number): readonly number[] {
  const steps = table.length;
  if (k < steps) return table[k];
  const grow = Math.sqrt((k + 1) / steps);
  return table[steps - 1].map((v) => v * grow);
}
/**
 * The forecast in model units: K steps from the last window, then again from the end of the
 * forecast so far until `horizon` steps exist.
 */
export function forecastPath(model: GlobalModel, zHistory: Float64Array, horizon: number): Float64Array {
  const { lookback: L, horizon: K } = model.config;
  const n = zHistory.length;
  const z = new Float64Array(n + Math.ceil(horizon / K) * K);
  z.set(zHistory);
  const x = new Float32Array(L * CHANNELS);
  const outputs = model.networks.map(() => new Float32Array(K));
  const scratch = new Float64Array(model.networks.length);
  for (let end = n - 1; end < n - 1 + horizon; end += K) {
    const level = fillWindow(x, 0, null, 0, z, end, L, K);
    model.networks.forEach((net, j) => predict(net, x, 1, L, outputs[j]));
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < outputs.length; j++) scratch[j] = outputs[j][k];
      z[end + 1 + k] = level + medianOf(scratch);
    }
  }
  return z.subarray(n, n + horizon);
}

/** No table: a wide normal band (±1.28, ±1.96 steps per √step), so intervals still exist. */
const FALLBACK = [-1.959964, -1.281552, 1.281552, 1.959964];

/**
 * Quantiles of the scale-free error at step k (0-based); past the table's K steps they grow
 * with √(step / K) from its last row, as a random walk's spread does.
 */
export function errorQuantiles(model: GlobalModel, k: number, K: number): readonly number[] {
  const table = model.intervals?.quantiles;
  if (!table) return FALLBACK.map((v) => v * Math.sqrt(k + 1));
  if (k < K) return table[k];
  const grow = Math.sqrt((k + 1) / K);
  return table[K - 1].map((v) => v * grow);
}
