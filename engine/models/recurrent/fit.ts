// Fitting one recurrent network on one series cut: scalers on the training part, windows
// (with the known covariates of each window's forecast steps as inputs of the head),
// mini-batch training with early stopping on the validation windows (best weights restored),
// learning-rate decay on plateau, an optional time budget, then validation predictions (for
// model choice and interval calibration) and the forecast from the end of the cut.
// Runs inside a worker job; progress and cancel go through RunControl.
import {
  cloneNetwork,
  copyParameters,
  createNetwork,
  GATES,
  getParameter,
  networkToJson,
  predict,
  Trainer,
  type Network,
} from '../../nn';
import type { RunControl } from '../../jobs/control';
import { Rng } from '../../math/prng';
import { ProgressMeter } from '../../jobs/progress-meter';
import type { FitOutcome, FitRequest, SeriesData, StopReason } from '../types';
import { calendarFeatureNames } from './calendar-features';
import type { RecurrentConfig, RecurrentState } from './config';
import { buildFeatures, buildKnownInputs, channelCount, knownChannels, type FeatureSchema } from './features';
import { canUseLog, fitColumnScaler, fitTargetTransform, inverseTarget } from './scaling';
import { fitKnownEffects, startHeadFromEffects } from './knownEffects';
import { fillHeadExtras, fillWindows, planSplit, range, type SplitPlan } from './windows';

/** Work units of one epoch (training windows + validation forward passes at ~1/3 the cost). */
export function epochWork(config: RecurrentConfig, windowsPerEpoch: number, validationWindows: number): number {
  const perWindow = config.lookback * GATES[config.cell] * (config.bidirectional ? 2 : 1) * config.layers;
  return (windowsPerEpoch + validationWindows / 3) * perWindow;
}

/** Fit the scalers and decide the feature layout from the training part of `series`. */
export function fitSchema(series: SeriesData, plan: SplitPlan, log: boolean): FeatureSchema {
  const useLog = log && canUseLog(series.target, plan.fitLength);
  return {
    transform: fitTargetTransform(series.target, plan.fitLength, useLog),
    covariateScalers: series.covariates.map((c) => fitColumnScaler(c, plan.fitLength)),
    ...(series.known ? { known: series.known.values.map((c) => fitColumnScaler(c, plan.fitLength)) } : {}),
    calendar: calendarFeatureNames(series.frequency, series.season),
  };
}

export function fitRecurrent(request: FitRequest<RecurrentConfig>, control: RunControl): FitOutcome<RecurrentState> {
  const started = performance.now();
  // The job's own clock leaves paused time out, so a pause does not eat the time budget.
  const activeMs = () => control.activeMs?.() ?? performance.now() - started;
  const { series, horizon: h, config } = request;
  const training = config.training;
  const L = config.lookback;
  const n = series.target.length;
  const plan = planSplit(n, L, h, { validationWindows: request.validationWindows, maxTrainWindows: training.maxTrainWindows });
  const schema = fitSchema(series, plan, config.log);
  const features = buildFeatures(series, schema);
  const F = channelCount(schema);
  // Known covariates: each window's values at its h forecast steps feed the head (E = h·Ck).
  const known = buildKnownInputs(series, schema);
  const Ck = knownChannels(schema);
  const E = h * Ck;

  const net = createNetwork(
    {
      cell: config.cell,
      bidirectional: config.bidirectional,
      layers: config.layers,
      inputSize: F,
      hiddenSize: config.hidden,
      outputSize: h,
      dropout: config.dropout,
      ...(E > 0 ? { headExtras: E } : {}),
    },
    config.seed,
  );
  // The head starts at zero, so the untrained network forecasts the window's anchor (the
  // last value, the window mean, or the training mean) and training starts from that simple
  // forecast instead of from random outputs.
  getParameter(net, 'head.weight').fill(0);
  getParameter(net, 'head.bias').fill(0);
  const trainEnds = range(plan.firstTrainEnd, plan.lastTrainEnd);
  // With known covariates it starts from the anchor plus their linear effects at each step.
  if (Ck > 0) {
    const effects = fitKnownEffects(features, F, known, Ck, trainEnds, L, h, config.normalisation, series.season);
    startHeadFromEffects(net, effects, h);
  }
  const best = cloneNetwork(net);
  const trainer = new Trainer(net, {
    learningRate: training.learningRate,
    weightDecay: training.weightDecay,
    clipNorm: training.clipNorm,
    loss: training.loss,
    huberDelta: training.huberDelta,
    seed: (config.seed + 1) >>> 0,
    onNonFinite: 'skip',
  });

  const valEnds = range(plan.firstValEnd, plan.lastValEnd);
  const perEpoch = Math.min(trainEnds.length, Math.max(1, training.windowsPerEpoch));
  const B = Math.min(training.batchSize, perEpoch);
  const steps = Math.ceil(perEpoch / B);
  const maxEpochs =
    training.workBudget > 0
      ? Math.max(1, Math.min(training.epochs, Math.floor(training.workBudget / epochWork(config, perEpoch, valEnds.length))))
      : training.epochs;
  // Batch buffers, allocated once; the last short batch uses views of them.
  const x = new Float32Array(B * L * F);
  const y = new Float32Array(B * h);
  const extras = new Float32Array(B * E);
  const anchors = new Float64Array(Math.max(B, valEnds.length) * h);
  const m = series.season;
  const rng = new Rng((config.seed + 2) >>> 0);

  const trainHistory: number[] = [];
  const valHistory: number[] = [];
  let bestEpoch = 0;
  let sinceBest = 0;
  let sinceDecay = 0;
  let stoppedBy: StopReason = 'epochs';
  let lastReport = 0;
  const meter = new ProgressMeter(control, {
    stage: request.label,
    epochs: maxEpochs,
    steps,
    batchSize: B,
    samplesPerEpoch: perEpoch,
    now: activeMs,
    budgetMs: request.timeBudgetMs,
  });
  // Epoch 0 (the anchor forecast) is the first candidate for the best weights: a network
  // whose training never beats it on validation keeps forecasting the simple anchor.
  let bestLoss = validationLoss();
  if (!Number.isFinite(bestLoss)) bestLoss = Infinity;

  epochs: for (let epoch = 1; epoch <= maxEpochs; epoch++) {
    rng.shuffle(trainEnds);
    let lossSum = 0;
    for (let step = 0; step < steps; step++) {
      control.checkpoint();
      const from = step * B;
      const b = Math.min(B, perEpoch - from);
      fillWindows(x, y, anchors, features, F, trainEnds, from, b, L, h, config.normalisation, m);
      const xb = b === B ? x : x.subarray(0, b * L * F);
      const yb = b === B ? y : y.subarray(0, b * h);
      lossSum += trainer.trainBatch(xb, yb, b, L, extrasOf(trainEnds, from, b)) * b;
      const now = performance.now();
      if (now - lastReport > 50) {
        lastReport = now;
        report(epoch, step + 1, lossSum / (from + b), false);
      }
      if (request.timeBudgetMs > 0 && activeMs() > request.timeBudgetMs && epoch > 1) {
        stoppedBy = 'time-budget';
        trainHistory.push(lossSum / (from + b));
        valHistory.push(validationLoss());
        considerBest(epoch);
        break epochs;
      }
    }
    const trainLoss = lossSum / perEpoch;
    const valLoss = validationLoss();
    trainHistory.push(trainLoss);
    valHistory.push(valLoss);
    considerBest(epoch);
    report(epoch, steps, trainLoss, true);
    if (sinceBest >= training.patience) {
      stoppedBy = 'patience';
      break;
    }
    if (sinceDecay >= training.plateauEpochs) {
      trainer.learningRate *= 0.5;
      sinceDecay = 0;
    }
  }
  if (bestLoss === Infinity) {
    throw new RangeError(`Training ${request.label} produced no finite validation loss; try a smaller learning rate.`);
  }
  copyParameters(best, net);

  // Validation predictions in data units, for model choice and conformal calibration.
  const nVal = valEnds.length;
  const valX = new Float32Array(nVal * L * F);
  fillWindows(valX, null, anchors, features, F, valEnds, 0, nVal, L, h, config.normalisation, m);
  let valExtras: Float32Array | null = null;
  if (E > 0) {
    valExtras = new Float32Array(nVal * E);
    fillHeadExtras(valExtras, known, Ck, valEnds, 0, nVal, h);
  }
  const valOut = predict(net, valX, nVal, L, undefined, undefined, valExtras);
  const predicted = new Float64Array(nVal * h);
  const actual = new Float64Array(nVal * h);
  let absSum = 0;
  for (let i = 0; i < nVal; i++) {
    for (let k = 0; k < h; k++) {
      const p = inverseTarget(valOut[i * h + k] + anchors[i * h + k], schema.transform);
      const a = series.target[valEnds[i] + 1 + k];
      predicted[i * h + k] = p;
      actual[i * h + k] = a;
      absSum += Math.abs(a - p);
    }
  }
  const state: RecurrentState = { config, horizon: h, schema, network: networkToJson(net) };
  return {
    kind: request.kind,
    label: request.label,
    state,
    validation: { ends: valEnds, actual, predicted },
    validationMae: absSum / (nVal * h),
    future: forecastNext(net, state, features, n, m, known),
    training: {
      trainLoss: Float64Array.from(trainHistory),
      validationLoss: Float64Array.from(valHistory),
      bestEpoch,
      epochsRun: trainHistory.length,
      stoppedBy,
      skippedSteps: trainer.skippedSteps,
    },
    seconds: (performance.now() - started) / 1000,
  };

  function validationLoss(): number {
    let sum = 0;
    for (let from = 0; from < valEnds.length; from += B) {
      const b = Math.min(B, valEnds.length - from);
      fillWindows(x, y, anchors, features, F, valEnds, from, b, L, h, config.normalisation, m);
      const xb = b === B ? x : x.subarray(0, b * L * F);
      const yb = b === B ? y : y.subarray(0, b * h);
      sum += trainer.evaluate(xb, yb, b, L, extrasOf(valEnds, from, b)) * b;
    }
    return sum / valEnds.length;
  }

  /** The head extras of the windows ending at ends[from..from+b), or null without known covariates. */
  function extrasOf(ends: Int32Array, from: number, b: number): Float32Array | null {
    if (E === 0) return null;
    fillHeadExtras(extras, known, Ck, ends, from, b, h);
    return b === B ? extras : extras.subarray(0, b * E);
  }

  function considerBest(epoch: number): void {
    const v = valHistory[valHistory.length - 1];
    // A relative margin, so noise-level improvements do not reset patience forever.
    if (Number.isFinite(v) && v < bestLoss * (1 - 1e-4)) {
      bestLoss = v;
      bestEpoch = epoch;
      copyParameters(net, best);
      sinceBest = 0;
      sinceDecay = 0;
    } else {
      sinceBest++;
      sinceDecay++;
    }
  }

  function report(epoch: number, step: number, trainLoss: number, epochEnd: boolean): void {
    meter.report(epoch, step, trainLoss, valHistory.length ? valHistory[valHistory.length - 1] : NaN, epochEnd);
  }

}

/**
 * Forecast the h points after row n−1 of `features` (built with the member's schema),
 * in data units. `season` is the series' season length (for seasonal anchoring); `known`
 * (buildKnownInputs) holds the known covariates through row n+h−1, for a member that has them.
 */
export function forecastNext(
  net: Network,
  member: RecurrentState,
  features: Float32Array,
  n: number,
  season: number,
  known: Float32Array = new Float32Array(0),
): Float64Array {
  const L = member.config.lookback;
  const F = channelCount(member.schema);
  const h = member.horizon;
  if (n < L) throw new RangeError(`Forecasting needs the last ${L} rows (the lookback); the data has ${n}.`);
  const x = new Float32Array(L * F);
  const anchor = new Float64Array(h);
  fillWindows(x, null, anchor, features, F, [n - 1], 0, 1, L, h, member.config.normalisation, season);
  const Ck = knownChannels(member.schema);
  let extras: Float32Array | null = null;
  if (Ck > 0) {
    if (known.length < (n + h) * Ck) {
      throw new RangeError(`This network reads its ${Ck} known covariate(s) at the ${h} forecast steps; they cover ${known.length / Ck - n} of them.`);
    }
    extras = new Float32Array(h * Ck);
    fillHeadExtras(extras, known, Ck, [n - 1], 0, 1, h);
  }
  const out = predict(net, x, 1, L, undefined, undefined, extras);
  const future = new Float64Array(h);
  for (let k = 0; k < h; k++) future[k] = inverseTarget(out[k] + anchor[k], member.schema.transform);
  return future;
}
