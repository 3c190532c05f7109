// What a run over many series gives back: one result per series (as the one-series run gives
// it) and the aggregate over the panel. Plain data (typed arrays, strings, numbers) so main can
// pass it to the page as it is.
import type { BacktestReport } from '../backtest';
import type { IntervalForecast } from '../ensemble';
import type { ModelFile } from '../modelFile';
import type { ResolvedSettings } from '../settings';

/** How the panel's forecasts were made: one network trained across every series, or each series on its own. */
export type PanelStrategy = 'global' | 'local';

/** One series of the panel: what the one-series run reports, for this series. */
export interface PanelSeriesResult {
  /** The series' id values, one per id column (for a wide file, the column name). */
  id: string[];
  /** The id as one label ("store 3 · product A"). */
  label: string;
  /** Observed values in the series' history. */
  points: number;
  forecast: IntervalForecast & { time: Float64Array };
  /** The series' backtest, baselines included; null when not asked or the series is too short. */
  backtest: BacktestReport | null;
  /** What forecast this series, e.g. "global lstm 1×64" or a baseline's name when it won here. */
  model: string;
  verdict: string;
  warnings: string[];
}

/** A series the file names that the run could not forecast, with why. */
export interface PanelSkipped {
  id: string[];
  label: string;
  reason: string;
}

/** The backtest over the panel: means over series, coverage pooled over every hidden value. */
export interface PanelAggregate {
  /** Series with a backtest. */
  series: number;
  smape: number | null;
  mase: number | null;
  coverage80: number | null;
  coverage95: number | null;
  /** Per baseline kind id: the mean of its per-series scores, and on how many series the model beats it (MASE). */
  baselines: Record<string, { smape: number | null; mase: number | null; beaten: number }>;
}

export interface PanelRun {
  settings: ResolvedSettings;
  strategy: PanelStrategy;
  /** The panel's model in words, e.g. "global GRU 1×64 across 100 series, warm-started from the pretrained monthly network". */
  model: string;
  /** Every forecast series, in the file's order. */
  series: PanelSeriesResult[];
  skipped: PanelSkipped[];
  aggregate: PanelAggregate | null;
  /** One or two sentences on the panel as a whole. */
  verdict: string;
  warnings: string[];
  seconds: number;
  modelFile: ModelFile;
}
