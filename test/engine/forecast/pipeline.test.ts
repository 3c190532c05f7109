// The whole run on the inline submitter with tiny networks: reproducibility, no leakage from
// the hidden backtest points, interval shapes, timestamps, verdicts and cancel.
import { describe, expect, it } from 'vitest';
import { JobCancelledError } from '../../../engine/jobs/control';
import { runForecast } from '../../../engine/forecast/pipeline';
import { createInlineForecastSubmitter } from '../../../engine/forecast/pool';
import { Rng } from '../../../engine/math/prng';
import { driftForecast } from '../../../engine/models/naive/forecasts';
import { forecastWithModel } from '../../../engine/forecast/fromModel';
import { parseModelFile, serializeModel } from '../../../engine/forecast/modelFile';
import { TINY, monthlyDataset, withTarget } from './synthetic';

const submitter = createInlineForecastSubmitter();

describe('runForecast', () => {
  it('is bit-identical for the same data, settings and seed, and differs with another seed', async () => {
    const ds = monthlyDataset();
    const a = await runForecast(ds, { ...TINY, backtest: true }, submitter);
    const b = await runForecast(ds, { ...TINY, backtest: true }, submitter);
    expect(Array.from(b.forecast.mean)).toEqual(Array.from(a.forecast.mean));
    expect(Array.from(b.forecast.upper95)).toEqual(Array.from(a.forecast.upper95));
    expect(b.modelFile.members[0].state).toEqual(a.modelFile.members[0].state);
    const c = await runForecast(ds, { ...TINY, backtest: true, seed: 7 }, submitter);
    expect(Array.from(c.forecast.mean)).not.toEqual(Array.from(a.forecast.mean));
  });

  it('never lets the hidden backtest points (target or covariates) shape the backtest forecast', async () => {
    const ds = monthlyDataset();
    const y = ds.columns[0].values;
    const changed = Float64Array.from(y);
    const promo = Float64Array.from(ds.columns[1].values);
    for (let i = y.length - TINY.horizon; i < y.length; i++) {
      changed[i] = y[i] * 3 + 100;
      promo[i] = -50;
    }
    const other = withTarget(ds, changed);
    other.columns[1] = { ...other.columns[1], values: promo };
    const a = await runForecast(ds, { ...TINY, covariates: ['promo'], backtest: true }, submitter);
    const b = await runForecast(other, { ...TINY, covariates: ['promo'], backtest: true }, submitter);
    const fa = a.backtest!.origins[0].forecast;
    const fb = b.backtest!.origins[0].forecast;
    expect(Array.from(fb.mean)).toEqual(Array.from(fa.mean));
    expect(Array.from(fb.lower95)).toEqual(Array.from(fa.lower95));
    // …while the refit on all data does see them
    expect(Array.from(b.forecast.mean)).not.toEqual(Array.from(a.forecast.mean));
  });

  it('forecasts the steps after the last row with ordered 80% and 95% intervals', async () => {
    const ds = monthlyDataset();
    const run = await runForecast(ds, { ...TINY }, submitter);
    const f = run.forecast;
    expect(f.mean.length).toBe(6);
    expect(new Date(f.time[0]).toISOString().slice(0, 10)).toBe('2010-01-01');
    expect(new Date(f.time[5]).toISOString().slice(0, 10)).toBe('2010-06-01');
    for (let k = 0; k < 6; k++) {
      expect(f.lower95[k]).toBeLessThanOrEqual(f.lower80[k]);
      expect(f.lower80[k]).toBeLessThanOrEqual(f.mean[k]);
      expect(f.mean[k]).toBeLessThanOrEqual(f.upper80[k]);
      expect(f.upper80[k]).toBeLessThanOrEqual(f.upper95[k]);
    }
    expect(run.backtest).toBeNull();
    expect(run.verdict).toMatch(/validation windows/);
  });

  it('scores a rolling-origin backtest over k origins one horizon apart', async () => {
    const ds = monthlyDataset(150);
    const run = await runForecast(ds, { ...TINY, backtest: true, backtestOrigins: 2 }, submitter);
    const origins = run.backtest!.origins;
    expect(origins.map((o) => o.originRow)).toEqual([150 - 12, 150 - 6]);
    const mean = (origins[0].metrics.mase + origins[1].metrics.mase) / 2;
    expect(run.backtest!.metrics.mase).toBeCloseTo(mean, 12);
    for (const o of origins) expect(Array.from(o.actual)).toEqual(Array.from(ds.columns[0].values.slice(o.originRow, o.originRow + 6)));
  });

  it('says plainly when a baseline beats the model', async () => {
    // Noisy at first, then exactly periodic with season 2: seasonal naive is perfect on the
    // backtest, which no network matches to the last digit.
    const ds = monthlyDataset();
    const rng = new Rng(3);
    const y = Float64Array.from(ds.time, (_, i) => (i % 2 ? 10 : 12) + (i < 60 ? rng.nextFloat() : 0));
    const run = await runForecast(withTarget(ds, y), { ...TINY, backtest: true, horizon: 6, season: 2 }, submitter);
    expect(run.backtest!.baselines.snaive.mase).toBe(0);
    expect(run.backtest!.metrics.mase).toBeGreaterThan(0);
    expect(run.verdict).toMatch(/seasonal naive forecast beat the model/);
  });

  it('in auto mode forecasts with a baseline that beats the model on validation, says so, and saves it', async () => {
    // An exact line: drift forecasts it without error, which neither the networks nor ETS and Theta match exactly.
    // Long enough for local networks, where the guard acts.
    const ds = monthlyDataset(200);
    const y = Float64Array.from(ds.time, (_, t) => 5 + 3 * t);
    const line = withTarget(ds, y);
    const run = await runForecast(line, { ...TINY, model: 'auto', backtest: true }, submitter);
    expect(run.baseline).toBe('drift');
    expect(run.model).toMatch(/^drift \(ahead of the model on validation: /);
    expect(run.verdict).toMatch(/^The forecast is the drift forecast: on the validation windows it beat the model \(MAE 0\.0 vs /);
    expect(Array.from(run.forecast.mean)).toEqual(Array.from(driftForecast(y, 6)));
    // error-free validation: zero-width intervals
    expect(Array.from(run.forecast.upper95)).toEqual(Array.from(run.forecast.mean));
    expect(run.backtest!.metrics.mae).toBeLessThan(1e-9);
    const saved = parseModelFile(serializeModel(run.modelFile), 'line.model.json');
    expect(saved.baseline).toEqual({ kind: 'drift', state: {} });
    const again = await forecastWithModel(line, saved, 'line.model.json', submitter);
    expect(Array.from(again.forecast.mean)).toEqual(Array.from(run.forecast.mean));
    // A model the user chose is kept, and the verdict names the baseline that beat it.
    const chosen = await runForecast(line, { ...TINY, backtest: true }, submitter);
    // …and on a short series auto mode keeps the combination: too few windows to trust a guard.
    const short = withTarget(monthlyDataset(60), Float64Array.from({ length: 60 }, (_, t) => 5 + 3 * t));
    expect((await runForecast(short, { ...TINY, model: 'auto', backtest: true }, submitter)).baseline).toBeNull();
    expect(chosen.baseline).toBeNull();
    expect(chosen.verdict).toMatch(/drift forecast beat the model/);
  });

  it('stops when the signal is aborted, with JobCancelledError', async () => {
    const ds = monthlyDataset();
    const controller = new AbortController();
    const promise = runForecast(ds, { ...TINY, epochs: 200 }, submitter, {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(promise).rejects.toBeInstanceOf(JobCancelledError);
  });

  it('refuses a series too short for the horizon, saying what to do', async () => {
    const ds = monthlyDataset(40);
    await expect(runForecast(ds, { ...TINY, lookback: null, backtest: true, horizon: 6 }, submitter)).rejects.toThrow(
      /too few for horizon 6 with a backtest.*shorter horizon/,
    );
  });
});
