// The one forecast CSV layout, written by the command line and by the app's export alike:
// timestamp, forecast, then lower_L and upper_L for each interval level L (80 and 95 by
// default), in the input's date style. Optionally the history and backtest rows come first,
// with one more column, `actual`. Many series add their id columns in front, one block per series.
import type { DecimalSeparator, Delimiter } from '../data';
import { formatTime } from '../data/format-time';
import type { TimeStyle } from '../data/types';
import { ForecastInputError } from '../models/errors';
import { normalQuantile } from '../models/stats/normal';
import type { IntervalForecast } from './ensemble';

export const DEFAULT_LEVELS: readonly number[] = [80, 95];

/** Lowest and highest interval level (%) a forecast can be asked for. */
export const MIN_LEVEL = 1;
export const MAX_LEVEL = 99;

export interface CsvFormat {
  delimiter: Delimiter;
  decimal: DecimalSeparator;
  timeStyle: TimeStyle;
}

/** One series' rows: its id values (none for a one-series file), the forecast, and optionally what came before. */
export interface SeriesRows {
  ids: readonly string[];
  forecast: IntervalForecast & { time: Float64Array };
  /**
   * Observed values (history rows: actual only). Only those before the first backtest or forecast
   * time are written: a later time is a backtest row already, or a row of the future (known
   * covariates) without a value, so every time appears once per series.
   */
  history?: { time: Float64Array; actual: Float64Array };
  /** Backtest origins: the hidden values and what was forecast for them. */
  backtest?: readonly { time: Float64Array; actual: Float64Array; forecast: IntervalForecast }[];
}

export interface CsvOptions {
  format: CsvFormat;
  /** Interval levels in %, in column order. */
  levels?: readonly number[];
  /** Names of the id columns, in front (many series). */
  idColumns?: readonly string[];
  /** Write the `actual` column (history and backtest rows). */
  withActual?: boolean;
}

/** A number as CSV text: up to 10 significant digits, the format's decimal mark, empty when missing. */
export function csvNumber(x: number, decimal: DecimalSeparator): string {
  if (!Number.isFinite(x)) return '';
  const text = String(Number(x.toPrecision(10)));
  return decimal === ',' ? text.replace('.', ',') : text;
}

/** Checks interval levels asked for (CLI, app): whole or decimal percentages in [MIN_LEVEL, MAX_LEVEL], no repeats. */
export function checkLevels(levels: readonly number[], name = 'level'): number[] {
  if (levels.length === 0) throw new ForecastInputError(`${name} needs at least one interval level, e.g. 80,95.`);
  for (const level of levels) {
    if (!(level >= MIN_LEVEL && level <= MAX_LEVEL)) {
      throw new ForecastInputError(`${name} must be percentages from ${MIN_LEVEL} to ${MAX_LEVEL}; got ${level}.`);
    }
  }
  if (new Set(levels).size !== levels.length) throw new ForecastInputError(`${name} lists a level twice: ${levels.join(',')}.`);
  return [...levels];
}

/**
 * The interval at `level` %: the calibrated 80% and 95% half-widths (each side on its own), scaled
 * by the normal quantiles — interpolated in z between 80 and 95, scaled from the nearer one
 * outside. Exact at 80 and 95; elsewhere as calibrated as the error distribution is normal-shaped.
 */
export function intervalAtLevel(f: IntervalForecast, level: number): { lower: Float64Array; upper: Float64Array } {
  if (level === 80) return { lower: f.lower80, upper: f.upper80 };
  if (level === 95) return { lower: f.lower95, upper: f.upper95 };
  const z = (l: number) => normalQuantile(0.5 + l / 200);
  const z80 = z(80);
  const z95 = z(95);
  const zl = z(level);
  const h = f.mean.length;
  const lower = new Float64Array(h);
  const upper = new Float64Array(h);
  const width = (w80: number, w95: number) =>
    level < 80 ? (w80 * zl) / z80 : level > 95 ? (w95 * zl) / z95 : w80 + ((w95 - w80) * (zl - z80)) / (z95 - z80);
  for (let k = 0; k < h; k++) {
    const m = f.mean[k];
    lower[k] = m - width(m - f.lower80[k], m - f.lower95[k]);
    upper[k] = m + width(f.upper80[k] - m, f.upper95[k] - m);
  }
  return { lower, upper };
}

function cell(text: string, delimiter: string): string {
  return /["\r\n]/.test(text) || text.includes(delimiter) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function forecastCsv(series: readonly SeriesRows[], options: CsvOptions): string {
  const { format } = options;
  const levels = options.levels ?? DEFAULT_LEVELS;
  // A decimal comma cannot share a line with comma delimiters: use ';' as spreadsheets do.
  const d = format.decimal === ',' && format.delimiter === ',' ? ';' : format.delimiter;
  const num = (x: number) => csvNumber(x, format.decimal);
  const header = [
    ...(options.idColumns ?? []),
    'timestamp',
    ...(options.withActual ? ['actual'] : []),
    'forecast',
    ...levels.flatMap((l) => [`lower_${l}`, `upper_${l}`]),
  ];
  const lines = [header.map((c) => cell(c, d)).join(d)];
  for (const s of series) {
    const ids = s.ids.map((v) => cell(v, d));
    const row = (time: number, actual: number | null, mean: number, bounds: string[]) =>
      [...ids, cell(formatTime(time, format.timeStyle), d), ...(options.withActual ? [num(actual ?? NaN)] : []), num(mean), ...bounds].join(d);
    const empty = levels.flatMap(() => ['', '']);
    if (options.withActual && s.history) {
      const end = Math.min(s.backtest?.[0]?.time[0] ?? Infinity, s.forecast.time[0] ?? Infinity);
      for (let t = 0; t < s.history.time.length && s.history.time[t] < end; t++) lines.push(row(s.history.time[t], s.history.actual[t], NaN, empty));
    }
    const intervalRows = (f: IntervalForecast, time: Float64Array, actual: Float64Array | null) => {
      const bands = levels.map((l) => intervalAtLevel(f, l));
      for (let k = 0; k < time.length; k++) {
        lines.push(row(time[k], actual ? actual[k] : null, f.mean[k], bands.flatMap((b) => [num(b.lower[k]), num(b.upper[k])])));
      }
    };
    if (options.withActual) for (const o of s.backtest ?? []) intervalRows(o.forecast, o.time, o.actual);
    intervalRows(s.forecast, s.forecast.time, null);
  }
  return lines.join('\n') + '\n';
}
