// A statistical forecasting method (ETS, Theta) as a baseline model kind. Its validation
// forecasts come from one fit on the values before the first validation origin, run forward
// with every parameter fixed (no look-ahead, one fit); its forecast from a fit on the whole cut.
// Long series are fitted on their most recent values: the smoothing methods weigh the past
// geometrically, so older values change little but cost time.
import * as v from 'valibot';
import type { FitOutcome, FitRequest, ModelKind, ModelRuntime, SeriesData } from './types';

/** Most recent values a statistical method is fitted on. */
export const MAX_FITTED_VALUES = 1000;

/** Fewest values a statistical method is fitted on; validation origins with fewer forecast the last value. */
export const MIN_FITTED_VALUES = 3;

/** What the kind needs of a method; its fitted model must be plain JSON-able data. */
export interface StatisticalMethod<M> {
  fit(values: Float64Array, season: number): M;
  /** Point forecasts of the h values after y (which starts where the fitted values started). */
  forecast(model: M, y: Float64Array, h: number): Float64Array;
  /** Point forecasts from each origin (a count of values of y), parameters fixed. */
  originForecasts(model: M, y: Float64Array, origins: number[], h: number): Float64Array[];
  /** One line on a fitted model, e.g. "ETS(M,Ad,N)". */
  describe(model: M): string;
  /** What a fitted model computes, in a sentence or two (model cards). */
  explain(model: M): string;
  modelSchema: v.GenericSchema<unknown, M>;
}

/** A fitted statistical model and where its fitted values start, so it can forecast again. */
export interface StatisticalState<M> {
  model: M;
  /** Time of the first fitted value; a series without it is fitted again. */
  firstTime: number;
}

export function statisticalKind<M>(id: string, title: string, method: StatisticalMethod<M>): ModelKind<Record<string, never>, StatisticalState<M>> {
  /** The values a fit of the first `count` values of `target` uses (the most recent ones). */
  const fitStart = (count: number) => Math.max(0, count - MAX_FITTED_VALUES);

  const validation = (series: SeriesData, h: number, windows: number): FitOutcome['validation'] => {
    const target = series.target;
    const lastEnd = target.length - h - 1;
    const ends = Int32Array.from({ length: windows }, (_, i) => lastEnd - windows + 1 + i);
    const actual = new Float64Array(windows * h);
    const predicted = new Float64Array(windows * h);
    const fitted = ends.findIndex((e) => e + 1 >= MIN_FITTED_VALUES);
    let forecasts: Float64Array[] = [];
    let start = 0;
    if (fitted >= 0) {
      start = fitStart(ends[fitted] + 1);
      const y = target.subarray(start);
      const model = method.fit(target.slice(start, ends[fitted] + 1), series.season);
      forecasts = method.originForecasts(model, y, Array.from(ends.subarray(fitted), (e) => e + 1 - start), h);
    }
    ends.forEach((e, i) => {
      for (let k = 0; k < h; k++) {
        actual[i * h + k] = target[e + 1 + k];
        predicted[i * h + k] = i < fitted || fitted < 0 ? target[e] : forecasts[i - fitted][k];
      }
    });
    return { ends, actual, predicted };
  };

  const runtime: ModelRuntime<Record<string, never>, StatisticalState<M>> = {
    fit(request: FitRequest<Record<string, never>>): FitOutcome<StatisticalState<M>> {
      const started = performance.now();
      const { series, horizon: h } = request;
      const checks = validation(series, h, request.validationWindows);
      let abs = 0;
      for (let i = 0; i < checks.predicted.length; i++) abs += Math.abs(checks.actual[i] - checks.predicted[i]);
      const start = fitStart(series.target.length);
      const y = series.target.subarray(start);
      const model = method.fit(Float64Array.from(y), series.season);
      return {
        kind: id,
        label: method.describe(model),
        state: { model, firstTime: series.time[start] },
        validation: checks,
        validationMae: abs / checks.predicted.length,
        future: method.forecast(model, y, h),
        training: { trainLoss: new Float64Array(0), validationLoss: new Float64Array(0), bestEpoch: 0, epochsRun: 0, stoppedBy: 'closed-form', skippedSteps: 0 },
        seconds: (performance.now() - started) / 1000,
      };
    },
    forecast(state, series, horizon) {
      const start = series.time.indexOf(state.firstTime);
      if (start >= 0) return method.forecast(state.model, series.target.subarray(start), horizon);
      // Another series, or one that no longer holds the fitted start: the method fits it afresh.
      const y = series.target.subarray(fitStart(series.target.length));
      return method.forecast(method.fit(Float64Array.from(y), series.season), y, horizon);
    },
  };

  return {
    id,
    family: 'baseline',
    choices: [],
    title,
    describe: () => title,
    validationWindows: (_config, length, horizon) => Math.max(0, length - horizon),
    replicas: (config) => [config],
    // The methods are small next to the networks: no separate module to load.
    runtime: async () => runtime,
    horizonOf: () => null,
    historyNeeded: () => MIN_FITTED_VALUES,
    stateSchema: v.object({
      model: method.modelSchema,
      firstTime: v.pipe(v.number(), v.finite()),
    }) as v.GenericSchema<unknown, StatisticalState<M>>,
    configOf: () => ({}),
    explain: (state) => method.explain(state.model),
  };
}
