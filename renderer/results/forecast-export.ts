// The app's Export Forecast: a run's forecast in the one CSV layout the command line writes
// (engine/forecast/forecast-csv.ts), in the input file's delimiter, decimal mark and date style;
// optionally with the history and backtest rows before it (one more column, `actual`).
import type { SeriesOutcome } from '../../electron/contract';
import type { DecimalSeparator, Delimiter } from '../../engine/data';
import type { TimeStyle } from '../../engine/data/types';
import { DEFAULT_LEVELS, forecastCsv, type SeriesRows } from '../../engine/forecast/forecast-csv';

export interface ForecastExportOptions {
  delimiter: Delimiter;
  decimal: DecimalSeparator;
  timeStyle: TimeStyle;
  /** The run's target as read from the open file; null when that file is not open any more. */
  history: { time: Float64Array; values: Float64Array } | null;
  /** Write the history and backtest rows too, with their actual values. */
  withHistory: boolean;
  /** Interval levels in %, in column order (80 and 95 as the CLI's default). */
  levels?: readonly number[];
}

/** The run's rows: its forecast, and when asked its history and backtest origins. */
export function seriesRowsOf(outcome: SeriesOutcome, options: Pick<ForecastExportOptions, 'history' | 'withHistory'>): SeriesRows {
  const forecast = outcome.kind === 'trained' ? outcome.run.forecast : outcome.forecast.forecast;
  if (!options.withHistory) return { ids: [], forecast };
  const origins = outcome.kind === 'trained' ? (outcome.run.backtest?.origins ?? []) : [];
  return {
    ids: [],
    forecast,
    ...(options.history ? { history: { time: options.history.time, actual: options.history.values } } : {}),
    backtest: origins.map((o) => ({ time: o.time, actual: o.actual, forecast: o.forecast })),
  };
}

export function forecastExportCsv(outcome: SeriesOutcome, options: ForecastExportOptions): string {
  return forecastCsv([seriesRowsOf(outcome, options)], {
    format: { delimiter: options.delimiter, decimal: options.decimal, timeStyle: options.timeStyle },
    levels: options.levels ?? DEFAULT_LEVELS,
    withActual: options.withHistory,
  });
}

/** "au_wine_sales.csv" + "LSTM" → "au_wine_sales forecast LSTM". */
export function exportName(source: string, what: string, label: string): string {
  const stem = source.replace(/\.[^.]+$/, '');
  return `${stem} ${what} ${label}`.replace(/\s+/g, ' ').trim();
}
