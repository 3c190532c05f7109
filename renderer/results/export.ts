// What the exports contain: the forecast as CSV (backtest rows with the actual values, then the
// future forecast, with both intervals), written in the input file's delimiter, decimal mark
// and date style so it opens the same way the input did. Pure, unit-tested.
import type { RunOutcome } from '../../electron/contract';
import type { DecimalSeparator, Delimiter } from '../../engine/data';
import { formatTime } from '../../engine/data/format-time';
import type { TimeStyle } from '../../engine/data/types';

export interface CsvStyle {
  delimiter: Delimiter;
  decimal: DecimalSeparator;
  timeStyle: TimeStyle;
  /** Header of the time column (the input's, or "time"). */
  timeColumn: string;
}

export const FORECAST_COLUMNS = ['kind', 'actual', 'forecast', 'lower_95', 'lower_80', 'upper_80', 'upper_95'] as const;

/** A number as CSV text: up to 10 significant digits, the file's decimal mark, empty when missing. */
export function csvNumber(x: number, decimal: DecimalSeparator): string {
  if (!Number.isFinite(x)) return '';
  const text = String(Number(x.toPrecision(10)));
  return decimal === ',' ? text.replace('.', ',') : text;
}

function csvCell(text: string, delimiter: string): string {
  return /["\r\n]/.test(text) || text.includes(delimiter) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function forecastCsv(outcome: RunOutcome, style: CsvStyle): string {
  // A decimal comma cannot share a line with comma delimiters: use ';' as spreadsheets do.
  const delimiter = style.decimal === ',' && style.delimiter === ',' ? ';' : style.delimiter;
  const lines: string[] = [[style.timeColumn || 'time', ...FORECAST_COLUMNS].map((c) => csvCell(c, delimiter)).join(delimiter)];
  const row = (time: number, kind: string, actual: number, f: { mean: number; lo95: number; lo80: number; hi80: number; hi95: number }) =>
    [
      csvCell(formatTime(time, style.timeStyle), delimiter),
      kind,
      csvNumber(actual, style.decimal),
      csvNumber(f.mean, style.decimal),
      csvNumber(f.lo95, style.decimal),
      csvNumber(f.lo80, style.decimal),
      csvNumber(f.hi80, style.decimal),
      csvNumber(f.hi95, style.decimal),
    ].join(delimiter);

  const forecast = outcome.kind === 'trained' ? outcome.run.forecast : outcome.forecast.forecast;
  if (outcome.kind === 'trained') {
    for (const origin of outcome.run.backtest?.origins ?? []) {
      const b = origin.forecast;
      for (let k = 0; k < origin.time.length; k++) {
        lines.push(row(origin.time[k]!, 'backtest', origin.actual[k]!, { mean: b.mean[k]!, lo95: b.lower95[k]!, lo80: b.lower80[k]!, hi80: b.upper80[k]!, hi95: b.upper95[k]! }));
      }
    }
  }
  for (let k = 0; k < forecast.time.length; k++) {
    lines.push(
      row(forecast.time[k]!, 'forecast', Number.NaN, {
        mean: forecast.mean[k]!,
        lo95: forecast.lower95[k]!,
        lo80: forecast.lower80[k]!,
        hi80: forecast.upper80[k]!,
        hi95: forecast.upper95[k]!,
      }),
    );
  }
  return lines.join('\n') + '\n';
}

/** "au_wine_sales.csv" + "LSTM" → "au_wine_sales forecast LSTM". */
export function exportName(source: string, what: string, label: string): string {
  const stem = source.replace(/\.[^.]+$/, '');
  return `${stem} ${what} ${label}`.replace(/\s+/g, ' ').trim();
}
