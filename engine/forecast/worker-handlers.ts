// The forecasting job kinds that run inside worker threads: 'fit' fits one model configuration
// on one series cut; 'forecast' predicts with already fitted models (a loaded model file);
// 'fit-panel' fits one model across every series of a panel and forecasts each; 'panel-baselines'
// forecasts every series of a panel with baseline kinds. Each dispatches to the model kind named
// in its payload. Payloads and results are plain objects and
// typed arrays (structured-clone friendly).
import type { RunControl } from '../jobs/control';
import type { JobHandlers } from '../jobs/protocol';
import { modelKind } from '../models/registry';
import type { FitOutcome, FitRequest, PanelFitOutcome, PanelFitRequest, PanelForecasts, PanelSeriesData, SeriesData } from '../models/types';

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

/** Baseline forecasts of every series of a panel (closed-form or statistical kinds). */
export interface PanelBaselinesRequest {
  kinds: string[];
  series: PanelSeriesData;
  horizon: number;
}

export interface PanelBaselinesResponse {
  /** Per kind id: (series, horizon) row-major; NaN rows for series too short to forecast. */
  forecasts: Record<string, Float64Array>;
}

export type ForecastJobKinds = {
  fit: { payload: FitRequest; result: FitOutcome };
  forecast: { payload: ForecastRequest; result: ForecastResponse };
  'fit-panel': { payload: PanelFitRequest; result: PanelFitOutcome };
  'panel-baselines': { payload: PanelBaselinesRequest; result: PanelBaselinesResponse };
  'panel-forecast': { payload: PanelForecastRequest; result: PanelForecasts };
};

/** Every series of a panel forecast from a saved model fitted across series. */
export interface PanelForecastRequest {
  model: SavedModel;
  series: PanelSeriesData;
  horizon: number;
}

export async function panelForecast(request: PanelForecastRequest, control: RunControl): Promise<PanelForecasts> {
  const runtime = await modelKind(request.model.kind).runtime();
  if (!runtime.forecastPanel) throw new Error(`Model kind "${request.model.kind}" does not forecast across many series.`);
  return runtime.forecastPanel(request.model.state, request.series, request.horizon, control);
}

/** Fewest values a baseline forecasts a panel's series from. */
const PANEL_MIN_VALUES = 3;

export async function fitPanel(request: PanelFitRequest, control: RunControl): Promise<PanelFitOutcome> {
  const runtime = await modelKind(request.kind).runtime();
  if (!runtime.fitPanel) throw new Error(`Model kind "${request.kind}" does not fit across many series.`);
  return runtime.fitPanel(request, control);
}

export async function panelBaselines(request: PanelBaselinesRequest, control: RunControl): Promise<PanelBaselinesResponse> {
  const { series, horizon: h } = request;
  const count = series.offsets.length - 1;
  const forecasts: Record<string, Float64Array> = {};
  for (const kind of request.kinds) {
    const runtime = await modelKind(kind).runtime();
    const out = new Float64Array(count * h).fill(NaN);
    for (let i = 0; i < count; i++) {
      const target = series.values.subarray(series.offsets[i], series.offsets[i + 1]);
      if (target.length < PANEL_MIN_VALUES) continue;
      control.checkpoint();
      const one: SeriesData = { time: new Float64Array(target.length), target, covariates: [], covariateNames: [], frequency: series.frequency, season: series.season };
      const fit = runtime.fit({ kind, label: kind, series: one, horizon: h, validationWindows: 0, config: {}, timeBudgetMs: 0 }, control);
      out.set(fit.future, i * h);
    }
    forecasts[kind] = out;
  }
  return { forecasts };
}

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
  'fit-panel': fitPanel,
  'panel-baselines': panelBaselines,
  'panel-forecast': panelForecast,
};
