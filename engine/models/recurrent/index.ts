// The recurrent network kind: RNN, LSTM or GRU (engine/nn), uni- or bidirectional, trained on
// one series' windows with the anchor and transforms chosen by its search.
import { CELL_KINDS } from '../../nn/spec';
import { deriveSeed } from '../../math/prng';
import type { ModelKind } from '../types';
import { describeConfig, explainState, SEEDS_PER_CANDIDATE, type RecurrentConfig, type RecurrentSettings, type RecurrentState } from './config';
import { recurrentSearch, validationWindowsFor } from './search';
import { recurrentStateSchema } from './state';

const UNTRAINED_FORECAST = {
  none: 'the training mean',
  last: 'the last value',
  mean: 'the mean of the last window',
  season: 'the value one season earlier (seasonal naive)',
} as const;

export const recurrentKind: ModelKind<RecurrentConfig, RecurrentState, RecurrentSettings> = {
  id: 'recurrent',
  family: 'network',
  choices: CELL_KINDS,
  title: 'recurrent network',
  describe: describeConfig,
  search: recurrentSearch,
  validationWindows: (config, length, horizon) => validationWindowsFor(length, horizon, config.lookback),
  replicas: (config) =>
    Array.from({ length: SEEDS_PER_CANDIDATE }, (_, j) => (j === 0 ? config : { ...config, seed: deriveSeed(config.seed, 1000 + j) })),
  runtime: () => import('./runtime').then((m) => m.recurrentRuntime),
  describeUntrained: (config) => UNTRAINED_FORECAST[config.normalisation],
  horizonOf: (state) => state.horizon,
  historyNeeded: (state) => state.config.lookback,
  stateSchema: recurrentStateSchema,
  configOf: (state) => state.config,
  explain: explainState,
  networks: (state) => [state.network.spec],
};

export type { RecurrentConfig, RecurrentSettings, RecurrentState } from './config';
