// What the command line writes: the forecast CSV (timestamps in the input's style) and the
// metrics JSON (model, backtest and baseline metrics).
import { formatTime } from '../data/format-time';
import type { TimeStyle } from '../data/types';
import type { IntervalForecast } from '../forecast/ensemble';
import type { PointMetrics } from '../forecast/metrics';

export const FORECAST_COLUMNS = ['timestamp', 'forecast', 'lower_80', 'upper_80', 'lower_95', 'upper_95'] as const;

/** Ten significant digits: exact enough for any measurement, short enough to read. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return '';
  return String(Number(x.toPrecision(10)));
}

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function forecastCsv(forecast: IntervalForecast & { time: Float64Array }, style: TimeStyle): string {
  const lines: string[] = [FORECAST_COLUMNS.join(',')];
  for (let k = 0; k < forecast.time.length; k++) {
    lines.push(
      [
        csvCell(formatTime(forecast.time[k], style)),
        formatNumber(forecast.mean[k]),
        formatNumber(forecast.lower80[k]),
        formatNumber(forecast.upper80[k]),
        formatNumber(forecast.lower95[k]),
        formatNumber(forecast.upper95[k]),
      ].join(','),
    );
  }
  return lines.join('\n') + '\n';
}

/** The `--json` document: {model, backtest, baselines, seconds}; missing numbers are null. */
export interface MetricsJson {
  model: string;
  backtest: { mae: number; rmse: number; smape: number; mase: number; coverage80: number; coverage95: number } | null;
  baselines: Record<string, PointMetrics> | null;
  seconds: number;
}

export function metricsJson(doc: MetricsJson): string {
  const pick = (m: PointMetrics) => ({ mae: m.mae, rmse: m.rmse, smape: m.smape, mase: m.mase });
  const out = {
    model: doc.model,
    backtest: doc.backtest && {
      mae: doc.backtest.mae,
      rmse: doc.backtest.rmse,
      smape: doc.backtest.smape,
      mase: doc.backtest.mase,
      coverage80: doc.backtest.coverage80,
      coverage95: doc.backtest.coverage95,
    },
    // Every baseline the run scored, by kind id, in the order it reports them.
    baselines: doc.baselines && Object.fromEntries(Object.entries(doc.baselines).map(([name, m]) => [name, pick(m)])),
    seconds: doc.seconds,
  };
  // JSON has no NaN: an undefined measure (e.g. no hidden value observed) becomes null.
  return JSON.stringify(out, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}
