// Forecasting a file with a saved model: check the file fits the model, forecast with every
// member (or the baseline that replaced them) from the new data, and combine them as before
// saving. The covariates known in advance come from the file's future rows, or from the caller
// (the app's fill-in table, a scenario).
import type { Dataset } from '../data/types';
import { ForecastInputError } from '../models/errors';
import { meanOfArrays } from './candidates';
import { applyIntervals, elementwiseMean, elementwiseMedian, type IntervalForecast } from './ensemble';
import { checkCompatible, type ModelFile } from './modelFile';
import type { ForecastSubmitter } from './pool';
import { fillSeries, rawSeriesFromDataset, type RawSeries } from './prepare';
import { futureTimes } from './timeAxis';

export interface ModelForecast {
  model: string;
  forecast: IntervalForecast & { time: Float64Array };
  /** Metrics recorded when the model was trained. */
  metrics: ModelFile['metrics'];
  warnings: string[];
  seconds: number;
}

/**
 * Values of covariates known in advance over the forecast steps, by name (a column of
 * `data.known`, or the holiday feature's name): each `horizon` numbers, replacing the file's.
 */
export type KnownValues = Readonly<Record<string, ArrayLike<number>>>;

/** Mean forecast of each group's members (in group order), as the pipeline combined them. */
export function groupMeans(model: ModelFile, forecasts: Float64Array[]): Float64Array[] {
  const groups = new Map<number, Float64Array[]>();
  model.members.forEach((m, i) => groups.set(m.group, [...(groups.get(m.group) ?? []), forecasts[i]]));
  return [...groups.keys()].sort((a, b) => a - b).map((g) => meanOfArrays(groups.get(g)!));
}

/** The model's forecast from its members' forecasts (or the baseline's), with its intervals. */
export function combineModelForecasts(model: ModelFile, forecasts: Float64Array[]): IntervalForecast {
  const join = model.combine === 'mean-of-group-means' ? elementwiseMean : elementwiseMedian;
  const mean = model.baseline ? forecasts[0] : join(groupMeans(model, forecasts));
  const iv = model.intervals;
  return applyIntervals(mean, {
    space: iv.space,
    method: iv.method,
    windows: iv.windows,
    q80: Float64Array.from(iv.q80),
    q95: Float64Array.from(iv.q95),
    ...(iv.lower80 && iv.lower95 ? { lower80: Float64Array.from(iv.lower80), lower95: Float64Array.from(iv.lower95) } : {}),
  });
}

/** The models a forecast runs: the baseline that replaced the networks, or every member. */
export function modelsToRun(model: ModelFile): { kind: string; state: unknown }[] {
  return model.baseline ? [model.baseline] : model.members;
}

/** The file's columns as the model reads them, its known covariates over the horizon included. */
export function rawSeriesForModel(dataset: Dataset, model: ModelFile, modelName: string, known: KnownValues = {}): RawSeries {
  checkCompatible(model, dataset, modelName);
  const d = model.data;
  const raw = rawSeriesFromDataset(dataset, d.target, d.covariates, d.season, { known: d.known, holidays: d.holidays, horizon: model.horizon });
  return withKnownValues(raw, known);
}

/** `raw` with the future values of some known covariates replaced (a copy; `raw` is kept). */
export function withKnownValues(raw: RawSeries, values: KnownValues): RawSeries {
  const names = Object.keys(values);
  if (names.length === 0) return raw;
  const h = raw.horizon;
  const known = [...raw.known];
  for (const name of names) {
    const i = raw.knownNames.indexOf(name);
    if (i < 0) {
      const list = raw.knownNames.map((n) => `"${n}"`).join(', ');
      throw new ForecastInputError(`"${name}" is not a covariate known in advance of this model; it has ${list || 'none'}.`, { column: name });
    }
    const given = values[name];
    if (given.length !== h) {
      throw new ForecastInputError(`Covariate "${name}": ${given.length} future value(s) given; the model forecasts ${h} steps.`, { column: name });
    }
    const column = Float64Array.from(known[i]);
    for (let k = 0; k < h; k++) {
      if (!Number.isFinite(given[k])) {
        throw new ForecastInputError(`Covariate "${name}": future value ${k + 1} of ${h} is not a number; give a value for every step.`, { column: name });
      }
      column[raw.history + k] = given[k];
    }
    known[i] = column;
  }
  return { ...raw, known };
}

export async function forecastWithModel(
  dataset: Dataset,
  model: ModelFile,
  modelName: string,
  submitter: ForecastSubmitter,
  known: KnownValues = {},
): Promise<ModelForecast> {
  const started = performance.now();
  const d = model.data;
  const filled = fillSeries(rawSeriesForModel(dataset, model, modelName, known));
  const warnings: string[] = [];
  if (filled.interpolated + filled.carried > 0) {
    warnings.push(`Column "${d.target}": ${filled.interpolated + filled.carried} missing value(s) filled before forecasting.`);
  }
  // A model whose forecast is a baseline's (auto mode's guard) forecasts it from the new data.
  const request = { series: filled.series, horizon: model.horizon, models: modelsToRun(model) };
  const { forecasts } = await submitter.submit('forecast', request).result;
  return {
    model: model.model,
    forecast: { ...combineModelForecasts(model, forecasts), time: futureTimes(filled.series, model.horizon) },
    metrics: model.metrics,
    warnings,
    seconds: (performance.now() - started) / 1000,
  };
}
