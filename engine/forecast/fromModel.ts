// Forecasting a file with a saved model: check the file fits the model, rebuild the inputs
// with the saved transforms, predict with every member and combine them as before saving.
import type { Dataset } from '../data/types';
import { baselineForecast } from './baselines';
import { applyIntervals, elementwiseMedian, type IntervalForecast } from './ensemble';
import { fillSeries, rawSeriesFromDataset } from './prepare';
import { checkCompatible, type ModelFile } from './modelFile';
import type { JobRunner } from './runner';
import { futureTimes } from './timeAxis';

export interface ModelForecast {
  model: string;
  forecast: IntervalForecast & { time: Float64Array };
  /** Metrics recorded when the model was trained. */
  metrics: ModelFile['metrics'];
  warnings: string[];
  seconds: number;
}

/** Mean forecast of each group's networks (in group order), as the pipeline combined them. */
export function groupMeans(model: ModelFile, forecasts: Float64Array[]): Float64Array[] {
  const groups = new Map<number, Float64Array[]>();
  model.members.forEach((m, i) => groups.set(m.group, [...(groups.get(m.group) ?? []), forecasts[i]]));
  return [...groups.keys()].sort((a, b) => a - b).map((g) => {
    const list = groups.get(g)!;
    const out = new Float64Array(list[0].length);
    for (const f of list) for (let k = 0; k < out.length; k++) out[k] += f[k] / list.length;
    return out;
  });
}

export async function forecastWithModel(
  dataset: Dataset,
  model: ModelFile,
  modelName: string,
  runner: JobRunner,
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
  // A model whose forecast is a baseline's (auto mode's guard) forecasts it from the new data.
  const mean = model.baseline
    ? baselineForecast(model.baseline, filled.series.target, model.horizon, d.season)
    : elementwiseMedian(groupMeans(model, (await runner.submit('forecast', { members: model.members, series: filled.series }).result).forecasts));
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
