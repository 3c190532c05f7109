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
import { forecastGlobal } from '../../../engine/models/global/forecast';
import { loadGlobalModel, GLOBAL_MODEL_VERSION } from '../../../engine/models/global/model';
import { fitTransform, fromModel, isSeasonal, seasonalIndices, toModel } from '../../../engine/models/global/prepare';
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
  it("finds seasonality as R's thetaf test does: AirPassengers is not seasonal at 60 months, seasonal at 72", () => {
    // R: |r_12| / sqrt((1 + 2 Σ r_k²)/n) = 1.319 for n = 60 and 1.687 for n = 72 (threshold 1.645).
    const air72 = [...AIR_48, 196, 196, 236, 235, 229, 243, 264, 272, 237, 211, 180, 201, 204, 188, 235, 227, 234, 264, 302, 293, 259, 229, 203, 229];
    expect(isSeasonal(air72, 60, 12)).toBe(false);
    expect(isSeasonal(air72, 72, 12)).toBe(true);
    expect(isSeasonal(air72, 72, 1)).toBe(false);
  });

  it("computes the seasonal figure of R's decompose, multiplicative and additive", () => {
    // R: decompose(ts(AirPassengers[1:48], frequency = 12), type = …)$figure
    const multiplicative = [0.913765832972420, 0.954163114960774, 1.058585668114810, 0.979351770429074, 0.965312246889736, 1.083287198766572,
      1.182226491058716, 1.169258280983875, 1.068603515170588, 0.915404738250693, 0.795296294318729, 0.914744848084012];
    const additive = [-12.90509259259260, -7.01620370370370, 9.33101851851853, -3.68287037037036, -5.29398148148150, 14.37268518518519,
      26.60879629629631, 24.92824074074073, 10.21990740740740, -12.68287037037038, -30.93287037037036, -12.94675925925927];
    const m = seasonalIndices(AIR_48, 48, 12, true);
    const a = seasonalIndices(AIR_48, 48, 12, false);
    for (let i = 0; i < 12; i++) {
      expect(m[i]).toBeCloseTo(multiplicative[i], 12);
      expect(a[i]).toBeCloseTo(additive[i], 10);
    }
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

  it('fine-tunes deterministically without touching the original networks', () => {
    const model = loadGlobalModel(trainGlobal(series, CONFIG, TRAINING).state);
    const before = Float32Array.from(model.networks[0].params);
    const options = { epochs: 2, learningRate: 1e-3, batchSize: 4, huberDelta: 0.02, seed: 5, maxWindows: 256 };
    const a = fineTune(model, series[3].values, 4, options);
    const b = fineTune(model, series[3].values, 4, options);
    expect(Array.from(model.networks[0].params)).toEqual(Array.from(before));
    expect(Array.from(a.networks[0].params)).not.toEqual(Array.from(before));
    expect(Array.from(b.networks[0].params)).toEqual(Array.from(a.networks[0].params));
    // Too short for one window of 3 values and 4 targets: used as is.
    expect(fineTune(model, [5, 6, 7, 8, 9, 10], 1, options)).toBe(model);
  });
});
