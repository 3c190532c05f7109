// The network's per-step inputs for one series: channel 0 the transformed target, then the
// covariates (standardised), then calendar features. Row-major (n, F) Float32.
import type { SeriesData } from '../types';
import { calendarFeatures, type CalendarFeature } from './calendar-features';
import { forwardTarget, scaleColumn, type ColumnScaler, type TargetTransform } from './scaling';

/** Everything needed to turn a series into network inputs the same way again. */
export interface FeatureSchema {
  transform: TargetTransform;
  covariateScalers: ColumnScaler[];
  calendar: CalendarFeature[];
}

export function channelCount(schema: FeatureSchema): number {
  return 1 + schema.covariateScalers.length + schema.calendar.length;
}

/** Features for rows from..n−1 of `series` (from = 0 by default). */
export function buildFeatures(series: SeriesData, schema: FeatureSchema, from = 0): Float32Array {
  const n = series.target.length - from;
  const F = channelCount(schema);
  const C = schema.covariateScalers.length;
  if (series.covariates.length !== C) {
    throw new RangeError(`Expected ${C} covariate column(s), got ${series.covariates.length}.`);
  }
  const out = new Float32Array(n * F);
  const calendar = calendarFeatures(series.time.subarray(from), series.frequency, series.season, schema.calendar);
  const K = schema.calendar.length;
  for (let t = 0; t < n; t++) {
    const row = t * F;
    const value = forwardTarget(series.target[from + t], schema.transform);
    if (!Number.isFinite(value)) {
      throw new RangeError(
        `Target value ${series.target[from + t]} at row ${from + t + 1} cannot be transformed` +
          (schema.transform.log ? ' with the log transform (it must be > 0).' : '.'),
      );
    }
    out[row] = value;
    for (let c = 0; c < C; c++) out[row + 1 + c] = scaleColumn(series.covariates[c][from + t], schema.covariateScalers[c]);
    for (let k = 0; k < K; k++) out[row + 1 + C + k] = calendar[t * K + k];
  }
  return out;
}
