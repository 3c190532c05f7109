// The shipped pretrained weights: one global model per frequency class, with the format
// version, the training-data fingerprint and what they were trained on. Loading checks all of
// it, so weights from another version are refused with a message instead of misread.
import { loadGlobalModel, type GlobalModel, type GlobalModelState } from '../global/model';

export const PRETRAINED_FORMAT = 'tidecast-pretrained';
export const PRETRAINED_VERSION = 1;

import { FREQUENCY_CLASSES, type FrequencyClass } from './classes';

export { FREQUENCY_CLASSES, type FrequencyClass } from './classes';

export interface PretrainedBundle {
  format: typeof PRETRAINED_FORMAT;
  version: typeof PRETRAINED_VERSION;
  /** sha256 (hex) of the training series' values and the training settings. */
  fingerprint: string;
  /** What the weights learned from, e.g. "M1 (1001 series, whole) + m3-dev training parts". */
  trainingData: string;
  seed: number;
  classes: Record<FrequencyClass, GlobalModelState>;
}

export interface Pretrained {
  fingerprint: string;
  trainingData: string;
  classes: Record<FrequencyClass, GlobalModel>;
}

export function loadPretrainedBundle(json: unknown, what = 'Pretrained weights'): Pretrained {
  if (typeof json !== 'object' || json === null) throw new Error(`${what}: expected a JSON object.`);
  const b = json as Record<string, unknown>;
  if (b.format !== PRETRAINED_FORMAT) {
    throw new Error(`${what}: "format" is ${JSON.stringify(b.format)}, expected "${PRETRAINED_FORMAT}"; the weights file is not Tidecast's.`);
  }
  if (b.version !== PRETRAINED_VERSION) {
    throw new Error(
      `${what}: format version ${JSON.stringify(b.version)} does not match this Tidecast (version ${PRETRAINED_VERSION}); ` +
        'regenerate them with `npm run pretrain` or reinstall the app.',
    );
  }
  if (typeof b.fingerprint !== 'string' || !/^[0-9a-f]{64}$/.test(b.fingerprint)) {
    throw new Error(`${what}: "fingerprint" must be the sha256 of the training data (64 hex digits); regenerate them with \`npm run pretrain\`.`);
  }
  if (typeof b.trainingData !== 'string') throw new Error(`${what}: "trainingData" must describe the training series.`);
  const classes = b.classes as Record<string, unknown> | undefined;
  if (typeof classes !== 'object' || classes === null) throw new Error(`${what}: "classes" must be an object.`);
  const loaded = {} as Record<FrequencyClass, GlobalModel>;
  for (const c of FREQUENCY_CLASSES) {
    if (!(c in classes)) throw new Error(`${what}: no model for ${c} series.`);
    loaded[c] = loadGlobalModel(classes[c], `${what}, ${c} model`);
  }
  return { fingerprint: b.fingerprint, trainingData: b.trainingData, classes: loaded };
}
