// Exponential smoothing for series too short to estimate initial states (R's HoltWintersZZ,
// which ets() falls back to).
//
// The start states come from the first values, and only the smoothing parameters in [0, 1] are
// fitted, by least squares on the one-step errors, with the bounded quasi-Newton search R uses:
// its start and basin matter, as the error surface of a handful of values often has several minima.

import { boxMinimize } from '../stats/boxMinimize';
import { mean } from '../stats/summary';
import type { EtsModel } from './model';
import { etsStructure, runEts, stateLength, type EtsParameters } from './recursion';
import { etsName, type EtsSpec, type SeasonType } from './spec';

export type ShortSeriesKind = 'level' | 'trend' | 'seasonal';

/**
 * Fits simple exponential smoothing ('level'), Holt's linear trend ('trend') or Holt–Winters
 * with a trend and an additive or multiplicative season ('seasonal', needs 2m values and
 * positive data when multiplicative). `alpha` fixes α instead of fitting it. Returns null
 * when the data cannot support the model.
 */
export function fitShortSeries(
  y: Float64Array,
  m: number,
  kind: ShortSeriesKind,
  seasonType: Exclude<SeasonType, 'N'> = 'A',
  alpha?: number,
): EtsModel | null {
  const n = y.length;
  if (n < 1 || (kind === 'trend' && n < 2)) return null;
  const seasonal = kind === 'seasonal';
  if (seasonal && (m <= 1 || n < 2 * m)) return null;
  if (seasonal && seasonType === 'M') {
    for (let i = 0; i < n; i++) if (!(y[i] > 0)) return null;
  }
  const spec: EtsSpec = {
    error: seasonal && seasonType === 'M' ? 'M' : 'A',
    trend: kind === 'level' ? 'N' : 'A',
    damped: false,
    season: seasonal ? seasonType : 'N',
  };
  const s = etsStructure(spec, m);

  const initial = new Float64Array(stateLength(s));
  if (seasonal) {
    const level = mean(y, 0, m);
    initial[0] = level;
    initial[1] = (mean(y, m, 2 * m) - level) / m;
    // s_0 is the newest state: the last position of the first season.
    for (let j = 0; j < m; j++) initial[2 + j] = seasonType === 'A' ? y[m - 1 - j] - level : y[m - 1 - j] / level;
  } else {
    initial[0] = y[0];
    if (s.trend) initial[1] = y[1] - y[0];
  }

  // Least squares on the raw one-step errors, whatever the error type.
  const sse = { ...s, multiplicativeError: false };
  const p: EtsParameters = { alpha: alpha ?? 0, beta: 0, gamma: 0, phi: 1 };
  const state = new Float64Array(initial.length);
  const ring = new Float64Array(s.m);
  const set = (x: ArrayLike<number>): void => {
    let k = 0;
    if (alpha === undefined) p.alpha = x[k++];
    // x holds Holt's trend weight β*; the state-space β is α·β*.
    if (s.trend) p.beta = p.alpha * x[k++];
    if (s.season > 0) p.gamma = x[k++];
  };
  const free = (alpha === undefined ? 1 : 0) + (s.trend ? 1 : 0) + (s.season > 0 ? 1 : 0);
  if (free > 0) {
    const objective = (x: Float64Array): number => {
      set(x);
      state.set(initial);
      return runEts(y, 0, n, sse, p, state, ring, null, 'mse');
    };
    // R's start: α = 0.2/m (m the data's season even for a non-seasonal fit), β* = α/10, γ = (1 − α)/20.
    const alpha0 = alpha ?? 0.2 / m;
    const start = [
      ...(alpha === undefined ? [alpha0] : []),
      ...(s.trend ? [0.1 * alpha0] : []),
      ...(s.season > 0 ? [0.05 * (1 - alpha0)] : []),
    ];
    let best: Float64Array;
    try {
      best = boxMinimize(objective, start, new Float64Array(free), new Float64Array(free).fill(1)).x;
    } catch {
      return null;
    }
    set(best);
    if (s.trend && p.alpha === 0) p.beta = 0;
  }

  // R's variance for these fits: the mean squared (relative, when multiplicative) error.
  const residuals = new Float64Array(n);
  state.set(initial);
  runEts(y, 0, n, s, p, state, ring, residuals, 'lik');
  let sum = 0;
  for (let i = 0; i < n; i++) sum += residuals[i] * residuals[i];
  return {
    kind: 'ets',
    name: etsName(spec),
    spec,
    period: s.m,
    alpha: p.alpha,
    beta: p.beta,
    gamma: p.gamma,
    phi: 1,
    initialState: Array.from(initial),
    sigma2: sum / n,
    logLik: null,
    aic: null,
    aicc: null,
    bic: null,
    observations: n,
    estimation: alpha === undefined ? 'short-series' : 'constant',
  };
}
