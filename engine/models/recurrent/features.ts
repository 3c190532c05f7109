// The network's inputs for one series. Per step: channel 0 the transformed target, then the
// past-only covariates and the covariates known in advance (standardised), then calendar
// features, row-major (n, F) Float32. The known covariates' values over the forecast steps
// reach the network's head separately (buildKnownInputs, fillHeadExtras).
import type { SeriesData } from '../types';
import { calendarFeatures, type CalendarFeature } from './calendar-features';
import { forwardTarget, scaleColumn, type ColumnScaler, type TargetTransform } from './scaling';

/** Everything needed to turn a series into network inputs the same way again. */
export interface FeatureSchema {
  transform: TargetTransform;
  covariateScalers: ColumnScaler[];
  /** Covariates known in advance, in the series' `known.names` order; absent = none. */
  known?: ColumnScaler[];
  calendar: CalendarFeature[];
}

export function channelCount(schema: FeatureSchema): number {
  return 1 + schema.covariateScalers.length + knownChannels(schema) + schema.calendar.length;
}

/** Ck: covariates known in advance. */
export function knownChannels(schema: FeatureSchema): number {
  return schema.known?.length ?? 0;
}

/** The series' known covariates, checked against what the schema was fit on. */
function knownOf(series: SeriesData, schema: FeatureSchema): Float64Array[] {
  const values = series.known?.values ?? [];
  if (values.length !== knownChannels(schema)) {
    throw new RangeError(`Expected ${knownChannels(schema)} covariate(s) known in advance, got ${values.length}.`);
  }
  return values;
}

/**
 * The known covariates scaled, row-major (N, Ck) Float32 over every row they cover (the
 * series' n rows, then the forecast steps after it).
 */
export function buildKnownInputs(series: SeriesData, schema: FeatureSchema): Float32Array {
  const known = knownOf(series, schema);
  const Ck = known.length;
  const N = Ck ? Math.min(...known.map((v) => v.length)) : 0;
  const out = new Float32Array(N * Ck);
  for (let c = 0; c < Ck; c++) {
    const values = known[c];
    const scaler = (schema.known as ColumnScaler[])[c];
    for (let t = 0; t < N; t++) out[t * Ck + c] = scaleColumn(values[t], scaler);
  }
  return out;
}

/** Features for rows from..n−1 of `series` (from = 0 by default). */
export function buildFeatures(series: SeriesData, schema: FeatureSchema, from = 0): Float32Array {
  const n = series.target.length - from;
  const F = channelCount(schema);
  const C = schema.covariateScalers.length;
  if (series.covariates.length !== C) {
    throw new RangeError(`Expected ${C} covariate column(s), got ${series.covariates.length}.`);
  }
  const known = knownOf(series, schema);
  const Ck = known.length;
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
    for (let c = 0; c < Ck; c++) out[row + 1 + C + c] = scaleColumn(known[c][from + t], (schema.known as ColumnScaler[])[c]);
    for (let k = 0; k < K; k++) out[row + 1 + C + Ck + k] = calendar[t * K + k];
  }
  return out;
}
