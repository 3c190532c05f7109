// Many series in one file on the inline submitter with few epochs: each series forecast on
// its own time axis, no leakage from any series' hidden values, determinism from the seed,
// wide files, the aggregate, and shards that cover every series exactly once.
import { describe, expect, it } from 'vitest';
import { readDataset } from '../../../engine/data';
import { aggregateBacktests, isPanel, runPanel, shardDataset, shardOf, sliceDataset } from '../../../engine/forecast/panel';
import { runForecast } from '../../../engine/forecast/pipeline';
import { createInlineForecastSubmitter } from '../../../engine/forecast/pool';
import type { BacktestReport } from '../../../engine/forecast/backtest';
import { formatTime } from '../../../engine/data/format-time';
import { holdingTheMean } from '../../../engine/models/panel/kind';
import { THREE, panelCsv, seriesValues, wideCsv } from './panelData';

const submitter = createInlineForecastSubmitter();
const FAST = { horizon: 6, epochs: 2, backtest: true, seed: 3, panel: 'global' as const };
// The id columns are named: which columns the reader detects is engine/data's part, tested there.
const read = (text: string, source = 'shops.csv') => readDataset(text, { source, idColumns: ['store', 'product'] }).dataset;
const readWide = (text: string) => readDataset(text, { source: 'wide.csv' }).dataset;

describe('runPanel on a long file', () => {
  it('forecasts every series on its own axis, never one averaged series', async () => {
    const ds = read(panelCsv());
    expect(isPanel(ds, {})).toBe(true);
    const run = await runPanel(ds, FAST, submitter);
    expect(run.strategy).toBe('global');
    expect(run.series.map((s) => s.id)).toEqual([['north', 'tea'], ['north', 'coffee'], ['south', 'tea']]);
    expect(run.series.map((s) => s.points)).toEqual([72, 60, 48]);
    // Each forecast starts the month after its own series' last value.
    const firstSteps = run.series.map((s) => formatTime(s.forecast.time[0], ds.timeStyle));
    expect(firstSteps).toEqual(['2020-01-01', '2020-07-01', '2020-03-01']);
    for (const s of run.series) {
      expect(s.forecast.mean).toHaveLength(6);
      for (let k = 0; k < 6; k++) {
        expect(s.forecast.lower95[k]).toBeLessThanOrEqual(s.forecast.lower80[k]);
        expect(s.forecast.lower80[k]).toBeLessThanOrEqual(s.forecast.mean[k]);
        expect(s.forecast.mean[k]).toBeLessThanOrEqual(s.forecast.upper80[k]);
        expect(s.forecast.upper80[k]).toBeLessThanOrEqual(s.forecast.upper95[k]);
      }
      // A forecast in the series' own range: the level of one series, not a mix of the three.
      const values = seriesValues(THREE[run.series.indexOf(s)], run.series.indexOf(s) + 1);
      const last = values.slice(-12);
      expect(Math.min(...s.forecast.mean)).toBeGreaterThan(0.6 * Math.min(...last));
      expect(Math.max(...s.forecast.mean)).toBeLessThan(1.4 * Math.max(...last));
      expect(s.backtest!.origins).toHaveLength(1);
      expect(s.backtest!.baselines.ets).toBeDefined();
      expect(s.verdict).toMatch(/^On the backtest/);
    }
    expect(run.aggregate!.series).toBe(3);
    expect(run.verdict).toMatch(/backtest of 3 series/);
    expect(run.modelFile.panel!.series.map((s) => s.label)).toEqual(['north / tea', 'north / coffee', 'south / tea']);
    expect(run.modelFile.panel!.idColumns).toEqual(['store', 'product']);
  });

  it("never lets a series' hidden values shape any backtest forecast, its own or another's", async () => {
    const base = read(panelCsv());
    const changed = seriesValues(THREE[1], 2).map((v, t, all) => (t >= all.length - 6 ? v * 5 + 1000 : v));
    const other = read(panelCsv(THREE, { 1: changed }));
    const a = await runPanel(base, FAST, submitter);
    const b = await runPanel(other, FAST, submitter);
    for (let i = 0; i < 3; i++) {
      const fa = a.series[i].backtest!.origins[0].forecast;
      const fb = b.series[i].backtest!.origins[0].forecast;
      expect(Array.from(fb.mean)).toEqual(Array.from(fa.mean));
      expect(Array.from(fb.upper95)).toEqual(Array.from(fa.upper95));
    }
    // The final forecast, trained on everything, does see them.
    expect(Array.from(b.series[1].forecast.mean)).not.toEqual(Array.from(a.series[1].forecast.mean));
  });

  it('is bit-identical for the same seed and differs with another', async () => {
    const ds = read(panelCsv());
    const a = await runPanel(ds, FAST, submitter);
    const b = await runPanel(ds, FAST, submitter);
    const c = await runPanel(ds, { ...FAST, seed: 4 }, submitter);
    for (let i = 0; i < 3; i++) expect(Array.from(b.series[i].forecast.mean)).toEqual(Array.from(a.series[i].forecast.mean));
    expect(b.modelFile.members[0].state).toEqual(a.modelFile.members[0].state);
    expect(Array.from(c.series[0].forecast.mean)).not.toEqual(Array.from(a.series[0].forecast.mean));
  });

  it('forecasts a short series without a backtest and lists one without values as skipped', async () => {
    const specs = [...THREE, { store: 'east', product: 'tea', start: [2019, 0] as [number, number], length: 8, level: 30 }];
    const text = panelCsv(specs) + 'west,tea,2019-01-01,\nwest,tea,2019-02-01,\n';
    const run = await runPanel(read(text), FAST, submitter);
    expect(run.series.map((s) => s.label)).toEqual(['north / tea', 'north / coffee', 'south / tea', 'east / tea']);
    expect(run.series[3].backtest).toBeNull();
    expect(run.series[3].forecast.mean.every(Number.isFinite)).toBe(true);
    expect(run.aggregate!.series).toBe(3);
    expect(run.skipped.map((s) => s.label)).toEqual(['west / tea']);
  });
});

describe('per-series models and the choice between them and the global network', () => {
  // Auto mode per series: on series this short, the one-series combination (pretrained network, ETS, Theta).
  const LOCAL = { ...FAST, panel: 'local' as const, timeBudgetSec: 0 };

  it('forecasts each series exactly as the one-series run does on that series alone', async () => {
    const ds = read(panelCsv());
    const run = await runPanel(ds, LOCAL, submitter);
    expect(run.strategy).toBe('local');
    expect(run.series).toHaveLength(3);
    const alone = await runForecast(sliceDataset(ds, ds.series[1]), { ...LOCAL, panel: undefined, target: 'sales', futureCovariates: [] }, submitter);
    expect(Array.from(run.series[1].forecast.mean)).toEqual(Array.from(alone.forecast.mean));
    expect(run.series[1].backtest!.metrics.mase).toBe(alone.backtest!.metrics.mase);
    expect(run.aggregate!.series).toBe(3);
    expect(run.modelFile.panel!.local).toHaveLength(3);
  });

  it('in auto mode chooses on a validation cut before the backtest, the same way every run', async () => {
    const ds = read(panelCsv());
    const a = await runPanel(ds, { ...LOCAL, panel: 'auto' }, submitter);
    const b = await runPanel(ds, { ...LOCAL, panel: 'auto' }, submitter);
    expect(a.model).toMatch(/chosen on a validation cut of 3 series: mean MASE [\d.]+ per series vs [\d.]+ global/);
    expect(b.strategy).toBe(a.strategy);
    expect(Array.from(b.series[0].forecast.mean)).toEqual(Array.from(a.series[0].forecast.mean));
  });
});

describe('runPanel on a wide file', () => {
  it('forecasts each named column as a series, with the column name as its id', async () => {
    const ds = readWide(wideCsv());
    expect(isPanel(ds, {})).toBe(false);
    expect(isPanel(ds, { series: 'all' })).toBe(true);
    const all = await runPanel(ds, { ...FAST, series: 'all' }, submitter);
    expect(all.series.map((s) => s.id)).toEqual([['tea'], ['coffee'], ['cocoa']]);
    expect(all.modelFile.panel!.idColumns).toEqual(['series']);
    const two = await runPanel(ds, { ...FAST, series: ['cocoa', 'tea'] }, submitter);
    expect(two.series.map((s) => s.label)).toEqual(['cocoa', 'tea']);
    await expect(runPanel(ds, { ...FAST, series: ['tea', 'milk'] }, submitter)).rejects.toThrow(/no numeric column "milk".*"tea", "coffee", "cocoa"/);
  });
});

describe('the aggregate', () => {
  const report = (mase: number, smape: number, snaiveMase: number, inside: boolean[]): BacktestReport => {
    const actual = Float64Array.from(inside.map(() => 10));
    const lo = Float64Array.from(inside.map((i) => (i ? 9 : 11)));
    const hi = Float64Array.from(inside.map((i) => (i ? 11 : 12)));
    const metrics = { mae: mase, rmse: mase, smape, mase, coverage80: NaN, coverage95: NaN };
    const forecast = { mean: actual, lower80: lo, upper80: hi, lower95: lo, upper95: hi };
    const snaive = { mae: snaiveMase, rmse: snaiveMase, smape: 2 * smape, mase: snaiveMase };
    return {
      origins: [{ originRow: 0, time: actual, actual, forecast, baselines: {}, metrics, baselineMetrics: { snaive }, model: 'm' }],
      metrics,
      baselines: { snaive },
    };
  };

  it('means the series, pools coverage over hidden values, and counts the series beaten (hand computed)', () => {
    const a = aggregateBacktests([report(0.5, 10, 1, [true, true, false]), null, report(1.5, 20, 1, [true])])!;
    expect(a.series).toBe(2);
    expect(a.smape).toBeCloseTo(15, 12);
    expect(a.mase).toBeCloseTo(1, 12);
    expect(a.coverage80).toBeCloseTo(3 / 4, 12);
    expect(a.baselines.snaive).toEqual({ smape: 30, mase: 1, beaten: 1 });
    expect(aggregateBacktests([null, null])).toBeNull();
  });
});

describe('shards', () => {
  it('put every series in exactly one shard, the same one on every run', () => {
    const specs = Array.from({ length: 40 }, (_, i) => ({ store: `s${i}`, product: i % 2 ? 'tea' : 'coffee', start: [2015, 0] as [number, number], length: 6, level: 10 }));
    const ds = read(panelCsv(specs));
    expect(ds.series).toHaveLength(40);
    for (const n of [1, 2, 3, 7]) {
      const seen = new Map<string, number>();
      for (let k = 1; k <= n; k++) for (const s of shardDataset(ds, k, n).series) seen.set(s.id, (seen.get(s.id) ?? 0) + 1);
      expect(seen.size).toBe(40);
      expect([...seen.values()].every((c) => c === 1)).toBe(true);
    }
    // Not all in one shard (the hash spreads them) and stable for a given id.
    expect(new Set(ds.series.map((s) => shardOf(s.keys, 3))).size).toBe(3);
    expect(shardOf(['s1', 'tea'], 3)).toBe(shardOf(['s1', 'tea'], 3));
  });
});

describe("a panel's intervals", () => {
  it('hold their own forecast: a band placed beside the mean (an untuned error table) is widened to reach it, never narrowed', () => {
    const f = {
      mean: Float64Array.of(100, 50, NaN),
      lower80: Float64Array.of(101, 40, NaN), upper80: Float64Array.of(110, 60, NaN),
      lower95: Float64Array.of(104, 30, NaN), upper95: Float64Array.of(115, 70, NaN),
    };
    holdingTheMean(f);
    expect(Array.from(f.lower80)).toEqual([100, 40, NaN]);
    expect(Array.from(f.lower95)).toEqual([100, 30, NaN]);
    expect(Array.from(f.upper80)).toEqual([110, 60, NaN]);
    expect(Array.from(f.upper95)).toEqual([115, 70, NaN]);
  });
});
