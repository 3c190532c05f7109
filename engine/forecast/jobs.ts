// The forecasting job kinds that run inside worker threads: 'train' fits one candidate on one
// series cut; 'forecast' predicts from already trained members (a loaded model file).
// Payloads and results are plain objects and typed arrays (structured-clone friendly).
import type { JobHandlers } from '../jobs/protocol';
import type { RunControl } from '../jobs/control';
import { networkFromJson } from '../nn';
import { buildFeatures, type SeriesData } from './features';
import { fitCandidate, forecastNext, type FitRequest, type FitResult, type FittedMember } from './train';

export interface ForecastRequest {
  members: FittedMember[];
  /** The series to forecast from: at least the members' longest lookback rows. */
  series: SeriesData;
}

export interface ForecastResponse {
  /** One forecast of the next h points per member, data units. */
  forecasts: Float64Array[];
}

export type ForecastJobKinds = {
  train: { payload: FitRequest; result: FitResult };
  forecast: { payload: ForecastRequest; result: ForecastResponse };
};

export function forecastFromMembers(request: ForecastRequest, control: RunControl): ForecastResponse {
  const forecasts = request.members.map((member) => {
    control.checkpoint();
    const net = networkFromJson(member.network);
    const features = buildFeatures(request.series, member.schema);
    return forecastNext(net, member, features, request.series.target.length, request.series.season);
  });
  return { forecasts };
}

export const forecastJobHandlers: JobHandlers<ForecastJobKinds> = {
  train: fitCandidate,
  forecast: forecastFromMembers,
};
