// The forecasting job kinds that run inside worker threads: 'fit' fits one model configuration
// on one series cut; 'forecast' predicts with already fitted models (a loaded model file). Each
// dispatches to the model kind named in its payload. Payloads and results are plain objects and
// typed arrays (structured-clone friendly).
import type { RunControl } from '../jobs/control';
import type { JobHandlers } from '../jobs/protocol';
import { modelKind } from '../models/registry';
import type { FitOutcome, FitRequest, SeriesData } from '../models/types';

/** A saved model of some kind, as model files hold them. */
export interface SavedModel {
  kind: string;
  state: unknown;
}

export interface ForecastRequest {
  models: SavedModel[];
  /** The series to forecast from: at least the models' longest history needed. */
  series: SeriesData;
  horizon: number;
}

export interface ForecastResponse {
  /** One forecast of the next h points per model, data units. */
  forecasts: Float64Array[];
}

export type ForecastJobKinds = {
  fit: { payload: FitRequest; result: FitOutcome };
  forecast: { payload: ForecastRequest; result: ForecastResponse };
};

export async function forecastWithModels(request: ForecastRequest, control: RunControl): Promise<ForecastResponse> {
  const forecasts: Float64Array[] = [];
  for (const model of request.models) {
    control.checkpoint();
    const runtime = await modelKind(model.kind).runtime();
    forecasts.push(runtime.forecast(model.state, request.series, request.horizon));
  }
  return { forecasts };
}

export const forecastJobHandlers: JobHandlers<ForecastJobKinds> = {
  fit: async (request, control) => (await modelKind(request.kind).runtime()).fit(request, control),
  forecast: forecastWithModels,
};
