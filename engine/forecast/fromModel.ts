// Forecasting a file with a saved model: check the file fits the model, forecast with every
// member (or the baseline that replaced them) from the new data, and combine them as before
// saving.
import type { Dataset } from '../data/types';
import { meanOfArrays } from './candidates';
import { applyIntervals, elementwiseMedian, type IntervalForecast } from './ensemble';
import { checkCompatible, type ModelFile } from './modelFile';
import type { ForecastSubmitter } from './pool';
import { fillSeries, rawSeriesFromDataset } from './prepare';
import { futureTimes } from './timeAxis';

export interface ModelForecast {
  model: string;
  forecast: IntervalForecast & { time: Float64Array };
  /** Metrics recorded when the model was trained. */
  metrics: ModelFile['metrics'];
  warnings: string[];
  seconds: number;
}

/** Mean forecast of each group's members (in group order), as the pipeline combined them. */
export function groupMeans(model: ModelFile, forecasts: Float64Array[]): Float64Array[] {
  const groups = new Map<number, Float64Array[]>();
  model.members.forEach((m, i) => groups.set(m.group, [...(groups.get(m.group) ?? []), forecasts[i]]));
  return [...groups.keys()].sort((a, b) => a - b).map((g) => meanOfArrays(groups.get(g)!));
}

export async function forecastWithModel(
  dataset: Dataset,
  model: ModelFile,
  modelName: string,
  submitter: ForecastSubmitter,
): Promise<ModelForecast> {
  const started = performance.now();
  checkCompatible(model, dataset, modelName);
  const d = model.data;
  const raw = rawSeriesFromDataset(dataset, d.target, d.covariates, d.season);
  const filled = fillSeries(raw);
  const warnings: string[] = [];
  if (filled.interpolated + filled.carried > 0) {
    warnings.push(`Column "${d.target}": ${filled.interpolated + filled.carried} missing value(s) filled before forecasting.`);
  }
  const request = { series: filled.series, horizon: model.horizon };
  // A model whose forecast is a baseline's (auto mode's guard) forecasts it from the new data.
  const mean = model.baseline
    ? (await submitter.submit('forecast', { ...request, models: [model.baseline] }).result).forecasts[0]
    : elementwiseMedian(groupMeans(model, (await submitter.submit('forecast', { ...request, models: model.members }).result).forecasts));
  const intervals = applyIntervals(mean, {
    space: model.intervals.space,
    method: model.intervals.method,
    windows: model.intervals.windows,
    q80: Float64Array.from(model.intervals.q80),
    q95: Float64Array.from(model.intervals.q95),
  });
  return {
    model: model.model,
    forecast: { ...intervals, time: futureTimes(filled.series, model.horizon) },
    metrics: model.metrics,
    warnings,
    seconds: (performance.now() - started) / 1000,
  };
}
