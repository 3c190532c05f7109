// What-if forecasts: a trained model forecast again with edited future values of its covariates
// known in advance, without retraining. Prepared once per file and model (the series, the
// models' code), then each edit costs one forward pass per member on the calling thread —
// fast enough to follow a point the user drags. Equal to forecastWithModel on a file holding
// the edited values.
import type { Dataset } from '../data/types';
import { modelKind } from '../models/registry';
import type { ModelRuntime } from '../models/types';
import type { IntervalForecast } from './ensemble';
import { combineModelForecasts, modelsToRun, rawSeriesForModel, withKnownValues, type KnownValues } from './fromModel';
import type { ModelFile } from './modelFile';
import { fillSeries } from './prepare';
import { futureTimes } from './timeAxis';

export interface WhatIf {
  /** Times of the forecast steps. */
  time: Float64Array;
  /** Each known covariate's future values as the file has them (the scenario to edit), by name. */
  known: Record<string, Float64Array>;
  /** The forecast with these known values over the horizon (names not given keep the file's). */
  forecast(values?: KnownValues): IntervalForecast & { time: Float64Array };
}

export async function prepareWhatIf(dataset: Dataset, model: ModelFile, modelName: string): Promise<WhatIf> {
  const raw = rawSeriesForModel(dataset, model, modelName);
  const models = modelsToRun(model);
  const runtimes: ModelRuntime[] = await Promise.all(models.map((m) => modelKind(m.kind).runtime()));
  const base = fillSeries(raw).series;
  const time = futureTimes(base, model.horizon);
  const known: Record<string, Float64Array> = {};
  raw.knownNames.forEach((name, i) => (known[name] = raw.known[i].slice(raw.history, raw.history + raw.horizon)));
  return {
    time,
    known,
    forecast(values = {}) {
      const series = Object.keys(values).length ? fillSeries(withKnownValues(raw, values)).series : base;
      const forecasts = models.map((m, i) => runtimes[i].forecast(m.state, series, model.horizon));
      return { ...combineModelForecasts(model, forecasts), time: Float64Array.from(time) };
    },
  };
}
