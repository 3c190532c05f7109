// One global network across every series of a panel, as a model kind: the architecture of the
// shipped pretrained network of the series' frequency class, warm-started from its weights (or
// fresh), trained across the panel's series with each series scaled on its own training part,
// then every series forecast with intervals from the panel's own held-out error tables.
// It fits panels only (fitPanel); a saved state forecasts any one series of the panel again.
import * as v from 'valibot';
import type { GlobalModel, GlobalModelState } from '../global/model';
import type { TrainingSeries } from '../global/train';
import { networkToJson } from '../../nn/serialize';
import type { NetworkSpec } from '../../nn/spec';
import type { ModelKind, ModelRuntime, PanelFitOutcome, PanelFitRequest, PanelForecasts } from '../types';
import { FREQUENCY_CLASSES, frequencyClassOf, type FrequencyClass } from '../pretrained/classes';

export interface GlobalPanelConfig {
  /**
   * Start every seed from one of the shipped pretrained networks of the frequency class and
   * fine-tune it across the panel; false = fresh networks of the same architecture.
   */
  warmStart: boolean;
  /** One network per seed; their forecasts are joined by the median. */
  seeds: number[];
  epochs: number;
  /** Stop a seed after this many epochs without a better held-out loss. */
  patience: number;
  learningRate: number;
  /** Windows drawn from every series per epoch (each series weighs the same). */
  windowsPerSeries: number;
  batchSize: number;
  /** Most past origins of each series its interval widths are rescaled on (forecastGlobal). */
  calibrationOrigins: number;
}

export interface GlobalPanelState {
  config: GlobalPanelConfig;
  frequencyClass: FrequencyClass;
  horizon: number;
  /** The trained networks, their architecture and error tables (a global model's state). */
  model: GlobalModelState;
}

/**
 * Warm start from the shipped networks, a few epochs with early stopping on each series' last
 * horizon: fine-tuning converges in a handful of epochs where fresh networks need tens.
 */
export const DEFAULT_PANEL_CONFIG: GlobalPanelConfig = {
  warmStart: true,
  seeds: [1, 2, 3],
  epochs: 30,
  patience: 4,
  learningRate: 1e-3,
  windowsPerSeries: 4,
  batchSize: 64,
  calibrationOrigins: 20,
};

const runtime = async (): Promise<ModelRuntime<GlobalPanelConfig, GlobalPanelState>> => {
  const [{ shippedPretrained }, global] = await Promise.all([import('../pretrained/index'), import('../global')]);
  // Forecasting one series after another from the same saved state loads its networks once.
  const loaded = new WeakMap<GlobalModelState, GlobalModel>();
  const modelOf = (state: GlobalPanelState): GlobalModel => {
    let model = loaded.get(state.model);
    if (!model) {
      model = global.loadGlobalModel(state.model, 'Saved global network');
      loaded.set(state.model, model);
    }
    return model;
  };

  return {
    fit() {
      throw new Error('The global network is trained across the series of a panel (fitPanel), not on one series.');
    },
    fitPanel(request: PanelFitRequest<GlobalPanelConfig>, control): PanelFitOutcome<GlobalPanelState> {
      const started = performance.now();
      const { series, horizon: h, config } = request;
      const count = series.offsets.length - 1;
      const frequencyClass = frequencyClassOf(series.frequency);
      const base = shippedPretrained().classes[frequencyClass];
      const valuesOf = (i: number) => series.values.subarray(series.offsets[i], series.offsets[i + 1]);
      const list: TrainingSeries[] = Array.from({ length: count }, (_, i) => ({ values: valuesOf(i), season: series.season }));
      const training = {
        ...global.DEFAULT_TRAINING,
        seeds: config.seeds,
        epochs: config.epochs,
        patience: config.patience,
        plateauEpochs: Math.max(1, Math.floor(config.patience / 2)),
        learningRate: config.learningRate,
        windowsPerSeries: config.windowsPerSeries,
        batchSize: config.batchSize,
        fineTunedIntervals: null,
      };
      let result: { state: GlobalModelState; series: number; seeds: { bestEpoch: number; epochsRun: number; heldOutLoss: number }[] };
      try {
        result = global.trainGlobal(list, base.config, training, control, config.warmStart ? base : null);
      } catch (error) {
        // No series long enough to learn from: warm-started, the shipped networks forecast as they are.
        if (!(error instanceof RangeError) || !error.message.startsWith('No series') || !config.warmStart) throw error;
        const state: GlobalModelState = { format: global.GLOBAL_MODEL_FORMAT, version: global.GLOBAL_MODEL_VERSION, config: base.config, networks: base.networks.map(networkToJson), intervals: base.intervals };
        result = { state, series: 0, seeds: config.seeds.map(() => ({ bestEpoch: 0, epochsRun: 0, heldOutLoss: NaN })) };
      }
      const model = global.loadGlobalModel(result.state, 'Trained global network');
      const forecasts: PanelForecasts = {
        mean: new Float64Array(count * h).fill(NaN),
        lower80: new Float64Array(count * h).fill(NaN),
        upper80: new Float64Array(count * h).fill(NaN),
        lower95: new Float64Array(count * h).fill(NaN),
        upper95: new Float64Array(count * h).fill(NaN),
      };
      const options = { ...global.DEFAULT_FORECAST_OPTIONS, maxOrigins: config.calibrationOrigins };
      for (let i = 0; i < count; i++) {
        const values = valuesOf(i);
        if (values.length < global.MIN_VALUES) continue;
        control.checkpoint();
        const f = global.forecastGlobal(model, values, series.season, h, options);
        forecasts.mean.set(f.mean, i * h);
        forecasts.lower80.set(f.lower80, i * h);
        forecasts.upper80.set(f.upper80, i * h);
        forecasts.lower95.set(f.lower95, i * h);
        forecasts.upper95.set(f.upper95, i * h);
      }
      const best = result.seeds.map((s) => s.bestEpoch);
      return {
        kind: request.kind,
        label: request.label,
        state: { config, frequencyClass, horizon: h, model: result.state },
        forecasts,
        trainedOn: result.series,
        training: {
          trainLoss: new Float64Array(0),
          validationLoss: Float64Array.from(result.seeds.map((s) => s.heldOutLoss)),
          bestEpoch: Math.max(...best),
          epochsRun: result.seeds.reduce((sum, s) => sum + s.epochsRun, 0),
          stoppedBy: result.seeds.every((s) => s.epochsRun < config.epochs) ? 'patience' : 'epochs',
          skippedSteps: 0,
        },
        seconds: (performance.now() - started) / 1000,
        note: result.series === 0
          ? `the pretrained ${frequencyClass} ${describeArchitecture(base.config)} network as shipped (no series is long enough to train on)`
          : `a ${describeArchitecture(base.config)} network across ${result.series} series` +
            (config.warmStart ? `, warm-started from the pretrained ${frequencyClass} network` : '') +
            ` (best epochs ${best.join(', ')})`,
      };
    },
    forecast(state, series, horizon) {
      return global.forecastGlobal(modelOf(state), series.target, series.season, horizon, {
        ...global.DEFAULT_FORECAST_OPTIONS,
        maxOrigins: state.config.calibrationOrigins,
      }).mean;
    },
  };
};

function describeArchitecture(c: { cell: string; layers: number; hidden: number; lookback: number }): string {
  return `${c.cell.toUpperCase()} ${c.layers}×${c.hidden} L=${c.lookback}`;
}

const configSchema = v.object({
  warmStart: v.boolean(),
  seeds: v.pipe(v.array(v.pipe(v.number(), v.integer(), v.minValue(0))), v.minLength(1)),
  epochs: v.pipe(v.number(), v.integer(), v.minValue(1)),
  patience: v.pipe(v.number(), v.integer(), v.minValue(1)),
  learningRate: v.pipe(v.number(), v.minValue(0)),
  windowsPerSeries: v.pipe(v.number(), v.integer(), v.minValue(1)),
  batchSize: v.pipe(v.number(), v.integer(), v.minValue(1)),
  calibrationOrigins: v.pipe(v.number(), v.integer(), v.minValue(0)),
});

export const globalPanelKind: ModelKind<GlobalPanelConfig, GlobalPanelState, unknown> = {
  id: 'global',
  family: 'network',
  // Not a value of the model setting: a panel run chooses it (engine/forecast/panel).
  choices: [],
  title: 'global network',
  describe: (config) => `global GRU across the series${config.warmStart ? ', warm-started from the pretrained network' : ''}`,
  validationWindows: () => 0,
  replicas: (config) => [config],
  runtime,
  horizonOf: (state) => state.horizon,
  historyNeeded: () => 3,
  stateSchema: v.object({
    config: configSchema,
    frequencyClass: v.picklist(FREQUENCY_CLASSES),
    horizon: v.pipe(v.number(), v.integer(), v.minValue(1)),
    // loadGlobalModel checks the networks and tables when the model forecasts.
    model: v.custom<GlobalModelState>((x) => typeof x === 'object' && x !== null),
  }) as v.GenericSchema<unknown, GlobalPanelState>,
  configOf: (state) => state.config,
  explain: (state) => {
    const c = state.model.config;
    return (
      `One ${c.cell.toUpperCase()} network (${c.layers}×${c.hidden}) trained across every series of the file, each series ` +
      'seasonally adjusted and log-scaled (where positive) on its own training part' +
      (state.config.warmStart ? `, starting from the pretrained ${state.frequencyClass} network` : '') +
      `: it reads the last ${c.lookback} values relative to the last one and gives ${c.horizon} steps ahead (the median of its ${state.config.seeds.length} networks).`
    );
  },
  networks: (state): NetworkSpec[] => state.model.networks.map((n) => n.spec),
};
