// Forecasting a user's series with the pretrained networks: the model of the series' frequency
// class, used as is or after fine-tuning on the series' own windows, with a plain note on what
// the forecast rests on.
import { noControl, type RunControl } from '../../jobs/control';
import type { FineTuneOptions } from '../global/config';
import { DEFAULT_FINE_TUNE, fineTune, fineTuneWindows } from '../global/finetune';
import { DEFAULT_FORECAST_OPTIONS, forecastGlobal, MIN_VALUES, type GlobalForecast } from '../global/forecast';
import type { FrequencyClass, Pretrained } from './bundle';

export interface PretrainedRequest {
  frequencyClass: FrequencyClass;
  /** The data's season length (1 = none); seasonality is tested on the history itself. */
  season: number;
  horizon: number;
  /**
   * Fine-tune a few epochs on the series' own windows first (default DEFAULT_FINE_TUNE: on
   * m3-dev, unseen by M1-only weights, it lowered the network's sMAPE from 12.70 to 11.89);
   * false = the weights as shipped.
   */
  fineTune?: FineTuneOptions | false;
}

export interface PretrainedForecast extends GlobalForecast {
  /** What the forecast rests on, e.g. "24 points: the pretrained network (monthly), fine-tuned". */
  note: string;
  fineTuned: boolean;
}

export { frequencyClassOf } from './classes';

export function forecastPretrained(
  pretrained: Pretrained,
  history: ArrayLike<number>,
  request: PretrainedRequest,
  control: RunControl = noControl,
): PretrainedForecast {
  const n = history.length;
  if (n < MIN_VALUES) {
    throw new RangeError(`The series has ${n} value(s); a forecast needs at least ${MIN_VALUES}. Add more history.`);
  }
  const base = pretrained.classes[request.frequencyClass];
  const options = request.fineTune ?? DEFAULT_FINE_TUNE;
  const windows = options ? fineTuneWindows(base, n, options.maxWindows) : 0;
  const model = options && windows > 0 ? fineTune(base, history, request.season, options, control) : base;
  const fineTuned = model !== base;
  // Intervals and the own-origin errors come from the shipped networks, which have not seen
  // this series: the fine-tuned ones have, and would understate their errors on it.
  const forecast = forecastGlobal(model, history, request.season, request.horizon, { ...DEFAULT_FORECAST_OPTIONS, calibrateWith: base });
  const note = `${n} points: the pretrained network (${request.frequencyClass})` + (fineTuned ? `, fine-tuned on ${windows} window(s) of this series` : '');
  return { ...forecast, note, fineTuned };
}

export { DEFAULT_FINE_TUNE };
