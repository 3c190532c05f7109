// The command line's outputs for many series: the forecast CSV in long format (id columns
// first, one block per series), the metrics JSON per series plus the aggregate, and which
// series a shard takes.
import type { Dataset } from '../data/types';
import { forecastCsv } from '../forecast/forecast-csv';
import type { PointMetrics } from '../forecast/metrics';
import { shardColumns, shardDataset, wideColumns } from '../forecast/panel';
import type { PanelRun, PanelSeriesResult } from '../forecast/panel';
import type { ForecastSettings } from '../forecast/settings';
import type { CliOptions } from './args';

/** JSON has no NaN: an undefined measure becomes null. */
const finiteOrNull = (_k: string, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v);

/** The forecast CSV of every series: the id columns, then timestamp, forecast and the interval columns. */
export function panelCsv(options: CliOptions, dataset: Dataset, idColumns: readonly string[], series: readonly Pick<PanelSeriesResult, 'id' | 'forecast'>[]): string {
  return forecastCsv(
    series.map((s) => ({ ids: s.id, forecast: s.forecast })),
    { format: { delimiter: ',', decimal: '.', timeStyle: dataset.timeStyle }, levels: options.levels, idColumns },
  );
}

export function panelMetricsJson(run: PanelRun): string {
  const pick = (m: PointMetrics) => ({ mae: m.mae, rmse: m.rmse, smape: m.smape, mase: m.mase });
  const doc = {
    model: run.model,
    strategy: run.strategy,
    aggregate: run.aggregate,
    verdict: run.verdict,
    series: run.series.map((s) => ({
      id: s.id,
      label: s.label,
      points: s.points,
      model: s.model,
      backtest: s.backtest && {
        ...pick(s.backtest.metrics),
        coverage80: s.backtest.metrics.coverage80,
        coverage95: s.backtest.metrics.coverage95,
      },
      baselines: s.backtest && Object.fromEntries(Object.entries(s.backtest.baselines).map(([id, m]) => [id, pick(m)])),
      verdict: s.verdict,
    })),
    skipped: run.skipped,
    seconds: run.seconds,
  };
  return JSON.stringify(doc, finiteOrNull, 2) + '\n';
}

/**
 * The dataset and settings of the options' shard: a long file's series, or a wide file's
 * columns, whose id hash falls in shard K of N. No shard asked: as they are.
 */
export function applyShard(options: CliOptions, dataset: Dataset): { dataset: Dataset; settings: Partial<ForecastSettings> } {
  const shard = options.shard;
  if (!shard) return { dataset, settings: options.settings };
  const wide = wideColumns(dataset, options.settings);
  if (wide.length > 0) return { dataset, settings: { ...options.settings, series: shardColumns(wide, shard.index, shard.count) } };
  return { dataset: shardDataset(dataset, shard.index, shard.count), settings: options.settings };
}
