// The global network core: per-series transforms against R's decompose and thetaf's seasonality
// test, no leakage from the held-out part, padded windows, determinism (also in a worker
// thread), progress and cancel, and forecasts of any length and horizon.
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { JobCancelledError, type RunControl } from '../../../engine/jobs/control';
import { workerSpawnArgs } from '../../../engine/jobs/spawn';
import { Rng } from '../../../engine/math/prng';
import { DEFAULT_TRAINING, type GlobalConfig, type GlobalTraining } from '../../../engine/models/global/config';
import { fineTune } from '../../../engine/models/global/finetune';
import { forecastFromOrigins, forecastGlobal } from '../../../engine/models/global/forecast';
import { loadGlobalModel, GLOBAL_MODEL_VERSION } from '../../../engine/models/global/model';
import { fitTransform, fromModel, toModel } from '../../../engine/models/global/prepare';
import { buildWindowSet, trainGlobal, type TrainingSeries } from '../../../engine/models/global/train';
import { CHANNELS, fillWindow } from '../../../engine/models/global/windows';

// R datasets::AirPassengers, 1949–1952.
const AIR_48 = [112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118, 115, 126, 141, 135, 125, 149, 170, 170, 158, 133, 114, 140,
  145, 150, 178, 163, 172, 178, 199, 199, 184, 162, 146, 166, 171, 180, 193, 181, 183, 218, 230, 242, 209, 191, 172, 194];

const CONFIG: GlobalConfig = { cell: 'gru', layers: 1, hidden: 8, lookback: 12, horizon: 4, minHistory: 3 };
const TRAINING: GlobalTraining = { ...DEFAULT_TRAINING, seeds: [7, 8], epochs: 3, batchSize: 16, windowsPerSeries: 2 };

/** Trending, seasonal, noisy positive series of different lengths (deterministic). */
function syntheticSeries(count: number, seed: number): TrainingSeries[] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, (_, i) => {
    const n = 12 + (i % 5) * 7;
    const level = 50 + 100 * rng.nextFloat();
    const trend = 0.02 * (rng.nextFloat() - 0.3);
    const values = Float64Array.from({ length: n }, (_, t) => level * Math.exp(trend * t) * (1 + 0.15 * Math.sin((2 * Math.PI * t) / 4)) * (1 + 0.05 * (rng.nextFloat() - 0.5)));
    return { values, season: 4 };
  });
}

describe('series transform', () => {
  it("deseasonalises as R's thetaf: AirPassengers not at 60 months, at 72 with decompose's multiplicative figure", () => {
    // R: |r_12| / sqrt((1 + 2 Σ r_k²)/n) = 1.319 for n = 60 and 1.687 for n = 72 (threshold 1.645);
    // decompose(ts(AirPassengers[1:72], frequency = 12), type = "multiplicative")$figure.
    const air72 = [...AIR_48, 196, 196, 236, 235, 229, 243, 264, 272, 237, 211, 180, 201, 204, 188, 235, 227, 234, 264, 302, 293, 259, 229, 203, 229];
    const figure = [0.909559450641325, 0.915728433415541, 1.052017044844249, 0.993371286487218, 0.983027639453094, 1.089230449816782,
      1.176875732533283, 1.186273100118628, 1.059428750611273, 0.923122615488445, 0.801712134022289, 0.909653362567874];
    expect(fitTransform(air72, 60, 12).seasonal).toHaveLength(0);
    const seasonal = fitTransform(air72, 72, 12);
    expect(seasonal.kind).toBe('log');
    for (let i = 0; i < 12; i++) expect(seasonal.seasonal[i]).toBeCloseTo(figure[i], 12);
    expect(toModel(air72[13], 13, seasonal)).toBeCloseTo(Math.log(air72[13] / figure[1]), 12);
    expect(fitTransform(air72, 72, 1).seasonal).toHaveLength(0);
  });

  it('deseasonalises series with zeros or negatives additively (decompose\'s additive figure)', () => {
    // R: decompose(ts(c(-3, 1, 4, -2, -1, 3, 6, -1, 0, 4, 7, 0, 1, 5, 9, 1), frequency = 4))$figure;
    // the lag-4 statistic is 2.12 > 1.645.
    const y = [-3, 1, 4, -2, -1, 3, 6, -1, 0, 4, 7, 0, 1, 5, 9, 1];
    const tr = fitTransform(y, 16, 4);
    expect(tr.kind).toBe('scaled');
    const figure = [-2.35416666666667, 1.3125, 4.02083333333333, -2.97916666666667];
    for (let i = 0; i < 4; i++) expect(tr.seasonal[i]).toBeCloseTo(figure[i], 12);
    expect(fromModel(toModel(5, 6, tr), 6, tr)).toBeCloseTo(5, 12);
  });

  it('maps values to model units and back exactly, log for positive series and scaled otherwise', () => {
    const positive = fitTransform([3, 4, 5, 6], 4, 1);
    expect(positive.kind).toBe('log');
    expect(toModel(5, 2, positive)).toBeCloseTo(Math.log(5), 14);
    const signed = fitTransform([-2, 1, 0, 3, -1], 5, 1);
    expect(signed.kind).toBe('scaled');
    for (const v of [-2, 0, 7.5]) expect(fromModel(toModel(v, 3, signed), 3, signed)).toBeCloseTo(v, 12);
  });

  it('fits on the training part only: changing the held-out values changes no transform and no training window', () => {
    const series = syntheticSeries(6, 3);
    const altered = series.map((s) => {
      const values = Float64Array.from(s.values);
      for (let t = values.length - CONFIG.horizon; t < values.length; t++) values[t] *= 3;
      return { values, season: s.season };
    });
    const a = buildWindowSet(series, CONFIG);
    const b = buildWindowSet(altered, CONFIG);
    expect(Array.from(b.volatility)).toEqual(Array.from(a.volatility));
    expect(b.trainEnds.map((e) => Array.from(e))).toEqual(a.trainEnds.map((e) => Array.from(e)));
    for (let s = 0; s < a.z.length; s++) {
      const fit = a.z[s].length - CONFIG.horizon;
      expect(Array.from(b.z[s].subarray(0, fit))).toEqual(Array.from(a.z[s].subarray(0, fit)));
      expect(Array.from(b.z[s].subarray(fit))).not.toEqual(Array.from(a.z[s].subarray(fit)));
    }
    expect(Array.from(b.heldOutEnds)).toEqual(Array.from(a.heldOutEnds));
  });
});

describe('windows', () => {
  it('pads and masks history before the series starts, and normalises by the last value', () => {
    const L = 5, K = 2;
    const x = new Float32Array(L * CHANNELS);
    const y = new Float32Array(K);
    const level = fillWindow(x, 0, y, 0, [1, 2, 4, 7, 11], 2, L, K);
    expect(level).toBe(4);
    expect(Array.from(x)).toEqual([0, 0, 0, 0, -3, 1, -2, 1, 0, 1]);
    expect(Array.from(y)).toEqual([3, 7]);
  });
});

describe('global training', () => {
  const series = syntheticSeries(24, 11);

  it('gives bit-identical weights from the same data and seeds', () => {
    const a = trainGlobal(series, CONFIG, TRAINING);
    const b = trainGlobal(series, CONFIG, TRAINING);
    expect(JSON.stringify(b.state)).toBe(JSON.stringify(a.state));
    const c = trainGlobal(series, CONFIG, { ...TRAINING, seeds: [9, 8] });
    expect(JSON.stringify(c.state.networks[0])).not.toBe(JSON.stringify(a.state.networks[0]));
    expect(a.state.version).toBe(GLOBAL_MODEL_VERSION);
    expect(a.state.intervals!.quantiles).toHaveLength(CONFIG.horizon);
  });

  it('gives the same weights in a worker thread as on the main thread', async () => {
    const spawn = workerSpawnArgs(new URL('./fixtures/global-train-worker.ts', import.meta.url));
    const worker = new Worker(spawn.filename, { eval: spawn.eval, workerData: spawn.workerData });
    try {
      const reply = new Promise<string>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      worker.postMessage({ series: series.map((s) => ({ values: Array.from(s.values), season: s.season })), config: CONFIG, training: TRAINING });
      const fromWorker = await reply;
      expect(fromWorker).toBe(JSON.stringify(trainGlobal(series, CONFIG, TRAINING).state));
    } finally {
      await worker.terminate();
    }
  });

  it('reports progress and stops at a checkpoint when cancelled', () => {
    const fractions: number[] = [];
    let checkpoints = 0;
    const control: RunControl = {
      checkpoint() {
        if (++checkpoints > 5) throw new JobCancelledError();
      },
      progress(p) {
        fractions.push(p.fraction);
      },
      warn() {},
    };
    expect(() => trainGlobal(series, CONFIG, { ...TRAINING, epochs: 50 }, control)).toThrow(JobCancelledError);
    expect(checkpoints).toBe(6);
    const done: number[] = [];
    trainGlobal(series, CONFIG, TRAINING, { ...control, checkpoint() {}, progress: (p) => done.push(p.fraction) });
    expect(done.length).toBeGreaterThan(0);
    expect(done.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= done[i - 1]))).toBe(true);
  });

  it('refuses data with nothing to train on, saying how long series must be', () => {
    expect(() => trainGlobal([{ values: [1, 2, 3, 4], season: 1 }], CONFIG, TRAINING)).toThrow(/at least 11 values/);
  });

  it('forecasts any length from 3 values at any horizon, finite, with ordered intervals, deterministically', () => {
    const model = loadGlobalModel(JSON.parse(JSON.stringify(trainGlobal(series, CONFIG, TRAINING).state)));
    const long = Array.from(series.find((s) => s.values.length >= 20)!.values);
    for (const n of [3, 5, 8, 13, 20]) {
      for (const horizon of [1, 4, 11]) {
        const history = long.slice(0, n);
        expect(history).toHaveLength(n);
        const f = forecastGlobal(model, history, 4, horizon);
        expect(f.mean).toHaveLength(horizon);
        for (let k = 0; k < horizon; k++) {
          expect(Number.isFinite(f.mean[k])).toBe(true);
          expect(f.lower95[k]).toBeLessThanOrEqual(f.lower80[k]);
          expect(f.lower80[k]).toBeLessThanOrEqual(f.mean[k] + 1e-9);
          expect(f.upper80[k]).toBeGreaterThanOrEqual(f.mean[k] - 1e-9);
          expect(f.upper95[k]).toBeGreaterThanOrEqual(f.upper80[k]);
        }
        expect(Array.from(forecastGlobal(model, history, 4, horizon).mean)).toEqual(Array.from(f.mean));
      }
    }
    expect(() => forecastGlobal(model, [1, 2], 1, 3)).toThrow(/at least 3 values/);
  });

  it("widens the model's intervals where the series' own past errors exceed the model's typical ones, and narrows them otherwise", () => {
    const model = loadGlobalModel(trainGlobal(series, CONFIG, TRAINING).state);
    const typical = model.intervals!.meanAbsolute.reduce((a, v) => a + v, 0) / CONFIG.horizon;
    // A steady trend the model follows, and a slow wave whose turns it cannot foresee.
    const calm = Float64Array.from({ length: 40 }, (_, t) => 100 * Math.exp(0.01 * t));
    const wave = Float64Array.from({ length: 40 }, (_, t) => 100 + 20 * Math.sin((2 * Math.PI * t) / 13));
    const seen = new Set<boolean>();
    for (const values of [calm, wave]) {
      const blended = forecastGlobal(model, values, 1, 4);
      const tableOnly = forecastGlobal(model, values, 1, 4, { maxOrigins: 0, priorOrigins: 20 });
      expect(blended.ownBacktest!.origins).toBe(40 - 4 - 2);
      expect(tableOnly.ownBacktest).toBeNull();
      expect(Array.from(blended.mean)).toEqual(Array.from(tableOnly.mean));
      const wider = blended.ownBacktest!.networkMae > typical;
      seen.add(wider);
      const width = (f: typeof blended) => f.upper95[3] - f.lower95[3];
      if (wider) expect(width(blended)).toBeGreaterThan(width(tableOnly));
      else expect(width(blended)).toBeLessThan(width(tableOnly));
    }
    expect(seen.size).toBe(2);
    // Too short for an origin with 4 known values after it: the model's own table alone.
    expect(forecastGlobal(model, [5, 6, 7, 8, 9], 1, 4).ownBacktest).toBeNull();
  });

  it('measures, when asked, the interval quantiles of fine-tuned forecasts, which a fine-tuned model then uses', () => {
    const options = { epochs: 2, learningRate: 1e-3, batchSize: 4, huberDelta: 0.02, seed: 5, maxWindows: 256 };
    const state = trainGlobal(series, CONFIG, { ...TRAINING, fineTunedIntervals: options }).state;
    const plain = trainGlobal(series, CONFIG, TRAINING).state;
    expect(state.networks).toEqual(plain.networks);
    expect(state.intervals!.quantiles).toEqual(plain.intervals!.quantiles);
    const tunedTable = state.intervals!.fineTunedQuantiles!;
    expect(tunedTable).toHaveLength(CONFIG.horizon);
    expect(tunedTable).not.toEqual(state.intervals!.quantiles);
    const model = loadGlobalModel(JSON.parse(JSON.stringify(state)));
    const tuned = fineTune(model, series[4].values, 4, options);
    expect(tuned.intervals!.quantiles).toEqual(tunedTable);
    expect(tuned.intervals!.meanAbsolute).toEqual(state.intervals!.meanAbsolute);
  });

  it('forecasts from past origins exactly as from the history cut there (validation windows read nothing later)', () => {
    const model = loadGlobalModel(trainGlobal(series, CONFIG, TRAINING).state);
    const values = series[4].values;
    const ends = [2, 10, 25];
    const fromOrigins = forecastFromOrigins(model, values, 4, 6, ends);
    ends.forEach((e, i) => {
      const cut = Array.prototype.slice.call(values, 0, e + 1) as number[];
      expect(Array.from(fromOrigins.subarray(i * 6, i * 6 + 6))).toEqual(Array.from(forecastGlobal(model, cut, 4, 6).mean));
    });
    expect(() => forecastFromOrigins(model, values, 4, 6, [1])).toThrow(/Origin 1 is outside the series/);
  });

  it('fine-tunes deterministically without touching the original networks', () => {
    const model = loadGlobalModel(trainGlobal(series, CONFIG, TRAINING).state);
    const before = Float32Array.from(model.networks[0].params);
    const options = { epochs: 2, learningRate: 1e-3, batchSize: 4, huberDelta: 0.02, seed: 5, maxWindows: 256 };
    const a = fineTune(model, series[3].values, 4, options);
    const b = fineTune(model, series[3].values, 4, options);
    expect(Array.from(model.networks[0].params)).toEqual(Array.from(before));
    expect(Array.from(a.networks[0].params)).not.toEqual(Array.from(before));
    expect(Array.from(b.networks[0].params)).toEqual(Array.from(a.networks[0].params));
    expect(a.intervals).toEqual(model.intervals);
    // Too short for one window of 3 values and 4 targets: used as is.
    expect(fineTune(model, [5, 6, 7, 8, 9, 10], 1, options)).toBe(model);
  });
});
