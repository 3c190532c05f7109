// The one interface every forecaster implements — the recurrent networks, the simple baselines
// and any kind added later — and the shapes it exchanges with the pipeline. The pipeline
// (search, ensemble, baseline guard, backtest, intervals) sees models only through this file.
import type * as v from 'valibot';
import type { Frequency } from '../data/types';
import type { RunControl } from '../jobs/control';
import type { NetworkSpec } from '../nn/spec';

/** A regular series ready for modelling: no missing values (filled before), one time index. */
export interface SeriesData {
  /** Epoch ms per row. */
  time: Float64Array;
  /** Target, missing values already filled. */
  target: Float64Array;
  /** Past-only covariates in `covariateNames` order, filled. */
  covariates: Float64Array[];
  covariateNames: string[];
  /** Covariates known in advance (planned promotions, prices, holidays); absent = none. */
  known?: KnownCovariates;
  frequency: Frequency;
  season: number;
}

/**
 * Covariates whose values are known for the forecast steps too. Each of `values` holds the
 * series' n rows, then the h steps after it (h = the horizon being forecast): n + h values,
 * filled. A model reads rows ≤ e + h of them for a window ending at row e, never the target's.
 */
export interface KnownCovariates {
  names: string[];
  values: Float64Array[];
}

/**
 * Forecasts from the ends of the validation windows: window i forecasts rows ends[i]+1 ..
 * ends[i]+h from what is known up to row ends[i]. Arrays (n, h) row-major, data units.
 */
export interface ValidationForecasts {
  ends: Int32Array;
  actual: Float64Array;
  predicted: Float64Array;
}

/** What a fit job is asked to do: one model configuration on one series. */
export interface FitRequest<C = unknown> {
  /** Registry id of the model kind. */
  kind: string;
  /** Shown in progress, e.g. "lstm bi 1×32 L=36". */
  label: string;
  series: SeriesData;
  horizon: number;
  /**
   * Validation windows at the end of the series, the last one's targets being its last h
   * points; every candidate of one model choice is validated on the same windows.
   */
  validationWindows: number;
  config: C;
  /** Stop training after this much active time (ms), keeping the best so far; 0 = none. */
  timeBudgetMs: number;
}

/**
 * Many series in one request without one array per series: series i is
 * values[offsets[i] .. offsets[i + 1]) (filled, as SeriesData.target), so a job takes one buffer
 * by transfer whatever the panel's size. All series share the frequency and season.
 */
export interface PanelSeriesData {
  values: Float64Array;
  /** Series count + 1 entries, ascending from 0 to values.length. */
  offsets: Int32Array;
  frequency: Frequency;
  season: number;
}

/** What a panel fit job is asked to do: one configuration trained across every series, then each forecast. */
export interface PanelFitRequest<C = unknown> {
  kind: string;
  label: string;
  series: PanelSeriesData;
  horizon: number;
  config: C;
}

/** Forecasts of every series of a panel: arrays (series, horizon) row-major, data units; NaN rows for a series too short to forecast. */
export interface PanelForecasts {
  mean: Float64Array;
  lower80: Float64Array;
  upper80: Float64Array;
  lower95: Float64Array;
  upper95: Float64Array;
}

/** A model fitted across a panel: its saved state and every series' forecast with intervals. */
export interface PanelFitOutcome<S = unknown> {
  kind: string;
  label: string;
  state: S;
  forecasts: PanelForecasts;
  /** Series the model learned from (too short ones are only forecast). */
  trainedOn: number;
  training: TrainingReport;
  seconds: number;
  /** What the forecasts rest on, in a few words for the user. */
  note: string;
}

/** 'epochs' also covers a work budget's epoch cap; 'closed-form' is a model without training. */
export type StopReason = 'patience' | 'epochs' | 'time-budget' | 'closed-form';

/** How training went, for loss curves and the run's notes (empty history without training). */
export interface TrainingReport {
  trainLoss: Float64Array;
  validationLoss: Float64Array;
  /** Epoch whose weights were kept (0 = the untrained starting point). */
  bestEpoch: number;
  epochsRun: number;
  stoppedBy: StopReason;
  /** Steps skipped for a non-finite loss or gradient. */
  skippedSteps: number;
}

/** A fitted model: what it saves, how it did on validation and its forecast after the series. */
export interface FitOutcome<S = unknown> {
  kind: string;
  label: string;
  /** Plain JSON-able data from which `forecast` predicts again (saved in model files). */
  state: S;
  validation: ValidationForecasts;
  /** Mean absolute validation error in data units (what model choice compares). */
  validationMae: number;
  /** Forecast of the h points after the series, data units. */
  future: Float64Array;
  /**
   * The model's own prediction intervals for `future`, when it has calibrated ones (e.g. error
   * tables measured across many series); the pipeline otherwise calibrates on validation.
   */
  intervals?: { lower80: Float64Array; upper80: Float64Array; lower95: Float64Array; upper95: Float64Array };
  training: TrainingReport;
  seconds: number;
  /** What the forecast rests on, in a few words for the user (e.g. "24 points: the pretrained network"). */
  note?: string;
}

/** One stage of a model search: the configurations to train next. */
export interface SearchStage<C> {
  /** What the stage compares, e.g. "choosing transforms". */
  label: string;
  configs: C[];
}

/** A fitted candidate as the search sees it: its configuration and validation error. */
export interface RankedCandidate<C> {
  config: C;
  validationMae: number;
}

/** Everything a search may decide from: the user's settings and what the data allow. */
export interface SearchContext<S> {
  settings: S;
  horizon: number;
  season: number;
  /** Points of the series cut being searched on. */
  length: number;
  /** Points of the shortest cut of the run (the earliest backtest origin's). */
  shortestLength: number;
  /** Every target value is > 0 (log transforms possible). */
  positive: boolean;
  /** The run hides its last horizon(s) for a backtest. */
  backtest: boolean;
  /** How the caller words a setting in messages (a CLI flag, a form label). */
  nameSetting(field: string): string;
}

/**
 * A staged search: each stage is chosen knowing how every earlier candidate ranked (best
 * first); seeds follow each candidate's place in the plan, never completion order.
 */
export interface SearchPlan<C> {
  /** Validation windows every candidate of the plan is scored on. */
  validationWindows: number;
  /** The most candidates the plan trains, and their fits (replicas included): for progress. */
  plannedCandidates: number;
  plannedFits: number;
  stages: Generator<SearchStage<C>, void, readonly RankedCandidate<C>[]>;
}

/**
 * The computing half of a model kind: fitting and forecasting, which run inside worker jobs
 * and may pull in the network engine. Loaded on demand, so code that only describes, searches
 * or checks models (the pipeline, the app's forms) stays light.
 */
export interface ModelRuntime<C = unknown, S = unknown> {
  fit(request: FitRequest<C>, control: RunControl): FitOutcome<S>;
  /** Kinds that learn across many series (the global network): one fit over every series of a panel. */
  fitPanel?(request: PanelFitRequest<C>, control: RunControl): PanelFitOutcome<S>;
  /** Kinds fitted across many series: forecast every series of a panel from a saved state, with intervals. */
  forecastPanel?(state: S, series: PanelSeriesData, horizon: number, control: RunControl): PanelForecasts;
  /** Forecast the `horizon` points after `series` from a saved state. */
  forecast(state: S, series: SeriesData, horizon: number): Float64Array;
}

/**
 * A kind of forecaster. `network` kinds are searched and ensembled; `baseline` kinds are the
 * honest comparisons every forecast is shown beside (and auto mode's guard).
 */
export interface ModelKind<C = unknown, S = unknown, Settings = unknown> {
  readonly id: string;
  readonly family: 'network' | 'baseline';
  /** Values of the model setting that select this kind (e.g. a cell: "lstm"), if any. */
  readonly choices: readonly string[];
  /** The kind's name in prose, e.g. "seasonal naive". */
  readonly title: string;
  /**
   * Baselines: whether comparing against it says anything for this season (seasonal naive is
   * naive without one). Absent = always.
   */
  comparedWhen?(season: number): boolean;
  /** One line on a configuration, e.g. "gru uni 1×32 L=36 level". */
  describe(config: C): string;
  /** The configurations to try for these settings (network kinds). */
  search?(context: SearchContext<Settings>): SearchPlan<C>;
  /** Validation windows `config` uses on a series of `length` points. */
  validationWindows(config: C, length: number, horizon: number): number;
  /**
   * Configurations whose forecasts are averaged into one candidate (e.g. the same network from
   * several seeds), so model choice compares configurations rather than lucky draws.
   */
  replicas(config: C): C[];
  /** Loads the fitting and forecasting code (worker jobs call it). */
  runtime(): Promise<ModelRuntime<C, S>>;
  /** Networks: what the model forecasts when no training epoch beat its untrained start. */
  describeUntrained?(config: C): string;
  /** Steps a saved state forecasts, or null when it forecasts any horizon (a file's horizon must match). */
  horizonOf(state: S): number | null;
  /** Rows the forecast reads from the end of a series (a shorter file cannot be forecast). */
  historyNeeded(state: S): number;
  /** Checks a state read from a file before it is used. */
  readonly stateSchema: v.GenericSchema<unknown, S>;
  /** The configuration inside a saved state (for descriptions and model cards). */
  configOf(state: S): C;
  /**
   * What a fitted model computes, in one or two plain sentences for a model card (e.g. "Repeats
   * the last observed value for every step ahead."). Every kind says it, so no card is silent.
   */
  explain(state: S): string;
  /**
   * The engine/nn networks a fitted state holds, one spec per network (e.g. one per seed), for
   * model cards: their cells' equations and parameter counts. Absent = none.
   */
  networks?(state: S): NetworkSpec[];
}
