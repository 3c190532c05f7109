// `npm run pretrain [-- --data m1|m1+m3 --out FILE --seed N]`: trains the pretrained networks
// shipped with the app, one global model per frequency class, reproducibly from a seed, on
// ../shared/data/m1 (all 1001 series, whole) and, by default, the training parts of
// ../shared/data/m3-dev (never their hidden last h values). Prints the fingerprint and time.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_TRAINING, type GlobalConfig, type GlobalTraining } from '../engine/models/global/config';
import { DEFAULT_FINE_TUNE } from '../engine/models/global/finetune';
import { trainGlobal, type TrainingSeries } from '../engine/models/global/train';
import { FREQUENCY_CLASSES, PRETRAINED_FORMAT, PRETRAINED_VERSION, type FrequencyClass, type PretrainedBundle } from '../engine/models/pretrained/bundle';
import { frequencyClass, readSet, type SetSeries } from './series-sets';

export const SHIPPED_WEIGHTS = resolve(import.meta.dirname, '../engine/models/pretrained/weights.json');

export type TrainingData = 'm1' | 'm1+m3';

/**
 * Per class: which series it learns from and its network. Quarterly learns from every M1 series
 * and "other" from the yearly and quarterly ones (both scored better on m3-dev than their own
 * class alone, which is small); monthly and yearly from their own class.
 */
export const RECIPE: Record<FrequencyClass, { pool: FrequencyClass[]; config: GlobalConfig }> = {
  yearly: { pool: ['yearly'], config: { cell: 'gru', layers: 1, hidden: 32, lookback: 20, horizon: 6, minHistory: 3 } },
  quarterly: { pool: ['yearly', 'quarterly', 'monthly'], config: { cell: 'gru', layers: 1, hidden: 32, lookback: 24, horizon: 8, minHistory: 3 } },
  monthly: { pool: ['monthly'], config: { cell: 'gru', layers: 1, hidden: 32, lookback: 36, horizon: 18, minHistory: 3 } },
  other: { pool: ['yearly', 'quarterly', 'other'], config: { cell: 'gru', layers: 1, hidden: 32, lookback: 20, horizon: 8, minHistory: 3 } },
};

/** Five seeds; the interval table also measured for forecasts fine-tuned as the app does. */
export const PRETRAIN_TRAINING: GlobalTraining = { ...DEFAULT_TRAINING, seeds: [1, 2, 3, 4, 5], fineTunedIntervals: DEFAULT_FINE_TUNE };

/** Every series the given data offers: M1 whole, m3-dev cut to its training part. */
export function pretrainingSeries(data: TrainingData): SetSeries[] {
  const m1 = readSet('m1');
  if (data === 'm1') return m1;
  const m3 = readSet('m3-dev').map((s) => ({ ...s, values: s.values.slice(0, s.trainLength), trainLength: s.trainLength }));
  return [...m1, ...m3];
}

function seedsFrom(seed: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => seed + i);
}

/** Which series each class learns from, in training order. */
function classPools(data: TrainingData): Record<FrequencyClass, SetSeries[]> {
  const all = pretrainingSeries(data);
  const pools = {} as Record<FrequencyClass, SetSeries[]>;
  for (const c of FREQUENCY_CLASSES) pools[c] = all.filter((s) => RECIPE[c].pool.includes(frequencyClass(s)));
  return pools;
}

function trainingFor(seed: number): GlobalTraining {
  return { ...PRETRAIN_TRAINING, seeds: seedsFrom(seed, PRETRAIN_TRAINING.seeds.length) };
}

/** sha256 of the format, recipe, training settings and every training series' values. */
export function trainingFingerprint(data: TrainingData, seed: number): string {
  const pools = classPools(data);
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ format: PRETRAINED_FORMAT, version: PRETRAINED_VERSION, recipe: RECIPE, training: trainingFor(seed) }));
  for (const c of FREQUENCY_CLASSES) {
    for (const s of pools[c]) hash.update(`${c}|${s.id}|${s.season}|${Array.from(s.values).join(',')}\n`);
  }
  return hash.digest('hex');
}

export function describeTrainingData(data: TrainingData): string {
  return data === 'm1' ? 'M1 (1001 series, whole)' : 'M1 (1001 series, whole) + m3-dev training parts (200 series, last h left out)';
}

export function pretrain(data: TrainingData, seed: number, log: (line: string) => void = () => {}): PretrainedBundle {
  const pools = classPools(data);
  const training = trainingFor(seed);
  const classes = {} as PretrainedBundle['classes'];
  for (const c of FREQUENCY_CLASSES) {
    const series: TrainingSeries[] = pools[c].map((s) => ({ values: s.values, season: s.season }));
    const result = trainGlobal(series, RECIPE[c].config, training);
    classes[c] = result.state;
    log(`${c}: ${result.series} series, ${result.trainWindows} training windows, ${result.heldOutWindows} held out; ` +
      `best epochs ${result.seeds.map((r) => r.bestEpoch).join(', ')}; ${result.seconds.toFixed(1)} s`);
  }
  return {
    format: PRETRAINED_FORMAT,
    version: PRETRAINED_VERSION,
    fingerprint: trainingFingerprint(data, seed),
    trainingData: describeTrainingData(data),
    seed,
    classes,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { data: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' } } });
  const data = (values.data ?? 'm1+m3') as TrainingData;
  if (data !== 'm1' && data !== 'm1+m3') throw new Error(`--data must be "m1" or "m1+m3", got "${data}".`);
  const seed = Number(values.seed ?? 1);
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed must be a non-negative integer, got "${values.seed}".`);
  const out = values.out ? resolve(values.out) : SHIPPED_WEIGHTS;
  const started = performance.now();
  const bundle = pretrain(data, seed, (line) => console.log(line));
  const text = JSON.stringify(bundle);
  writeFileSync(out, text + '\n');
  const seconds = (performance.now() - started) / 1000;
  const sha = createHash('sha256').update(text).digest('hex');
  console.log(`wrote ${out} (${(text.length / 1e6).toFixed(2)} MB, sha256 ${sha.slice(0, 16)}…)`);
  console.log(`training data: ${bundle.trainingData}; fingerprint ${bundle.fingerprint}; seed ${seed}; ${seconds.toFixed(0)} s`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main().catch((e: unknown) => {
    console.error(`pretrain: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  });
}
