// From a Dataset's columns to a gap-free series for modelling: the target's interior gaps are
// interpolated linearly, leading gaps trimmed, trailing gaps carried forward (so a forecast
// still starts right after the file's last row); covariates likewise, with leading gaps
// back-filled. Every fill is counted so the user is told.
import type { Dataset, Frequency } from '../data/types';
import type { SeriesData } from '../models/types';
import { ForecastInputError } from '../models/errors';

/** The columns a forecast uses, as read (NaN = missing), before any filling. */
export interface RawSeries {
  time: Float64Array;
  target: Float64Array;
  targetName: string;
  covariates: Float64Array[];
  covariateNames: string[];
  frequency: Frequency;
  season: number;
}

export interface FilledSeries {
  series: SeriesData;
  /** Rows of the raw series dropped at the start (missing target there). */
  offset: number;
  /** Target values interpolated inside / carried forward at the end. */
  interpolated: number;
  carried: number;
}

export function rawSeriesFromDataset(dataset: Dataset, target: string, covariates: readonly string[], season: number): RawSeries {
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
  if (covariates.includes(target)) {
    throw new ForecastInputError(`${dataset.source}: column "${target}" cannot be both the target and a covariate.`, {
      column: target,
    });
  }
  return {
    time: dataset.time,
    target: column(target, 'target'),
    targetName: target,
    covariates: covariates.map((c) => column(c, 'covariate')),
    covariateNames: [...covariates],
    frequency: dataset.frequency,
    season,
  };
}

/** Fill the first `length` rows of `raw` (all by default) into a gap-free series. */
export function fillSeries(raw: RawSeries, length = raw.target.length): FilledSeries {
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
  return {
    series: {
      time: raw.time.slice(first, length),
      target: filledTarget,
      covariates,
      covariateNames: raw.covariateNames,
      frequency: raw.frequency,
      season: raw.season,
    },
    offset: first,
    interpolated,
    carried,
  };
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
