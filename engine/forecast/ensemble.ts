// Combining fitted members into one forecast — the median per step of the networks of one
// search, or the mean of a fixed combination — with intervals calibrated either by split
// conformal prediction on the combined validation residuals (data units) or, when there are
// too few validation windows for that, by a member's own error tables moved onto the combined
// forecast; and the baselines' validation errors on the same windows (for an honest comparison
// when no backtest is run).
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
 * Where half-widths are measured: data units ('identity', conformal calibration), or the log of
 * the level ('log': widths proportional to the forecast, as a model's relative error tables give
 * them on positive series).
 */
export type IntervalSpace = 'log' | 'identity';

export interface IntervalCalibration extends ConformalWidths {
  space: IntervalSpace;
  /** Lower half-widths when the interval is not symmetric in its space (q80/q95 are then the upper ones). */
  lower80?: Float64Array;
  lower95?: Float64Array;
}

/** How members combine: the median of the networks one search chose, or the mean of a fixed combination. */
export type CombineRule = 'median' | 'mean';

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
  const lower80 = calibration.lower80 ?? calibration.q80;
  const lower95 = calibration.lower95 ?? calibration.q95;
  for (let k = 0; k < h; k++) {
    const c = toSpace(mean[k], space);
    const scale = space === calibration.space ? 1 : Math.abs(mean[k]);
    f.lower80[k] = fromSpace(c - lower80[k] * scale, space);
    f.upper80[k] = fromSpace(c + calibration.q80[k] * scale, space);
    f.lower95[k] = fromSpace(c - lower95[k] * scale, space);
    f.upper95[k] = fromSpace(c + calibration.q95[k] * scale, space);
  }
  return f;
}

/**
 * A fit's own intervals as a calibration that moves them onto another forecast: relative (log
 * space) when the fit's forecast and bounds are positive, so a lower combined forecast gets a
 * proportionally narrower band; shifted in data units otherwise.
 */
export function calibrationFromIntervals(fit: FitOutcome, windows: number): IntervalCalibration {
  const iv = fit.intervals;
  if (!iv) throw new Error(`The ${fit.kind} model has no intervals of its own to calibrate with.`);
  const m = fit.future;
  const positive = [m, iv.lower80, iv.lower95].every((a) => a.every((v) => v > 0));
  const half = (a: Float64Array, b: Float64Array) =>
    Float64Array.from(a, (x, k) => Math.max(0, positive ? Math.log(x) - Math.log(b[k]) : x - b[k]));
  return {
    space: positive ? 'log' : 'identity',
    method: 'model',
    windows,
    q80: half(iv.upper80, m),
    q95: half(iv.upper95, m),
    lower80: half(m, iv.lower80),
    lower95: half(m, iv.lower95),
  };
}

/**
 * Combine members fitted on the same series cut (same validation windows), next to the
 * baselines fitted on those windows. `rule` joins the members' forecasts; `intervals` comes
 * from a member with its own calibrated intervals, or (null) from conformal prediction on the
 * combined validation residuals.
 */
export function combineMembers(
  members: readonly Candidate[],
  baselines: readonly FitOutcome[],
  rule: CombineRule = 'median',
  intervals: FitOutcome | null = null,
): Combined {
  const first = members[0];
  const ends = first.validation.ends;
  const h = first.future.length;
  for (const m of [...members, ...baselines]) {
    if (m.validation.ends.length !== ends.length || m.validation.ends[0] !== ends[0]) {
      throw new Error('Ensemble members and baselines were validated on different windows; they cannot be combined.');
    }
  }
  const join = rule === 'median' ? elementwiseMedian : elementwiseMean;
  const nVal = ends.length;
  const predicted = join(members.map((m) => m.validation.predicted));
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
  const calibration: IntervalCalibration = intervals
    ? calibrationFromIntervals(intervals, nVal)
    : { ...conformalWidths(residuals, nVal, h), space: 'identity' };
  const mean = join(members.map((m) => m.future));
  const mae = nVal > 0 ? abs / (nVal * h) : NaN;
  return {
    future: applyIntervals(mean, calibration),
    calibration,
    validationMae: mae,
    baselineValidationMae: Object.fromEntries(baselines.map((b) => [b.kind, b.validationMae])),
    baseline: null,
    networksValidationMae: mae,
  };
}

/** Element-wise mean of equally long arrays. */
export function elementwiseMean(arrays: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(arrays[0].length);
  for (const a of arrays) for (let i = 0; i < out.length; i++) out[i] += a[i];
  for (let i = 0; i < out.length; i++) out[i] /= arrays.length;
  return out;
}
