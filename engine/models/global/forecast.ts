// Forecasting one series with a global model: transform fit on the given history, the last
// window through every network, the median of their outputs, recursion past K steps, and
// intervals from the model's scale-free error quantiles times the series' own step size.
import { predict } from '../../nn';
import type { GlobalModel } from './model';
import { fitTransform, fromModel, transformSeries } from './prepare';
import { medianOf } from './train';
import { CHANNELS, fillWindow } from './windows';

export interface GlobalForecast {
  mean: Float64Array;
  lower80: Float64Array;
  upper80: Float64Array;
  lower95: Float64Array;
  upper95: Float64Array;
}

/** Fewest values a series must have to be forecast. */
export const MIN_VALUES = 3;

/**
 * Forecasts `horizon` steps after `history` (finite values, at least 3; season m as the data's).
 * Deterministic: the same model and history give the same numbers.
 */
export function forecastGlobal(model: GlobalModel, history: ArrayLike<number>, season: number, horizon: number): GlobalForecast {
  const n = history.length;
  if (n < MIN_VALUES) throw new RangeError(`A forecast needs at least ${MIN_VALUES} values; the series has ${n}.`);
  if (!Number.isInteger(horizon) || horizon < 1) throw new RangeError(`The horizon must be a positive integer, got ${horizon}.`);
  const tr = fitTransform(history, n, season);
  const zHistory = transformSeries(history, tr);
  const zPath = forecastPath(model, zHistory, horizon);
  const out: GlobalForecast = {
    mean: new Float64Array(horizon),
    lower80: new Float64Array(horizon),
    upper80: new Float64Array(horizon),
    lower95: new Float64Array(horizon),
    upper95: new Float64Array(horizon),
  };
  const K = model.config.horizon;
  for (let k = 0; k < horizon; k++) {
    const t = n + k;
    const z = zPath[k];
    out.mean[k] = fromModel(z, t, tr);
    const q = errorQuantiles(model, k, K);
    out.lower95[k] = fromModel(z + q[0] * tr.volatility, t, tr);
    out.lower80[k] = fromModel(z + q[1] * tr.volatility, t, tr);
    out.upper80[k] = fromModel(z + q[2] * tr.volatility, t, tr);
    out.upper95[k] = fromModel(z + q[3] * tr.volatility, t, tr);
  }
  return out;
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
