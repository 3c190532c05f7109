// The pretrained networks shipped with the app (weights.json, written by `npm run pretrain`):
// loaded once per thread on first use, and forecasting with them.
import weights from './weights.json';
import { loadPretrainedBundle, type Pretrained } from './bundle';

export type { FrequencyClass, Pretrained, PretrainedBundle } from './bundle';
export { FREQUENCY_CLASSES, PRETRAINED_FORMAT, PRETRAINED_VERSION, loadPretrainedBundle } from './bundle';
export type { PretrainedForecast, PretrainedRequest } from './forecast';
export { DEFAULT_FINE_TUNE, forecastPretrained, frequencyClassOf } from './forecast';

let cached: Pretrained | null = null;

/** The shipped weights, checked (format version, fingerprint) and loaded once. */
export function shippedPretrained(): Pretrained {
  cached ??= loadPretrainedBundle(weights, 'Shipped pretrained weights (engine/models/pretrained/weights.json)');
  return cached;
}
