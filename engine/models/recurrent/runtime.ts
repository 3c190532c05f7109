// The recurrent kind's computing half: training on a series' windows and forecasting from a
// saved network (engine/nn), run inside worker jobs — or on the caller's thread for what-if
// forecasts, which forecast from the same state again and again.
import { networkFromJson, type Network } from '../../nn';
import type { ModelRuntime } from '../types';
import type { RecurrentConfig, RecurrentState } from './config';
import { buildFeatures, buildKnownInputs } from './features';
import { fitRecurrent, forecastNext } from './fit';

/** Networks already decoded from a state's JSON (states are treated as immutable). */
const decoded = new WeakMap<RecurrentState['network'], Network>();

function networkOf(state: RecurrentState): Network {
  let net = decoded.get(state.network);
  if (net === undefined) {
    net = networkFromJson(state.network);
    decoded.set(state.network, net);
  }
  return net;
}

export const recurrentRuntime: ModelRuntime<RecurrentConfig, RecurrentState> = {
  fit: fitRecurrent,
  forecast(state, series, horizon) {
    if (horizon !== state.horizon) {
      throw new RangeError(`This network forecasts ${state.horizon} steps; ${horizon} were asked for.`);
    }
    const features = buildFeatures(series, state.schema);
    return forecastNext(networkOf(state), state, features, series.target.length, series.season, buildKnownInputs(series, state.schema));
  },
};
