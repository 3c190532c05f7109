// Backtest scoring: the hidden points after each origin against the model's forecast and the
// baselines', and the summary over origins (rolling-origin backtests have several).
import type { IntervalForecast } from './ensemble';
import { coverage, pointMetrics, seasonalNaiveScale, type IntervalMetrics, type PointMetrics } from './metrics';
import type { FilledSeries, RawSeries } from './prepare';

export type ModelMetrics = PointMetrics & IntervalMetrics;

export interface BacktestOrigin {
  /** Row (0-based, in the file's rows) of the first hidden point. */
  originRow: number;
  time: Float64Array;
  actual: Float64Array;
  forecast: IntervalForecast;
  baselines: Record<string, Float64Array>;
  metrics: ModelMetrics;
  baselineMetrics: Record<string, PointMetrics>;
  model: string;
}

export interface BacktestReport {
  origins: BacktestOrigin[];
  /** Point metrics averaged over origins; coverage over all hidden points. */
  metrics: ModelMetrics;
  baselines: Record<string, PointMetrics>;
}

/**
 * Score the forecast of the h points after `cut` (rows of the raw series): the model's, and the
 * baselines' (by kind id, forecast from the same filled history); MASE scaled by the raw
 * training part.
 */
export function evaluateOrigin(
  raw: RawSeries,
  fill: FilledSeries,
  cut: number,
  forecast: IntervalForecast,
  baselines: Record<string, Float64Array>,
  model: string,
  season: number,
  horizon: number,
): BacktestOrigin {
  const h = horizon;
  const actual = raw.target.slice(cut, cut + h);
  const scale = seasonalNaiveScale(raw.target.subarray(fill.offset, cut), season);
  const f = forecast;
  const baselineMetrics: Record<string, PointMetrics> = {};
  for (const [name, values] of Object.entries(baselines)) baselineMetrics[name] = pointMetrics(actual, values, scale);
  return {
    originRow: cut,
    time: raw.time.slice(cut, cut + h),
    actual,
    forecast: f,
    baselines,
    metrics: {
      ...pointMetrics(actual, f.mean, scale),
      coverage80: coverage(actual, f.lower80, f.upper80),
      coverage95: coverage(actual, f.lower95, f.upper95),
    },
    baselineMetrics,
    model,
  };
}

/** Point metrics averaged over origins, coverage pooled over all hidden points. */
export function summariseBacktest(origins: BacktestOrigin[]): BacktestReport {
  const mean = (get: (o: BacktestOrigin) => number) => origins.reduce((s, o) => s + get(o), 0) / origins.length;
  const point = (get: (o: BacktestOrigin) => PointMetrics): PointMetrics => ({
    mae: mean((o) => get(o).mae),
    rmse: mean((o) => get(o).rmse),
    smape: mean((o) => get(o).smape),
    mase: mean((o) => get(o).mase),
  });
  const pooledCoverage = (level: 80 | 95) => {
    let inside = 0;
    let n = 0;
    for (const o of origins) {
      const lo = level === 80 ? o.forecast.lower80 : o.forecast.lower95;
      const hi = level === 80 ? o.forecast.upper80 : o.forecast.upper95;
      o.actual.forEach((y, k) => {
        if (Number.isNaN(y)) return;
        n++;
        if (y >= lo[k] && y <= hi[k]) inside++;
      });
    }
    return n ? inside / n : NaN;
  };
  const baselines: Record<string, PointMetrics> = {};
  for (const name of Object.keys(origins[0].baselineMetrics)) baselines[name] = point((o) => o.baselineMetrics[name]);
  return {
    origins,
    metrics: { ...point((o) => o.metrics), coverage80: pooledCoverage(80), coverage95: pooledCoverage(95) },
    baselines,
  };
}
