// What distinguishes one recurrent network candidate from another, how it trains, and what a
// fitted one keeps (its saved state). The cells come from engine/nn; nothing here lists them.
import type { NetworkJson } from '../../nn/serialize';
import type { CellKind } from '../../nn/spec';
import type { FeatureSchema } from './features';
import type { Normalisation } from './windows';

/** Networks per candidate configuration, each from its own seed, averaged. */
export const SEEDS_PER_CANDIDATE = 2;

/** How a network trains; the same for every candidate of a run. */
export interface RecurrentTraining {
  epochs: number;
  patience: number;
  batchSize: number;
  learningRate: number;
  weightDecay: number;
  clipNorm: number;
  loss: 'mse' | 'huber';
  huberDelta: number;
  /** Halve the learning rate after this many epochs without validation improvement. */
  plateauEpochs: number;
  /** Keep at most this many training windows, the most recent ones. */
  maxTrainWindows: number;
  /**
   * Windows per epoch: each epoch trains on this many windows drawn (without replacement)
   * from all training windows, so long series get frequent validation checks.
   */
  windowsPerEpoch: number;
  /**
   * Deterministic cap on the training work, in window-steps × gates × directions (≈ 1 µs
   * each with 32 hidden units on the WASM kernels); it bounds the epochs so a run's length does
   * not depend on the machine. 0 = no cap.
   */
  workBudget: number;
}

export interface RecurrentConfig {
  cell: CellKind;
  bidirectional: boolean;
  layers: number;
  hidden: number;
  dropout: number;
  lookback: number;
  /** Natural log of the target before standardising (strictly positive series only). */
  log: boolean;
  normalisation: Normalisation;
  seed: number;
  training: RecurrentTraining;
}

/** A trained network with everything needed to forecast from new data. */
export interface RecurrentState {
  config: RecurrentConfig;
  horizon: number;
  schema: FeatureSchema;
  network: NetworkJson;
}

/** The user's settings the recurrent search reads (a subset of the forecast settings). */
export interface RecurrentSettings {
  /** 'auto' or one of the cells. */
  model: string;
  bidirectional: boolean;
  layers: number;
  hidden: number;
  /** null = from season and horizon. */
  lookback: number | null;
  epochs: number;
  learningRate: number;
  batchSize: number;
  seed: number;
}

/** Training options for a run with these settings. */
export function recurrentTraining(settings: RecurrentSettings): RecurrentTraining {
  return {
    epochs: settings.epochs,
    patience: 10,
    batchSize: settings.batchSize,
    learningRate: settings.learningRate,
    weightDecay: 0,
    clipNorm: 1,
    loss: 'huber',
    huberDelta: 1,
    plateauEpochs: 5,
    maxTrainWindows: 4096,
    windowsPerEpoch: 512,
    workBudget: 1.5e6,
  };
}

export function describeConfig(c: RecurrentConfig): string {
  const norm = { none: '', last: 'level', mean: 'mean', season: 'seasonal' }[c.normalisation];
  const transforms = [c.log ? 'log' : '', norm].filter(Boolean).join('+');
  return `${c.cell} ${c.bidirectional ? 'bi' : 'uni'} ${c.layers}×${c.hidden} L=${c.lookback}${transforms ? ' ' + transforms : ''}`;
}

/** What each anchor makes the network predict, for explanations. */
const ANCHOR_WORDS: Record<Normalisation, string> = {
  none: 'directly (standardised)',
  last: 'as changes from the last value of the window',
  mean: 'as departures from the mean of the window',
  season: 'as changes from the value one season earlier',
};

/** One sentence on what a trained network computes, for model cards. */
export function explainState(state: RecurrentState): string {
  const c = state.config;
  const units = `${c.layers} layer${c.layers === 1 ? '' : 's'} of ${c.hidden} units${c.bidirectional ? ' per direction' : ''}`;
  const count = (n: number, what: string) => (n ? `${n} ${what}${n === 1 ? '' : 's'}` : '');
  const known = state.schema.known?.length ?? 0;
  const extras = [
    count(state.schema.covariateScalers.length, 'covariate'),
    count(known, 'covariate') + (known ? ' known in advance' : ''),
    count(state.schema.calendar.length, 'calendar feature'),
  ].filter(Boolean);
  const inputs = `the ${c.log ? 'log of the ' : ''}target${extras.length ? ' with ' + extras.join(' and ') : ''}`;
  return (
    `A ${c.bidirectional ? 'bidirectional' : 'unidirectional'} ${c.cell.toUpperCase()} network (${units}) reads the last ${c.lookback} steps ` +
    `(${inputs}), and its dense head gives all ${state.horizon} steps ahead at once${known ? ', reading the known covariates at each of them too' : ''}, ` +
    `${ANCHOR_WORDS[c.normalisation]}.`
  );
}
