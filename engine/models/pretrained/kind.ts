// The pretrained networks as a model kind: the network of the series' frequency class,
// fine-tuned on the series' own windows, forecasting with intervals from its error tables.
// Validation windows are forecast by the network fine-tuned on the values before the first
// window only, so their errors are out of sample.
import * as v from 'valibot';
import { networkToJson } from '../../nn/serialize';
import type { NetworkSpec } from '../../nn/spec';
import type { FitOutcome, FitRequest, ModelKind, ModelRuntime } from '../types';
import { FREQUENCY_CLASSES, frequencyClassOf, type FrequencyClass } from './classes';

/** The one setting: fine-tune on the series (true in auto mode) or forecast with the shipped weights. */
export interface PretrainedConfig {
  fineTune: boolean;
}

export interface PretrainedState {
  config: PretrainedConfig;
  frequencyClass: FrequencyClass;
  horizon: number;
  /** The fine-tuned networks (a global model's state), or null: the shipped weights as they are. */
  model: unknown;
}

/** Most validation windows the pretrained network is scored on (its error tables cover more). */
export const MAX_PRETRAINED_WINDOWS = 40;

const runtime = async (): Promise<ModelRuntime<PretrainedConfig, PretrainedState>> => {
  const [{ shippedPretrained, DEFAULT_FINE_TUNE }, global] = await Promise.all([import('./index'), import('../global')]);
  const base = (c: FrequencyClass) => shippedPretrained().classes[c];
  const tuned = (c: FrequencyClass, history: ArrayLike<number>, season: number, fine: boolean, control: Parameters<ModelRuntime['fit']>[1]) =>
    fine ? global.fineTune(base(c), history, season, DEFAULT_FINE_TUNE, control) : base(c);

  return {
    fit(request: FitRequest<PretrainedConfig>, control): FitOutcome<PretrainedState> {
      const started = performance.now();
      const { series, horizon: h, validationWindows: windows } = request;
      const target = series.target;
      const frequencyClass = frequencyClassOf(series.frequency);
      const fine = request.config.fineTune;
      // Validation: fine-tuned on the values before the first window only.
      const lastEnd = target.length - h - 1;
      const ends = Int32Array.from({ length: windows }, (_, i) => lastEnd - windows + 1 + i);
      const actual = new Float64Array(windows * h);
      let predicted: Float64Array = new Float64Array(windows * h);
      if (windows > 0) {
        const before = target.subarray(0, ends[0] + 1);
        const model = before.length >= global.MIN_VALUES ? tuned(frequencyClass, before, series.season, fine, control) : base(frequencyClass);
        predicted = global.forecastFromOrigins(model, target, series.season, h, ends);
        ends.forEach((e, i) => actual.set(target.subarray(e + 1, e + 1 + h), i * h));
      }
      let abs = 0;
      for (let i = 0; i < predicted.length; i++) abs += Math.abs(actual[i] - predicted[i]);
      const model = tuned(frequencyClass, target, series.season, fine, control);
      const f = global.forecastGlobal(model, target, series.season, h, { ...global.DEFAULT_FORECAST_OPTIONS, calibrateWith: base(frequencyClass) });
      const state: PretrainedState = {
        config: request.config,
        frequencyClass,
        horizon: h,
        model: model === base(frequencyClass) ? null : { ...globalState(model), networks: model.networks.map(networkToJson) },
      };
      return {
        kind: request.kind,
        label: request.label,
        state,
        validation: { ends, actual, predicted },
        validationMae: windows > 0 ? abs / predicted.length : NaN,
        future: f.mean,
        intervals: { lower80: f.lower80, upper80: f.upper80, lower95: f.lower95, upper95: f.upper95 },
        training: { trainLoss: new Float64Array(0), validationLoss: new Float64Array(0), bestEpoch: fine ? 1 : 0, epochsRun: fine ? DEFAULT_FINE_TUNE.epochs : 0, stoppedBy: 'epochs', skippedSteps: 0 },
        seconds: (performance.now() - started) / 1000,
        note: `${target.length} points: the pretrained network (${frequencyClass})` + (fine ? ', fine-tuned on this series' : ''),
      };
    },
    forecast(state, series, horizon) {
      const model = state.model === null ? base(state.frequencyClass) : global.loadGlobalModel(state.model, 'Saved pretrained network');
      return global.forecastGlobal(model, series.target, series.season, horizon, { ...global.DEFAULT_FORECAST_OPTIONS, calibrateWith: base(state.frequencyClass) }).mean;
    },
  };

  function globalState(model: { config: unknown; intervals: unknown }) {
    return { format: global.GLOBAL_MODEL_FORMAT, version: global.GLOBAL_MODEL_VERSION, config: model.config, intervals: model.intervals };
  }
};

export const pretrainedKind: ModelKind<PretrainedConfig, PretrainedState, unknown> = {
  id: 'pretrained',
  family: 'network',
  choices: ['pretrained'],
  title: 'pretrained network',
  describe: (config) => `pretrained GRU${config.fineTune ? ', fine-tuned' : ''}`,
  search: (context) => ({
    validationWindows: pretrainedWindows(context.length, context.horizon),
    plannedCandidates: 1,
    plannedFits: 1,
    stages: (function* () {
      yield { label: 'fine-tuning the pretrained network', configs: [{ fineTune: true }] };
    })(),
  }),
  validationWindows: (_config, length, horizon) => pretrainedWindows(length, horizon),
  replicas: (config) => [config],
  runtime,
  horizonOf: (state) => state.horizon,
  historyNeeded: () => 3,
  stateSchema: v.object({
    config: v.object({ fineTune: v.boolean() }),
    frequencyClass: v.picklist(FREQUENCY_CLASSES),
    horizon: v.pipe(v.number(), v.integer(), v.minValue(1)),
    // loadGlobalModel checks the networks and tables when the model forecasts.
    model: v.nullable(v.custom<object>((x) => typeof x === 'object' && x !== null)),
  }) as v.GenericSchema<unknown, PretrainedState>,
  configOf: (state) => state.config,
  explain: (state) =>
    `The GRU network Tidecast ships for ${state.frequencyClass} series, pretrained across many real series` +
    (state.model === null ? ', used as shipped' : ', fine-tuned on this series\' own windows') +
    `: it reads the recent seasonally adjusted values (log where positive) relative to the last one, and gives ${state.horizon} steps ahead (the median of its networks).`,
  // The shipped networks live in the app, not in the state: only fine-tuned ones are listed.
  networks: (state) => ((state.model as { networks?: { spec: NetworkSpec }[] } | null)?.networks ?? []).map((n) => n.spec),
};

/** Windows whose history holds at least 3 values, the most recent MAX_PRETRAINED_WINDOWS. */
export function pretrainedWindows(length: number, horizon: number): number {
  return Math.max(0, Math.min(MAX_PRETRAINED_WINDOWS, length - horizon - 2));
}

