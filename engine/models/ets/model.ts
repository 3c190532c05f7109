// A fitted ETS model as plain data (numbers, strings and arrays only), so it can be saved in a
// model file and read back without losing anything.

import type { EtsSpec } from './spec';

/** How the parameters were found. */
export type EtsEstimation =
  /** Smoothing parameters and initial states by maximum likelihood (R's ets()). */
  | 'likelihood'
  /** The same, minimising the mean squared one-step error (R's ses() inside thetaf()). */
  | 'mse'
  /** Too few values for that: initial states from the first values, parameters by least squares (R's HoltWinters-style start). */
  | 'short-series'
  /** A constant series: the last value, with α = 0.99999 (R's ets() shortcut). */
  | 'constant';

export interface EtsModel {
  kind: 'ets';
  /** R-style name such as "ETS(M,Ad,N)". */
  name: string;
  spec: EtsSpec;
  /** Season length of the state (1 for a model without a seasonal component). */
  period: number;
  alpha: number;
  /** 0 without a trend. */
  beta: number;
  /** 0 without a season. */
  gamma: number;
  /** 1 without damping. */
  phi: number;
  /** State before the first value: [l, b (with a trend), s_0 … s_{m−1} (with a season)], s_{m−1} used first. */
  initialState: number[];
  /** Variance of the one-step errors (relative errors for multiplicative error models). */
  sigma2: number;
  /** Log-likelihood and information criteria; null when the fit was not by likelihood. */
  logLik: number | null;
  aic: number | null;
  aicc: number | null;
  bic: number | null;
  /** Number of values fitted. */
  observations: number;
  estimation: EtsEstimation;
}
