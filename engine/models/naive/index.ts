// The naive family as model kinds: naive, seasonal naive and drift fit nothing; their
// validation forecasts come from each window's own history, exactly as a forecast would.
import * as v from 'valibot';
import type { FitOutcome, FitRequest, ModelKind, ModelRuntime, SeriesData } from '../types';
import { driftForecast, naiveForecast, seasonalNaiveForecast } from './forecasts';

/** A baseline has no parameters: its saved state is empty. */
export type BaselineState = Record<string, never>;

type Forecast = (history: Float64Array, horizon: number, season: number) => Float64Array;

/** Forecasts of the last `windows` windows of `series` (origins n−h−windows .. n−h−1). */
export function windowForecasts(forecast: Forecast, series: SeriesData, horizon: number, windows: number): FitOutcome['validation'] {
  const target = series.target;
  const h = horizon;
  const lastEnd = target.length - h - 1;
  const ends = new Int32Array(windows);
  const actual = new Float64Array(windows * h);
  const predicted = new Float64Array(windows * h);
  for (let i = 0; i < windows; i++) {
    const e = lastEnd - windows + 1 + i;
    ends[i] = e;
    const f = forecast(target.subarray(0, e + 1), h, series.season);
    for (let k = 0; k < h; k++) {
      actual[i * h + k] = target[e + 1 + k];
      predicted[i * h + k] = f[k];
    }
  }
  return { ends, actual, predicted };
}

function baselineKind(
  id: string,
  title: string,
  explanation: string,
  forecast: Forecast,
  comparedWhen?: (season: number) => boolean,
): ModelKind<BaselineState, BaselineState> {
  const fit = (request: FitRequest<BaselineState>): FitOutcome<BaselineState> => {
    const started = performance.now();
    const validation = windowForecasts(forecast, request.series, request.horizon, request.validationWindows);
    let abs = 0;
    for (let i = 0; i < validation.predicted.length; i++) abs += Math.abs(validation.actual[i] - validation.predicted[i]);
    return {
      kind: id,
      label: title,
      state: {},
      validation,
      validationMae: abs / validation.predicted.length,
      future: forecast(request.series.target, request.horizon, request.series.season),
      training: { trainLoss: new Float64Array(0), validationLoss: new Float64Array(0), bestEpoch: 0, epochsRun: 0, stoppedBy: 'closed-form', skippedSteps: 0 },
      seconds: (performance.now() - started) / 1000,
    };
  };
  const runtime: ModelRuntime<BaselineState, BaselineState> = {
    fit,
    forecast: (_state, series, horizon) => forecast(series.target, horizon, series.season),
  };
  return {
    id,
    family: 'baseline',
    choices: [],
    title,
    ...(comparedWhen ? { comparedWhen } : {}),
    describe: () => title,
    validationWindows: (_config, length, horizon) => Math.max(0, length - horizon),
    replicas: (config) => [config],
    // Closed-form and tiny: no separate module to load.
    runtime: async () => runtime,
    horizonOf: () => null,
    historyNeeded: () => 1,
    stateSchema: v.strictObject({}) as v.GenericSchema<unknown, BaselineState>,
    configOf: () => ({}),
    explain: () => explanation,
  };
}

export const naiveKind = baselineKind('naive', 'naive (last value)', 'Repeats the last observed value for every step ahead.', (y, h) => naiveForecast(y, h));
/** Seasonal naive is naive when there is no season, so it is compared only on seasonal data. */
export const seasonalNaiveKind = baselineKind(
  'snaive',
  'seasonal naive',
  'Repeats the last observed season: each step ahead takes the value one season (m steps) before it.',
  seasonalNaiveForecast,
  (season) => season > 1,
);
export const driftKind = baselineKind(
  'drift',
  'drift',
  'Extends the line through the first and last observed values: step k ahead is the last value plus k times the average change per step.',
  (y, h) => driftForecast(y, h),
);
