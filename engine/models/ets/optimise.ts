// Fits one ETS model by optimising smoothing parameters and initial states together with
// Nelder–Mead (R's etsmodel): parameters that leave the allowed region score +Infinity, and
// the last seasonal state is implied by the others so the season stays normalised.

import { nelderMead } from '../stats/nelderMead';
import { admissibilityWorkspace, parametersAllowed, type FreeParameters } from './admissible';
import type { EtsModel } from './model';
import { etsStructure, runEts, stateLength, type EtsParameters, type FitCriterion } from './recursion';
import { etsName, type EtsSpec } from './spec';
import { initialParameters, initialState } from './start';

export interface OptimiseOptions {
  criterion: FitCriterion;
  /** Objective evaluations allowed (R: 2000). */
  maxEvaluations: number;
}

/**
 * Fits `spec` to y with season m. Returns null when the model cannot be fitted (too many
 * parameters for the data, or no finite objective at the start), as R's ets() skips it.
 */
export function optimiseSpec(y: Float64Array, spec: EtsSpec, m: number, options: OptimiseOptions): EtsModel | null {
  const n = y.length;
  const s = etsStructure(spec, m);
  const free: FreeParameters = { alpha: true, beta: s.trend, gamma: s.season > 0, phi: spec.damped };
  const start = initialParameters(s, spec.damped);
  let startStates: number[];
  try {
    startStates = initialState(y, s);
  } catch {
    return null;
  }
  const freeCount = (free.alpha ? 1 : 0) + (free.beta ? 1 : 0) + (free.gamma ? 1 : 0) + (free.phi ? 1 : 0);
  const x0 = [
    start.alpha,
    ...(free.beta ? [start.beta] : []),
    ...(free.gamma ? [start.gamma] : []),
    ...(free.phi ? [start.phi] : []),
    ...startStates,
  ];
  const parameterCount = x0.length;
  if (parameterCount >= n - 1) return null;

  const stateCount = stateLength(s);
  const optimisedStates = startStates.length;
  const seasonAt = s.trend ? 2 : 1;
  const p: EtsParameters = { alpha: start.alpha, beta: 0, gamma: 0, phi: 1 };
  const state = new Float64Array(stateCount);
  const ring = new Float64Array(s.m);
  const workspace = admissibilityWorkspace(s.m);

  /** Reads x into p and state; false when the parameters or states are not allowed. */
  const unpack = (x: ArrayLike<number>): boolean => {
    let k = 0;
    p.alpha = x[k++];
    p.beta = free.beta ? x[k++] : 0;
    p.gamma = free.gamma ? x[k++] : 0;
    p.phi = free.phi ? x[k++] : 1;
    if (!parametersAllowed(p, s, free, workspace)) return false;
    for (let i = 0; i < optimisedStates; i++) state[i] = x[freeCount + i];
    if (s.season > 0) {
      let sum = 0;
      for (let i = seasonAt; i < optimisedStates; i++) sum += state[i];
      state[stateCount - 1] = (s.season === 2 ? s.m : 0) - sum;
      if (s.season === 2) {
        for (let i = seasonAt; i < stateCount; i++) if (state[i] < 0) return false;
      }
    }
    return true;
  };

  const objective = (x: Float64Array): number => {
    if (!unpack(x)) return Infinity;
    const value = runEts(y, 0, n, s, p, state, ring, null, options.criterion);
    if (Number.isNaN(value)) return Infinity;
    // A perfect fit has log(0) = −Infinity: cap it so the simplex can still compare.
    return value < -1e10 ? -1e10 : value;
  };

  let best: Float64Array;
  try {
    best = nelderMead(objective, x0, { maxEvaluations: options.maxEvaluations }).x;
  } catch {
    return null;
  }

  unpack(best);
  const initial = Array.from(state);
  const residuals = new Float64Array(n);
  const lik = runEts(y, 0, n, s, p, state, ring, residuals, 'lik');
  if (Number.isNaN(lik)) return null;
  const k = parameterCount + 1;
  const aic = lik + 2 * k;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += residuals[i] * residuals[i];
  return {
    kind: 'ets',
    name: etsName(spec),
    spec,
    period: s.m,
    alpha: p.alpha,
    beta: p.beta,
    gamma: p.gamma,
    phi: p.phi,
    initialState: initial,
    sigma2: sse / (n - parameterCount),
    logLik: -0.5 * lik,
    aic,
    aicc: aic + (2 * k * (k + 1)) / (n - k - 1),
    bic: lik + Math.log(n) * k,
    observations: n,
    estimation: options.criterion === 'lik' ? 'likelihood' : 'mse',
  };
}
