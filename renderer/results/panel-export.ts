// The export of every forecast of a run over many series: long (the id columns first, then
// engine/forecast/forecast-csv.ts's columns, one block of rows per series, as the CLI writes
// it), or wide (the time, then one column of forecasts per series). Pure, unit-tested.
import type { TrainedPanelRun } from '../../electron/contract';
import { csvNumber, forecastCsv, type CsvFormat } from '../../engine/forecast/forecast-csv';
import { formatTime } from '../../engine/data/format-time';

export type PanelCsvLayout = 'long' | 'wide';

/** Every series' forecast with its 80% and 95% intervals, long format, id columns first. */
export function panelForecastCsv(run: Pick<TrainedPanelRun, 'series' | 'idColumns'>, format: CsvFormat): string {
  return forecastCsv(
    run.series.map((s) => ({ ids: s.id, forecast: s.forecast })),
    { format, idColumns: run.idColumns },
  );
}

/**
 * Wide: `timestamp`, then each series' point forecast in a column named by its label (series
 * ending at different times leave their cells empty where they have no forecast).
 */
export function panelForecastWideCsv(run: Pick<TrainedPanelRun, 'series'>, format: CsvFormat): string {
  const d = format.decimal === ',' && format.delimiter === ',' ? ';' : format.delimiter;
  const cell = (text: string) => (/["\r\n]/.test(text) || text.includes(d) ? `"${text.replace(/"/g, '""')}"` : text);
  const times = [...new Set(run.series.flatMap((s) => [...s.forecast.time]))].sort((a, b) => a - b);
  const row = new Map(times.map((t, i) => [t, i]));
  const cells = times.map(() => run.series.map(() => ''));
  run.series.forEach((s, j) => {
    s.forecast.time.forEach((t, k) => {
      cells[row.get(t)!]![j] = csvNumber(s.forecast.mean[k]!, format.decimal);
    });
  });
  const lines = [['timestamp', ...run.series.map((s) => s.label)].map(cell).join(d)];
  times.forEach((t, i) => lines.push([cell(formatTime(t, format.timeStyle)), ...cells[i]!].join(d)));
  return lines.join('\n') + '\n';
}

/** The file either layout is written to. */
export function panelCsv(run: Pick<TrainedPanelRun, 'series' | 'idColumns'>, format: CsvFormat, layout: PanelCsvLayout): string {
  return layout === 'wide' ? panelForecastWideCsv(run, format) : panelForecastCsv(run, format);
}
