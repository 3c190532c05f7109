// Training one global network per seed across many series: every series is transformed on its
// own training part (all but its last K values), every window of every series can be drawn,
// each series weighs the same (the same number of windows per epoch), and the held-out windows
// (each series' last K values) stop training early and then measure the interval quantiles.
import { noControl, type RunControl } from '../../jobs/control';
import { Rng } from '../../math/prng';
import { cloneNetwork, copyParameters, createNetwork, getParameter, networkToJson, predict, Trainer, type Network } from '../../nn';
import { validateConfig, validateTraining, type FineTuneOptions, type GlobalConfig, type GlobalTraining } from './config';
import { fineTune } from './finetune';
import { forecastPath } from './forecast';
import { GLOBAL_MODEL_FORMAT, GLOBAL_MODEL_VERSION, INTERVAL_PROBABILITIES, type GlobalModelState, type IntervalTable } from './model';
import { fitTransform, transformSeries } from './prepare';
import { medianOf, quantileSorted } from './stats';
import { CHANNELS, fillWindow, windowIsFinite } from './windows';

/** One series to learn from: its values (finite) and season length. */
export interface TrainingSeries {
  values: ArrayLike<number>;
  season: number;
}

/** Series in model units with the window ends training and early stopping may use. */
export interface WindowSet {
  z: Float64Array[];
  /** Index in the given series of each entry (series too short are left out). */
  source: Int32Array;
  volatility: Float64Array;
  /** Per series, the ends of its training windows (targets inside its training part). */
  trainEnds: Int32Array[];
  /** Held-out windows: series index and end (targets = the series' last K values). */
  heldOutSeries: Int32Array;
  heldOutEnds: Int32Array;
}

/**
 * Splits every series into a training part (all but the last `horizon` values), on which its
 * transform is fit, and the held-out last `horizon` values. Series too short for one window
 * of minHistory values and K targets are left out.
 */
export function buildWindowSet(series: readonly TrainingSeries[], config: GlobalConfig): WindowSet {
  const { lookback: L, horizon: K, minHistory } = config;
  const z: Float64Array[] = [];
  const source: number[] = [];
  const volatility: number[] = [];
  const trainEnds: Int32Array[] = [];
  const heldSeries: number[] = [];
  const heldEnds: number[] = [];
  series.forEach((s, sourceIndex) => {
    const n = s.values.length;
    const fitLength = n - K;
    if (fitLength < minHistory) return;
    const tr = fitTransform(s.values, fitLength, s.season);
    const zs = transformSeries(s.values, tr);
    const ends: number[] = [];
    for (let e = minHistory - 1; e + K < fitLength; e++) if (windowIsFinite(zs, e, L, K)) ends.push(e);
    const index = z.length;
    z.push(zs);
    source.push(sourceIndex);
    volatility.push(tr.volatility);
    trainEnds.push(Int32Array.from(ends));
    if (windowIsFinite(zs, fitLength - 1, L, K)) {
      heldSeries.push(index);
      heldEnds.push(fitLength - 1);
    }
  });
  return {
    z,
    source: Int32Array.from(source),
    volatility: Float64Array.from(volatility),
    trainEnds,
    heldOutSeries: Int32Array.from(heldSeries),
    heldOutEnds: Int32Array.from(heldEnds),
  };
}

export interface SeedReport {
  seed: number;
  bestEpoch: number;
  epochsRun: number;
  /** Best held-out loss (Huber in model units). */
  heldOutLoss: number;
}

export interface GlobalTrainResult {
  state: GlobalModelState;
  seeds: SeedReport[];
  series: number;
  trainWindows: number;
  heldOutWindows: number;
  seconds: number;
}

/**
 * Trains one network per seed across `series`. With `initial` (a trained model of the same
 * config, e.g. the shipped pretrained networks), seed i starts from its network i (cycling)
 * instead of a fresh one: fine-tuning across the series, with epoch 0 = the initial network.
 */
export function trainGlobal(
  series: readonly TrainingSeries[],
  configIn: GlobalConfig,
  trainingIn: GlobalTraining,
  control: RunControl = noControl,
  initial: { config: GlobalConfig; networks: readonly Network[] } | null = null,
): GlobalTrainResult {
  const started = performance.now();
  const config = validateConfig(configIn);
  const training = validateTraining(trainingIn);
  if (initial !== null && JSON.stringify(validateConfig(initial.config)) !== JSON.stringify(config)) {
    throw new RangeError(`The initial networks (${describeConfig(initial.config)}) do not match the config to train (${describeConfig(config)}).`);
  }
  const set = buildWindowSet(series, config);
  const trainable = set.trainEnds.filter((e) => e.length > 0).length;
  if (trainable === 0) throw new RangeError(`No series is long enough to train on: each needs at least ${config.minHistory + 2 * config.horizon} values.`);
  if (set.heldOutEnds.length === 0) throw new RangeError('No series has held-out values to stop training on.');

  const { lookback: L, horizon: K } = config;
  const V = set.heldOutEnds.length;
  const xHeld = new Float32Array(V * L * CHANNELS);
  const yHeld = new Float32Array(V * K);
  for (let i = 0; i < V; i++) {
    fillWindow(xHeld, i * L * CHANNELS, yHeld, i * K, set.z[set.heldOutSeries[i]], set.heldOutEnds[i], L, K);
  }

  const networks: Network[] = [];
  const reports: SeedReport[] = [];
  training.seeds.forEach((seed, index) => {
    const start = initial === null ? null : initial.networks[index % initial.networks.length];
    const { network, report } = trainOneSeed(set, config, training, seed, start, xHeld, yHeld, control, (epochFraction) => (index + epochFraction) / training.seeds.length, started, `global ${config.cell} ${index + 1}/${training.seeds.length}`);
    networks.push(network);
    reports.push(report);
  });

  const state: GlobalModelState = {
    format: GLOBAL_MODEL_FORMAT,
    version: GLOBAL_MODEL_VERSION,
    config,
    networks: networks.map(networkToJson),
    intervals: intervalTable(networks, xHeld, yHeld, set, config, series, training.fineTunedIntervals, control),
  };
  let trainWindows = 0;
  for (const e of set.trainEnds) trainWindows += e.length;
  return { state, seeds: reports, series: set.z.length, trainWindows, heldOutWindows: V, seconds: (performance.now() - started) / 1000 };
}

function trainOneSeed(
  set: WindowSet,
  config: GlobalConfig,
  training: GlobalTraining,
  seed: number,
  start: Network | null,
  xHeld: Float32Array,
  yHeld: Float32Array,
  control: RunControl,
  overall: (epochFraction: number) => number,
  started: number,
  stage: string,
): { network: Network; report: SeedReport } {
  const { lookback: L, horizon: K } = config;
  const V = set.heldOutEnds.length;
  let net: Network;
  if (start !== null) {
    net = cloneNetwork(start);
  } else {
    net = createNetwork(
      { cell: config.cell, bidirectional: false, layers: config.layers, inputSize: CHANNELS, hiddenSize: config.hidden, outputSize: K, dropout: 0 },
      seed,
    );
    // A zero head forecasts the last value (no change): training starts from the naive forecast.
    getParameter(net, 'head.weight').fill(0);
    getParameter(net, 'head.bias').fill(0);
  }
  const best = cloneNetwork(net);
  const trainer = new Trainer(net, {
    learningRate: training.learningRate,
    clipNorm: training.clipNorm,
    loss: 'huber',
    huberDelta: training.huberDelta,
    seed: (seed + 1) >>> 0,
    onNonFinite: 'skip',
  });
  const rng = new Rng((seed ^ 0x5bd1e995) >>> 0);

  // Each epoch: windowsPerSeries windows of every trainable series, shuffled.
  const trainable: number[] = [];
  set.trainEnds.forEach((e, i) => e.length > 0 && trainable.push(i));
  const N = trainable.length * training.windowsPerSeries;
  const epochSeries = new Int32Array(N);
  const epochEnds = new Int32Array(N);
  const B = Math.min(training.batchSize, N);
  const steps = Math.floor(N / B);
  const x = new Float32Array(B * L * CHANNELS);
  const y = new Float32Array(B * K);
  const order = new Int32Array(N);

  let bestLoss = trainer.evaluate(xHeld, yHeld, V, L);
  let bestEpoch = 0;
  let sinceBest = 0;
  let sinceDecay = 0;
  let epochsRun = 0;
  let samples = 0;
  for (let epoch = 1; epoch <= training.epochs; epoch++) {
    let w = 0;
    for (const s of trainable) {
      const ends = set.trainEnds[s];
      for (let r = 0; r < training.windowsPerSeries; r++) {
        epochSeries[w] = s;
        epochEnds[w] = ends[rng.nextInt(ends.length)];
        w++;
      }
    }
    for (let i = 0; i < N; i++) order[i] = i;
    rng.shuffle(order);
    let lossSum = 0;
    for (let step = 0; step < steps; step++) {
      control.checkpoint();
      for (let b = 0; b < B; b++) {
        const i = order[step * B + b];
        fillWindow(x, b * L * CHANNELS, y, b * K, set.z[epochSeries[i]], epochEnds[i], L, K);
      }
      const loss = trainer.trainBatch(x, y, B, L);
      if (Number.isFinite(loss)) lossSum += loss;
      samples += B;
      if ((step & 15) === 15) report(epoch, step + 1, lossSum / (step + 1), NaN, false);
    }
    epochsRun = epoch;
    const heldLoss = trainer.evaluate(xHeld, yHeld, V, L);
    report(epoch, steps, lossSum / steps, heldLoss, true);
    if (heldLoss < bestLoss * (1 - 1e-4)) {
      bestLoss = heldLoss;
      bestEpoch = epoch;
      copyParameters(net, best);
      sinceBest = 0;
      sinceDecay = 0;
    } else {
      sinceBest++;
      sinceDecay++;
      if (sinceBest >= training.patience) break;
      if (sinceDecay >= training.plateauEpochs) {
        trainer.learningRate *= 0.5;
        sinceDecay = 0;
      }
    }
  }
  copyParameters(best, net);
  return { network: net, report: { seed, bestEpoch, epochsRun, heldOutLoss: bestLoss } };

  function report(epoch: number, step: number, trainLoss: number, validationLoss: number, epochEnd: boolean): void {
    const elapsedMs = control.activeMs?.() ?? performance.now() - started;
    const fraction = Math.min(1, overall((epoch - 1 + step / steps) / training.epochs));
    control.progress(
      {
        stage,
        epoch,
        epochs: training.epochs,
        step,
        steps,
        trainLoss,
        validationLoss,
        samplesPerSecond: elapsedMs > 0 ? (samples * 1000) / elapsedMs : 0,
        elapsedMs,
        etaMs: fraction > 0 ? (elapsedMs * (1 - fraction)) / fraction : NaN,
        fraction,
      },
      epochEnd,
    );
  }
}

/**
 * Scale-free errors of the networks' median forecast on the held-out windows, per step; with
 * `fineTuned`, also of forecasts fine-tuned first on each series' training part.
 */
function intervalTable(
  networks: Network[],
  xHeld: Float32Array,
  yHeld: Float32Array,
  set: WindowSet,
  config: GlobalConfig,
  series: readonly TrainingSeries[],
  fineTuned: FineTuneOptions | null,
  control: RunControl,
): IntervalTable {
  const V = set.heldOutEnds.length;
  const K = config.horizon;
  const forecasts = networks.map((net) => predict(net, xHeld, V, config.lookback));
  const errors: Float64Array[] = Array.from({ length: K }, () => new Float64Array(V));
  const tunedErrors: Float64Array[] | null = fineTuned ? Array.from({ length: K }, () => new Float64Array(V)) : null;
  const scratch = new Float64Array(networks.length);
  const base = { config, networks, intervals: null };
  for (let i = 0; i < V; i++) {
    const s = set.heldOutSeries[i];
    const vol = set.volatility[s];
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < networks.length; j++) scratch[j] = forecasts[j][i * K + k];
      errors[k][i] = (yHeld[i * K + k] - medianOf(scratch)) / vol;
    }
    if (tunedErrors && fineTuned) {
      const fitLength = set.heldOutEnds[i] + 1;
      const original = series[set.source[s]];
      const history = Array.prototype.slice.call(original.values, 0, fitLength) as number[];
      const tuned = fineTune(base, history, original.season, fineTuned, control);
      const path = forecastPath(tuned, set.z[s].subarray(0, fitLength), K);
      for (let k = 0; k < K; k++) tunedErrors[k][i] = (set.z[s][fitLength + k] - path[k]) / vol;
    }
  }
  const quantiles = (e: Float64Array) => {
    e.sort();
    return INTERVAL_PROBABILITIES.map((p) => quantileSorted(e, p));
  };
  const meanAbsolute = (e: Float64Array) => Math.max(1e-9, e.reduce((a, v) => a + Math.abs(v), 0) / e.length);
  return {
    quantiles: errors.map((e) => quantiles(Float64Array.from(e))),
    meanAbsolute: errors.map(meanAbsolute),
    fineTunedQuantiles: tunedErrors ? tunedErrors.map((e) => quantiles(Float64Array.from(e))) : null,
    fineTunedMeanAbsolute: tunedErrors ? tunedErrors.map(meanAbsolute) : null,
    windows: V,
  };
}

function describeConfig(c: GlobalConfig): string {
  return `${c.cell} ${c.layers}×${c.hidden}, lookback ${c.lookback}, horizon ${c.horizon}`;
}
