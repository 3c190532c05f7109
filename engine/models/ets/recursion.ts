// The ETS state recursion: one pass through a series updating level, trend and season, with
// the one-step errors and the fit criterion (R's etscalc). It runs at every objective evaluation
// of a fit, so it allocates nothing; the caller owns the state vector and a season ring.
//
// State vector (R's order): [l, b (with a trend), s_0 … s_{m−1} (with a season)], where s_0 is
// the newest seasonal state and s_{m−1} the one the next observation uses.

import type { EtsSpec } from './spec';

export interface EtsParameters {
  alpha: number;
  /** 0 without a trend. */
  beta: number;
  /** 0 without a season. */
  gamma: number;
  /** 1 without damping. */
  phi: number;
}

/** The spec in the form the loop reads, with the season length of the state (1 without one). */
export interface EtsStructure {
  multiplicativeError: boolean;
  trend: boolean;
  /** 0 none, 1 additive, 2 multiplicative. */
  season: 0 | 1 | 2;
  m: number;
}

export function etsStructure(spec: EtsSpec, m: number): EtsStructure {
  return {
    multiplicativeError: spec.error === 'M',
    trend: spec.trend === 'A',
    season: spec.season === 'N' ? 0 : spec.season === 'A' ? 1 : 2,
    m: spec.season === 'N' ? 1 : m,
  };
}

/** Length of the state vector. */
export function stateLength(s: EtsStructure): number {
  return 1 + (s.trend ? 1 : 0) + (s.season > 0 ? s.m : 0);
}

/** What the pass optimises: R's opt.crit "lik" (−2·log-likelihood up to a constant) or "mse". */
export type FitCriterion = 'lik' | 'mse';

/** Guard for divisions by a level or seasonal index that has collapsed to zero (as R). */
const TINY = 1e-10;
const HUGE = 1e10;

/**
 * Runs the recursion over y[from, to) from `state`, which ends holding the final state.
 * `ring` needs m entries. Returns the criterion: for "lik", n·log(Σe²) + 2·Σlog|ŷ| (the last
 * term only with multiplicative errors), for "mse" the mean squared one-step error.
 * One-step errors (relative with multiplicative errors) go to `residuals[i − from]` if given.
 * A missing y (NaN) leaves its error at 0 and moves the state by its forecast alone.
 */
export function runEts(
  y: Float64Array,
  from: number,
  to: number,
  s: EtsStructure,
  p: EtsParameters,
  state: Float64Array,
  ring: Float64Array,
  residuals: Float64Array | null,
  criterion: FitCriterion = 'lik',
): number {
  const { alpha, beta, gamma, phi } = p;
  const m = s.m;
  const trend = s.trend;
  const season = s.season;
  const multiplicative = s.multiplicativeError;
  // b_t = φb + (β/α)(r − φb); with α = 0 the level never moves off its forecast and r − φb = 0.
  const trendGain = alpha > 0 ? beta / alpha : 0;
  const seasonAt = trend ? 2 : 1;

  let level = state[0];
  let slope = trend ? state[1] : 0;
  // ring[(head + i) mod m] holds s_{m−1−i}: ring[head] is the state the next value uses.
  let head = 0;
  if (season > 0) for (let i = 0; i < m; i++) ring[i] = state[seasonAt + m - 1 - i];

  const wantMse = criterion === 'mse';
  let sse = 0;
  let logSum = 0;
  // Σ log|ŷ| as the log of running products, a few values at a time: one log per 16 steps.
  let product = 1;
  let chunk = 0;
  let mse = 0;
  let count = 0;
  for (let i = from; i < to; i++) {
    const phib = trend ? phi * slope : 0;
    const q = trend ? level + phib : level;
    const old = season > 0 ? ring[head] : 0;
    const f = season === 0 ? q : season === 1 ? q + old : q * old;
    let v = y[i];
    if (v !== v) v = f;
    const e = multiplicative ? (v - f) / f : v - f;
    if (residuals !== null) residuals[i - from] = e;
    sse += e * e;
    if (multiplicative) {
      product *= Math.abs(f);
      if (++chunk === 16 || product > 1e200 || product < 1e-200) {
        logSum += Math.log(product);
        product = 1;
        chunk = 0;
      }
    }
    count++;
    if (wantMse) {
      const d = v - f;
      mse = (mse * (count - 1) + d * d) / count;
    }

    const target = season === 0 ? v : season === 1 ? v - old : Math.abs(old) < TINY ? HUGE : v / old;
    const newLevel = q + alpha * (target - q);
    if (trend) slope = phib + trendGain * (newLevel - level - phib);
    if (season > 0) {
      const ratio = season === 1 ? v - q : Math.abs(q) < TINY ? HUGE : v / q;
      ring[head] = old + gamma * (ratio - old);
      if (++head === m) head = 0;
    }
    level = newLevel;
  }

  state[0] = level;
  if (trend) state[1] = slope;
  if (season > 0) {
    for (let j = 0; j < m; j++) {
      let k = head + m - 1 - j;
      if (k >= m) k -= m;
      state[seasonAt + j] = ring[k];
    }
  }
  if (wantMse) return mse;
  if (chunk > 0) logSum += Math.log(product);
  let lik = count * Math.log(sse);
  if (multiplicative) lik += 2 * logSum;
  return lik;
}
