// Per-series models for a panel: each series through the one-series run (auto mode or the
// model the settings name), several series at once so the pool stays busy; and auto mode's
// panel-level choice between the global network and per-series models on a validation cut
// (one horizon before the earliest backtest cut), where the mean MASE over the series is a far
// steadier signal than one short series' own windows.
import { ForecastInputError } from '../../models/errors';
import type { PanelFitOutcome } from '../../models/types';
import type { BacktestReport } from '../backtest';
import type { IntervalForecast } from '../ensemble';
import { pointMetrics, seasonalNaiveScale } from '../metrics';
import type { ModelFile } from '../modelFile';
import { runForecast, type PipelineHooks } from '../pipeline';
import type { ForecastSubmitter } from '../pool';
import { fillSeries } from '../prepare';
import type { ForecastSettings, ResolvedSettings } from '../settings';
import { headOf, type PanelEntry } from './series';

/**
 * Panels of at most this many series let auto mode compare per-series models with the global
 * network (per-series runs cost ~1–3 s of CPU each, with a backtest several times that).
 */
export const LOCAL_AUTO_MAX_SERIES = 20;

/** One series' one-series run, as the panel reports it; null entries failed with `reason`. */
export interface LocalSeries {
  forecast: IntervalForecast & { time: Float64Array };
  backtest: BacktestReport | null;
  model: string;
  verdict: string;
  warnings: string[];
  modelFile: ModelFile;
}

/** The one-series settings for an entry: its column, the panel's horizon, no covariates. */
function seriesOptions(e: PanelEntry, options: Partial<ForecastSettings>, settings: ResolvedSettings, backtest: boolean): Partial<ForecastSettings> {
  const { series: _series, panel: _panel, ...rest } = options;
  return { ...rest, target: e.column, covariates: [], futureCovariates: [], holidays: null, horizon: settings.horizon, backtest, backtestOrigins: settings.backtestOrigins };
}

/** Runs `task` over 0..count−1, `width` at a time, results in order. */
async function eachLimited<T>(count: number, width: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      out[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(width, count)) }, worker));
  return out;
}

/** Every entry through the one-series run; a series the run refuses gets its reason instead. */
export async function runLocal(
  entries: readonly PanelEntry[],
  options: Partial<ForecastSettings>,
  settings: ResolvedSettings,
  submitter: ForecastSubmitter,
  hooks: PipelineHooks,
): Promise<(LocalSeries | { reason: string })[]> {
  let done = 0;
  const started = performance.now();
  return eachLimited(entries.length, submitter.size, async (i) => {
    const e = entries[i];
    try {
      const run = await runForecast(e.view, seriesOptions(e, options, settings, settings.backtest), submitter, {
        nameSetting: hooks.nameSetting,
        signal: hooks.signal,
        onWarning: (m) => hooks.onWarning?.(`${e.label}: ${m}`),
      });
      return { forecast: run.forecast, backtest: run.backtest, model: run.model, verdict: run.verdict, warnings: run.warnings, modelFile: run.modelFile };
    } catch (error) {
      if (!(error instanceof ForecastInputError)) throw error;
      return { reason: error.message };
    } finally {
      done++;
      const elapsedMs = performance.now() - started;
      const fraction = done / entries.length;
      hooks.onProgress?.({ phase: `series ${done}/${entries.length}`, fraction, elapsedMs, etaMs: (elapsedMs * (1 - fraction)) / fraction });
    }
  });
}

/** The validation comparison auto mode chose on. */
export interface PanelChoiceReport {
  choice: 'global' | 'local';
  series: number;
  globalMase: number;
  localMase: number;
}

/**
 * Auto mode's panel-level choice: both strategies forecast the horizon after a validation cut
 * (one horizon before the earliest backtest cut, so the backtest stays out of sample), and the
 * lower mean MASE over the series wins; ties and too few series go to the global network.
 */
export async function chooseStrategy(
  entries: readonly PanelEntry[],
  options: Partial<ForecastSettings>,
  settings: ResolvedSettings,
  origins: number,
  globalFit: (targets: Float64Array[]) => Promise<PanelFitOutcome>,
  submitter: ForecastSubmitter,
  hooks: PipelineHooks,
): Promise<PanelChoiceReport> {
  const h = settings.horizon;
  const cuts = entries.map((e) => e.raw.history - h * (origins + 1));
  // A series enters the comparison with two horizons of history before its validation cut.
  const used = entries.map((e, i) => i).filter((i) => cuts[i] - entries[i].full.offset >= 2 * h);
  if (used.length === 0) return { choice: 'global', series: 0, globalMase: NaN, localMase: NaN };
  const fills = used.map((i) => fillSeries(entries[i].raw, cuts[i]));
  const global = await globalFit(fills.map((f) => f.series.target));
  const local = await eachLimited(used.length, submitter.size, async (j) => {
    const e = entries[used[j]];
    try {
      const run = await runForecast(headOf(e.view, cuts[used[j]]), seriesOptions(e, options, settings, false), submitter, { nameSetting: hooks.nameSetting, signal: hooks.signal });
      return run.forecast.mean;
    } catch (error) {
      if (!(error instanceof ForecastInputError)) throw error;
      return null;
    }
  });
  let g = 0;
  let l = 0;
  let n = 0;
  used.forEach((i, j) => {
    const e = entries[i];
    const actual = e.raw.target.slice(cuts[i], cuts[i] + h);
    const scale = seasonalNaiveScale(e.raw.target.subarray(e.full.offset, cuts[i]), settings.season);
    const mg = pointMetrics(actual, global.forecasts.mean.slice(j * h, (j + 1) * h), scale).mase;
    const ml = local[j] ? pointMetrics(actual, local[j]!, scale).mase : NaN;
    if (!Number.isFinite(mg) || !Number.isFinite(ml)) return;
    g += mg;
    l += ml;
    n++;
  });
  if (n === 0) return { choice: 'global', series: 0, globalMase: NaN, localMase: NaN };
  return { choice: l / n < g / n ? 'local' : 'global', series: n, globalMase: g / n, localMase: l / n };
}
