// The recurrent kind's computing half: training on a series' windows and forecasting from a
// saved network (engine/nn), run inside worker jobs.
import { networkFromJson } from '../../nn';
import type { ModelRuntime } from '../types';
import type { RecurrentConfig, RecurrentState } from './config';
import { buildFeatures, buildKnownInputs } from './features';
import { fitRecurrent, forecastNext } from './fit';

export const recurrentRuntime: ModelRuntime<RecurrentConfig, RecurrentState> = {
  fit: fitRecurrent,
  forecast(state, series, horizon) {
    if (horizon !== state.horizon) {
      throw new RangeError(`This network forecasts ${state.horizon} steps; ${horizon} were asked for.`);
    }
    const net = networkFromJson(state.network);
    return forecastNext(net, state, buildFeatures(series, state.schema), series.target.length, series.season, buildKnownInputs(series, state.schema));
  },
};
