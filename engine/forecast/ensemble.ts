// Combining fitted members into one forecast: the median per step, split-conformal
// intervals from the combined validation residuals (in data units), and the baselines'
// validation errors on the same windows (for an honest comparison when no backtest is run).
import type { FitOutcome } from '../models/types';
import type { Candidate } from './candidates';
import { conformalWidths, type ConformalWidths } from './conformal';

export interface IntervalForecast {
  mean: Float64Array;
  lower80: Float64Array;
  upper80: Float64Array;
  lower95: Float64Array;
  upper95: Float64Array;
}

/**
 * How residuals are measured for the intervals. Runs calibrate in data units ('identity');
 * 'log' (residuals of log values, widths proportional to the level) is what model files of
 * model files of format 1 may hold, and applyIntervals still reads it.
 */
export type IntervalSpace = 'log' | 'identity';

export interface IntervalCalibration extends ConformalWidths {
  space: IntervalSpace;
}

export interface Combined {
  future: IntervalForecast;
  calibration: IntervalCalibration;
  /** Validation MAE (data units) of the combined forecast and of each baseline (by kind id). */
  validationMae: number;
  baselineValidationMae: Record<string, number>;
  /** Set (a baseline kind id) when the forecast is that baseline's (auto mode's guard). */
  baseline: string | null;
  /** Validation MAE of the networks' ensemble (equal to validationMae unless a baseline is used). */
  networksValidationMae: number;
}

/** Median of `values` (a small scratch array, reordered). */
export function median(values: number[]): number {
  values.sort((a, b) => a - b);
  const n = values.length;
  return n % 2 ? values[(n - 1) >> 1] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

/** Element-wise median of equally long arrays. */
export function elementwiseMedian(arrays: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(arrays[0].length);
  const scratch: number[] = new Array(arrays.length);
  for (let i = 0; i < out.length; i++) {
    for (let j = 0; j < arrays.length; j++) scratch[j] = arrays[j][i];
    out[i] = median(scratch);
  }
  return out;
}

const toSpace = (v: number, space: IntervalSpace) => (space === 'log' ? Math.log(v) : v);
const fromSpace = (v: number, space: IntervalSpace) => (space === 'log' ? Math.exp(v) : v);

/** Point forecast ± calibrated half-widths, in the calibration's space. */
export function applyIntervals(mean: Float64Array, calibration: IntervalCalibration): IntervalForecast {
  const h = mean.length;
  const f: IntervalForecast = {
    mean: Float64Array.from(mean),
    lower80: new Float64Array(h),
    upper80: new Float64Array(h),
    lower95: new Float64Array(h),
    upper95: new Float64Array(h),
  };
  // A log-space interval needs a positive centre; fall back to data units otherwise.
  const space: IntervalSpace = calibration.space === 'log' && mean.every((v) => v > 0) ? 'log' : 'identity';
  for (let k = 0; k < h; k++) {
    const c = toSpace(mean[k], space);
    const scale = space === calibration.space ? 1 : Math.abs(mean[k]);
    f.lower80[k] = fromSpace(c - calibration.q80[k] * scale, space);
    f.upper80[k] = fromSpace(c + calibration.q80[k] * scale, space);
    f.lower95[k] = fromSpace(c - calibration.q95[k] * scale, space);
    f.upper95[k] = fromSpace(c + calibration.q95[k] * scale, space);
  }
  return f;
}

/**
 * Combine members fitted on the same series cut (same validation windows), next to the
 * baselines fitted on those windows.
 */
export function combineMembers(members: readonly Candidate[], baselines: readonly FitOutcome[]): Combined {
  const first = members[0];
  const ends = first.validation.ends;
  const h = first.future.length;
  for (const m of [...members, ...baselines]) {
    if (m.validation.ends.length !== ends.length || m.validation.ends[0] !== ends[0]) {
      throw new Error('Ensemble members and baselines were validated on different windows; they cannot be combined.');
    }
  }
  const nVal = ends.length;
  const predicted = elementwiseMedian(members.map((m) => m.validation.predicted));
  const actual = first.validation.actual;
  // Residuals in data units even for log-transformed members. Log-space widths follow the
  // level, so they shrink when the forecast starts lower than the validation tail, and their
  // exp stretches the upper side; data units covered as often or more on every tuning series
  // over 1, 3 and 6 origins, with narrower intervals on the whole (bench/accuracy.ts).
  const residuals = new Float64Array(nVal * h);
  let abs = 0;
  for (let i = 0; i < nVal * h; i++) {
    residuals[i] = actual[i] - predicted[i];
    abs += Math.abs(residuals[i]);
  }
  const calibration: IntervalCalibration = { ...conformalWidths(residuals, nVal, h), space: 'identity' };
  const mean = elementwiseMedian(members.map((m) => m.future));
  return {
    future: applyIntervals(mean, calibration),
    calibration,
    validationMae: abs / (nVal * h),
    baselineValidationMae: Object.fromEntries(baselines.map((b) => [b.kind, b.validationMae])),
    baseline: null,
    networksValidationMae: abs / (nVal * h),
  };
}
