// Which smoothing parameters an ETS fit may take (R's ets(bounds = "both")).
//
// The usual box (0.0001 ≤ α, β, γ ≤ 0.9999, β ≤ α, γ ≤ 1 − α, 0.8 ≤ φ ≤ 0.98) intersected with
// the admissible region where the model forecasts stably (Hyndman, Akram & Archibald 2008): for
// seasonal models every root of the characteristic polynomial lies in the unit circle.

import { rootsInsideRadius } from '../stats/polynomial';
import type { EtsParameters, EtsStructure } from './recursion';
import { PARAMETER_LOWER, PARAMETER_UPPER } from './start';

/** Which parameters the fit estimates (the others are fixed by the caller or absent). */
export interface FreeParameters {
  alpha: boolean;
  beta: boolean;
  gamma: boolean;
  phi: boolean;
}

/** Scratch space for the polynomial test of a season of length m. */
export function admissibilityWorkspace(m: number): { coefficients: Float64Array; work: Float64Array } {
  return { coefficients: new Float64Array(m + 2), work: new Float64Array(2 * (m + 2)) };
}

/** True when the estimated parameters are inside the usual bounds and all are admissible. */
export function parametersAllowed(
  p: EtsParameters,
  s: EtsStructure,
  free: FreeParameters,
  workspace: { coefficients: Float64Array; work: Float64Array },
): boolean {
  const { alpha, beta, gamma, phi } = p;
  if (free.alpha && (alpha < PARAMETER_LOWER[0] || alpha > PARAMETER_UPPER[0])) return false;
  if (free.beta && (beta < PARAMETER_LOWER[1] || beta > alpha || beta > PARAMETER_UPPER[1])) return false;
  if (free.phi && (phi < PARAMETER_LOWER[3] || phi > PARAMETER_UPPER[3])) return false;
  if (free.gamma && (gamma < PARAMETER_LOWER[2] || gamma > 1 - alpha || gamma > PARAMETER_UPPER[2])) return false;
  return admissible(p, s, workspace);
}

/** The admissible region alone (R's admissible() with the forecast package's rules). */
export function admissible(p: EtsParameters, s: EtsStructure, workspace: { coefficients: Float64Array; work: Float64Array }): boolean {
  const { alpha, gamma, phi } = p;
  if (phi < 0 || phi > 1 + 1e-8) return false;
  if (s.season === 0) {
    if (alpha < 1 - 1 / phi || alpha > 1 + 1 / phi) return false;
    if (s.trend && (p.beta < alpha * (phi - 1) || p.beta > (1 + phi) * (2 - alpha))) return false;
    return true;
  }
  const m = s.m;
  if (m <= 1) return true;
  const beta = s.trend ? p.beta : 0;
  if (gamma < Math.max(1 - 1 / phi - alpha, 0) || gamma > 1 + 1 / phi - alpha) return false;
  if (alpha < 1 - 1 / phi - (gamma * (1 - m + phi + phi * m)) / (2 * phi * m)) return false;
  if (beta < -(1 - phi) * (gamma / m + alpha)) return false;
  // z^(m+1) + (α+β−φ) z^m + (α+β−αφ) z^(m−1) + … + (α+β−αφ) z² + (α+β−αφ+γ−1) z + φ(1−α−γ)
  const c = workspace.coefficients;
  c[0] = 1;
  c[1] = alpha + beta - phi;
  for (let k = 2; k < m; k++) c[k] = alpha + beta - alpha * phi;
  c[m] = alpha + beta - alpha * phi + gamma - 1;
  c[m + 1] = phi * (1 - alpha - gamma);
  return rootsInsideRadius(c, 1 + 1e-10, workspace.work);
}
