// What a global network is (architecture, window shape) and how it is trained, with the checks
// that turn a bad setting into an error naming the field.
import type { CellKind } from '../../nn';

/** The network and its windows: fixed once trained (part of the saved state). */
export interface GlobalConfig {
  cell: CellKind;
  layers: number;
  hidden: number;
  /** L: steps of history a window shows; shorter histories are left-padded and masked. */
  lookback: number;
  /** K: steps the head forecasts at once; longer horizons are forecast recursively. */
  horizon: number;
  /** Fewest observed values a window may hold (3: the least any series may have). */
  minHistory: number;
}

/** Fine-tuning a trained model on one series (finetune.ts). */
export interface FineTuneOptions {
  epochs: number;
  learningRate: number;
  /** Windows per batch (all windows when fewer). */
  batchSize: number;
  huberDelta: number;
  seed: number;
  /** Only the most recent windows are used, so long series fine-tune as fast as short ones. */
  maxWindows: number;
}

/** How to train; only the result, not these settings, is needed to forecast. */
export interface GlobalTraining {
  /** One network per seed; their forecasts are combined by the median. */
  seeds: number[];
  epochs: number;
  /** Stop after this many epochs without improvement of the held-out loss. */
  patience: number;
  /** Halve the learning rate after this many epochs without improvement. */
  plateauEpochs: number;
  batchSize: number;
  learningRate: number;
  clipNorm: number;
  /** Huber threshold in model units (log ratios): small δ makes the loss close to MAE. */
  huberDelta: number;
  /** Windows drawn from every series per epoch, so each series weighs the same. */
  windowsPerSeries: number;
  /**
   * Also measure the held-out errors of forecasts fine-tuned this way on each series' training
   * part (the interval table of fine-tuned forecasts); null = skip (it costs a fine-tune per series).
   */
  fineTunedIntervals: FineTuneOptions | null;
}

export const DEFAULT_TRAINING: GlobalTraining = {
  seeds: [1, 2, 3],
  epochs: 60,
  patience: 8,
  plateauEpochs: 4,
  batchSize: 64,
  learningRate: 3e-3,
  clipNorm: 1,
  huberDelta: 0.02,
  windowsPerSeries: 4,
  fineTunedIntervals: null,
};

function integer(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`Global network setting "${field}" must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}.`);
  }
  return value;
}

function positive(value: unknown, field: string): number {
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
    throw new RangeError(`Global network setting "${field}" must be a positive number, got ${JSON.stringify(value)}.`);
  }
  return value;
}

export function validateConfig(config: unknown): GlobalConfig {
  if (typeof config !== 'object' || config === null) throw new RangeError('Global network config must be an object.');
  const c = config as Record<string, unknown>;
  if (c.cell !== 'rnn' && c.cell !== 'lstm' && c.cell !== 'gru') {
    throw new RangeError(`Global network setting "cell" must be "rnn", "lstm" or "gru", got ${JSON.stringify(c.cell)}.`);
  }
  const lookback = integer(c.lookback, 'lookback', 1, 4096);
  return {
    cell: c.cell,
    layers: integer(c.layers, 'layers', 1, 4),
    hidden: integer(c.hidden, 'hidden', 1, 1024),
    lookback,
    horizon: integer(c.horizon, 'horizon', 1, 4096),
    minHistory: integer(c.minHistory, 'minHistory', 1, lookback),
  };
}

export function validateTraining(t: GlobalTraining): GlobalTraining {
  if (!Array.isArray(t.seeds) || t.seeds.length < 1 || t.seeds.some((s) => !Number.isInteger(s) || s < 0)) {
    throw new RangeError(`Global network setting "seeds" must be a non-empty list of non-negative integers, got ${JSON.stringify(t.seeds)}.`);
  }
  integer(t.epochs, 'epochs', 1, 100_000);
  integer(t.patience, 'patience', 1, 100_000);
  integer(t.plateauEpochs, 'plateauEpochs', 1, 100_000);
  integer(t.batchSize, 'batchSize', 1, 65_536);
  integer(t.windowsPerSeries, 'windowsPerSeries', 1, 65_536);
  positive(t.learningRate, 'learningRate');
  positive(t.clipNorm, 'clipNorm');
  positive(t.huberDelta, 'huberDelta');
  if (t.fineTunedIntervals !== null && typeof t.fineTunedIntervals !== 'object') {
    throw new RangeError('Global network setting "fineTunedIntervals" must be fine-tuning options or null.');
  }
  return t;
}
