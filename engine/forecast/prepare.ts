// From a Dataset's columns to a gap-free series for modelling. The history ends at the
// target's last value: rows after it are the future (the forecast starts right after that
// value), where covariates known in advance hold their planned values. In the history the
// target's interior gaps are interpolated linearly and leading gaps trimmed; covariates
// likewise, with leading gaps back-filled and trailing ones carried forward. A known covariate
// must have a value at every forecast step. Every fill is counted so the user is told.
import { formatTime } from '../data/format-time';
import { nextTimes } from '../data/time-index';
import type { Dataset, Frequency, TimeStyle } from '../data/types';
import type { SeriesData } from '../models/types';
import { ForecastInputError } from '../models/errors';
import { detectFutureRows } from './futureRows';
import { holidayColumnName, holidayFeature, parseHolidayRegion } from './holidays';

/** The columns a forecast uses, as read (NaN = missing), before any filling. */
export interface RawSeries {
  /** Epoch ms per row: the file's rows, continued by the frequency to cover the horizon. */
  time: Float64Array;
  target: Float64Array;
  targetName: string;
  covariates: Float64Array[];
  covariateNames: string[];
  /** Covariates known in advance (columns, then the holiday feature), as long as `time`. */
  known: Float64Array[];
  knownNames: string[];
  /** Rows 0..history−1 hold the target's history (its last value at history−1). */
  history: number;
  /** Forecast steps after the history whose known values the series carries. */
  horizon: number;
  frequency: Frequency;
  season: number;
  timeStyle: TimeStyle;
}

/** What is known in advance for a forecast of `horizon` steps. */
export interface KnownOptions {
  /** Columns known in advance (their future rows hold the values over the horizon). */
  known?: readonly string[];
  /** Public holidays of this region ("US-CA") as a known covariate; null = none. */
  holidays?: string | null;
  horizon?: number;
}

export interface FilledSeries {
  series: SeriesData;
  /** Rows of the raw series dropped at the start (missing target there). */
  offset: number;
  /** Target values interpolated inside / carried forward at the end. */
  interpolated: number;
  carried: number;
}

export function rawSeriesFromDataset(
  dataset: Dataset,
  target: string,
  covariates: readonly string[],
  season: number,
  options: KnownOptions = {},
): RawSeries {
  const knownColumns = options.known ?? [];
  const horizon = options.horizon ?? 0;
  const column = (name: string, role: string) => {
    const found = dataset.columns.find((c) => c.name === name);
    if (!found) {
      const names = dataset.columns.map((c) => `"${c.name}"`).join(', ');
      throw new ForecastInputError(
        `${dataset.source}: no numeric column "${name}" for the ${role}; numeric columns are ${names || '(none)'}.`,
        { column: name },
      );
    }
    return found.values;
  };
  if (covariates.includes(target) || knownColumns.includes(target)) {
    throw new ForecastInputError(`${dataset.source}: column "${target}" cannot be both the target and a covariate.`, {
      column: target,
    });
  }
  const both = knownColumns.find((c) => covariates.includes(c));
  if (both !== undefined) {
    throw new ForecastInputError(
      `${dataset.source}: column "${both}" cannot be both a past-only covariate and one known in advance; name it in one of the two.`,
      { column: both },
    );
  }
  const targetValues = column(target, 'target');
  const { history } = detectFutureRows(dataset, target);
  // The file's rows, continued past its end when the horizon reaches further.
  const rows = Math.max(dataset.time.length, history + horizon);
  const extend = (values: Float64Array): Float64Array => {
    if (values.length === rows) return values;
    const out = new Float64Array(rows).fill(NaN);
    out.set(values);
    return out;
  };
  let time = dataset.time;
  if (rows > time.length) {
    time = new Float64Array(rows);
    time.set(dataset.time);
    time.set(nextTimes(dataset.time[dataset.time.length - 1], dataset.frequency, rows - dataset.time.length), dataset.time.length);
  }
  const known = knownColumns.map((c) => extend(column(c, 'covariate known in advance')));
  const knownNames = [...knownColumns];
  if (options.holidays) {
    const region = parseHolidayRegion(options.holidays);
    known.push(holidayFeature(time, dataset.frequency, region));
    knownNames.push(holidayColumnName(region.code));
  }
  return {
    time,
    target: extend(targetValues),
    targetName: target,
    covariates: covariates.map((c) => extend(column(c, 'covariate'))),
    covariateNames: [...covariates],
    known,
    knownNames,
    history,
    horizon,
    frequency: dataset.frequency,
    season,
    timeStyle: dataset.timeStyle,
  };
}

/**
 * Fill the first `length` rows of `raw` (the whole history by default) into a gap-free series,
 * with the known covariates' values over the `raw.horizon` steps after it.
 */
export function fillSeries(raw: RawSeries, length = raw.history): FilledSeries {
  const target = raw.target.subarray(0, length);
  let first = 0;
  while (first < length && Number.isNaN(target[first])) first++;
  if (first === length) {
    throw new ForecastInputError(`Column "${raw.targetName}" has no values to learn from.`, { column: raw.targetName });
  }
  const filledTarget = target.slice(first);
  const { interpolated, carried } = fillInPlace(filledTarget);
  const covariates = raw.covariates.map((values, i) => {
    const c = values.slice(first, length);
    if (c.every((v) => Number.isNaN(v))) {
      throw new ForecastInputError(`Covariate "${raw.covariateNames[i]}" has no values in the rows used.`, {
        column: raw.covariateNames[i],
      });
    }
    fillInPlace(c);
    return c;
  });
  const known = raw.known.map((values, i) => knownValues(raw, i, first, length));
  return {
    series: {
      time: raw.time.slice(first, length),
      target: filledTarget,
      covariates,
      covariateNames: raw.covariateNames,
      ...(known.length ? { known: { names: [...raw.knownNames], values: known } } : {}),
      frequency: raw.frequency,
      season: raw.season,
    },
    offset: first,
    interpolated,
    carried,
  };
}

/**
 * One sentence on the file's future rows and what is known over them, or null when the file
 * ends with the target's last value and nothing is known in advance. `fileRows`: the file's rows.
 */
export function futureRowsNote(raw: RawSeries, fileRows: number): string | null {
  const future = fileRows - raw.history;
  const known = raw.knownNames.map((n) => `"${n}"`).join(', ');
  if (future === 0 && !known) return null;
  const start = formatTime(raw.time[raw.history], raw.timeStyle);
  return (
    (future > 0
      ? `The last ${future} row(s) have no "${raw.targetName}" value: they are the future, so the forecast starts at ${start}`
      : `The forecast starts at ${start}`) +
    (known ? `; known in advance over the ${raw.horizon} forecast step(s): ${known}.` : '; no column has values there, so none is used as known in advance.')
  );
}

/**
 * Known covariate `i` over rows first..length+horizon−1: the history's gaps filled as a
 * covariate's, and a value at every forecast step. Values past a backtest cut are the
 * covariate's own (known in advance), never the target's.
 */
function knownValues(raw: RawSeries, i: number, first: number, length: number): Float64Array {
  const name = raw.knownNames[i];
  const values = raw.known[i];
  const h = raw.horizon;
  for (let t = raw.history; t < raw.history + h; t++) {
    if (Number.isNaN(values[t])) {
      const missing = countMissing(values, t, raw.history + h);
      const last = formatTime(raw.time[raw.history + h - 1], raw.timeStyle);
      throw new ForecastInputError(
        `Column "${name}" is known in advance but has no value at ${formatTime(raw.time[t], raw.timeStyle)}` +
          `${missing > 1 ? ` (and ${missing - 1} more of the ${h} forecast steps)` : ''}: ` +
          `fill in its planned values through ${last}, or use it as a past-only covariate.`,
        { column: name },
      );
    }
  }
  const history = values.slice(first, raw.history);
  if (history.every((v) => Number.isNaN(v))) {
    throw new ForecastInputError(`Covariate "${name}" has no values in the rows used.`, { column: name });
  }
  fillInPlace(history);
  const out = new Float64Array(length - first + h);
  // Rows up to the cut from the filled history, then the h steps after it.
  const upTo = Math.min(length + h, raw.history);
  out.set(history.subarray(0, upTo - first));
  if (length + h > raw.history) out.set(values.subarray(raw.history, length + h), raw.history - first);
  return out;
}

function countMissing(values: Float64Array, from: number, to: number): number {
  let n = 0;
  for (let t = from; t < to; t++) if (Number.isNaN(values[t])) n++;
  return n;
}

/**
 * Linear interpolation between observed neighbours; leading gaps take the first observed
 * value, trailing gaps the last one. Needs at least one observed value.
 */
function fillInPlace(v: Float64Array): { interpolated: number; carried: number } {
  let interpolated = 0;
  let carried = 0;
  let prev = -1;
  for (let t = 0; t < v.length; t++) {
    if (Number.isNaN(v[t])) continue;
    if (prev === -1) {
      for (let k = 0; k < t; k++) v[k] = v[t];
      carried += t;
    } else if (t - prev > 1) {
      for (let k = prev + 1; k < t; k++) v[k] = v[prev] + ((v[t] - v[prev]) * (k - prev)) / (t - prev);
      interpolated += t - prev - 1;
    }
    prev = t;
  }
  for (let k = prev + 1; k < v.length; k++) {
    v[k] = v[prev];
    carried++;
  }
  return { interpolated, carried };
}
