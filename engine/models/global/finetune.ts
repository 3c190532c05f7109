// Fine-tuning a global model on one series: a few Adam epochs of every network on that series'
// own windows (transform fit on the history given), deterministic from a seed. The original
// model is left untouched; the result forecasts with forecastGlobal like any global model.
import { noControl, type RunControl } from '../../jobs/control';
import { Rng } from '../../math/prng';
import { cloneNetwork, Trainer } from '../../nn';
import type { FineTuneOptions } from './config';
import type { GlobalModel } from './model';
import { fitTransform, transformSeries } from './prepare';
import { CHANNELS, fillWindow, windowIsFinite } from './windows';

export const DEFAULT_FINE_TUNE: FineTuneOptions = { epochs: 5, learningRate: 5e-4, batchSize: 16, huberDelta: 0.02, seed: 1, maxWindows: 256 };

/** Windows a series of n values offers for fine-tuning (0: it is used as is). */
export function fineTuneWindows(model: GlobalModel, n: number, maxWindows = DEFAULT_FINE_TUNE.maxWindows): number {
  return Math.min(maxWindows, Math.max(0, n - model.config.horizon - model.config.minHistory + 1));
}

export function fineTune(model: GlobalModel, history: ArrayLike<number>, season: number, options: FineTuneOptions = DEFAULT_FINE_TUNE, control: RunControl = noControl): GlobalModel {
  const { lookback: L, horizon: K, minHistory } = model.config;
  const n = history.length;
  const tr = fitTransform(history, n, season);
  const z = transformSeries(history, tr);
  const ends: number[] = [];
  for (let e = n - 1 - K; e >= minHistory - 1 && ends.length < options.maxWindows; e--) if (windowIsFinite(z, e, L, K)) ends.push(e);
  if (ends.length === 0 || options.epochs < 1) return model;
  const order = Int32Array.from(ends);
  const B = Math.min(options.batchSize, order.length);
  const steps = Math.floor(order.length / B);
  const x = new Float32Array(B * L * CHANNELS);
  const y = new Float32Array(B * K);
  const networks = model.networks.map((original, j) => {
    const net = cloneNetwork(original);
    const trainer = new Trainer(net, {
      learningRate: options.learningRate,
      clipNorm: 1,
      loss: 'huber',
      huberDelta: options.huberDelta,
      seed: (options.seed + j) >>> 0,
      onNonFinite: 'skip',
    });
    const rng = new Rng((options.seed * 31 + j) >>> 0);
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      rng.shuffle(order);
      for (let step = 0; step < steps; step++) {
        control.checkpoint();
        for (let b = 0; b < B; b++) fillWindow(x, b * L * CHANNELS, y, b * K, z, order[step * B + b], L, K);
        trainer.trainBatch(x, y, B, L);
      }
    }
    return net;
  });
  // The fine-tuned forecaster's own error quantiles, where the model measured them.
  const table = model.intervals;
  const intervals = table?.fineTunedQuantiles
    ? { ...table, quantiles: table.fineTunedQuantiles, fineTunedQuantiles: null, fineTunedMeanAbsolute: null }
    : table;
  return { ...model, networks, intervals };
}
