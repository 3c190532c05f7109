// The forecasting run, orchestrated from the caller's thread: choose and train candidates on
// the job runner, ensemble them, backtest against the baselines, refit on all data, forecast
// with intervals and say plainly how it compares. Light by design: every heavy loop runs
// inside jobs; here there are only small arrays (validation windows × horizon).
import type { Dataset } from '../data/types';
import type { TrainingProgress } from '../jobs/control';
import { BASELINE_LABELS, type BaselineName } from './baselines';
import { evaluateOrigin, summariseBacktest, type BacktestOrigin, type BacktestReport } from './backtest';
import { SEEDS_PER_CANDIDATE, type Candidate } from './candidates';
import { combineMembers, type Combined, type IntervalForecast } from './ensemble';
import { ForecastInputError } from './errors';
import { baselineAhead, baselineCombined, guardSentence } from './guard';
import type { SeriesData } from './features';
import { JobTracker } from './jobTracker';
import { buildModelFile, type ModelFile } from './modelFile';
import { fillSeries, rawSeriesFromDataset } from './prepare';
import type { JobRunner } from './runner';
import {
  ENSEMBLE_SIZE,
  architectureCandidates,
  lookbackCandidates,
  lookbackChoices,
  normalisationChoices,
  rankByValidation,
  transformCandidates,
} from './search';
import { defaultLookback, maxLookback, resolveSettings, type ForecastSettings, type ResolvedSettings } from './settings';
import { futureTimes } from './timeAxis';
import { describeConfig, type CandidateConfig, type FitResult, type TrainingOptions } from './train';
import { backtestVerdict, validationVerdict } from './verdict';
import { validationWindowCount } from './windows';

export type { BacktestOrigin, BacktestReport, ModelMetrics } from './backtest';
export type { Candidate } from './candidates';
export { SEEDS_PER_CANDIDATE, mergeSeeds } from './candidates';
export { backtestVerdict, validationVerdict } from './verdict';

export interface PipelineProgress {
  /** What runs now, e.g. "backtest: choosing transforms", "refit on all data". */
  phase: string;
  /** 0..1 over the whole run. */
  fraction: number;
  elapsedMs: number;
  /** NaN until something is known. */
  etaMs: number;
  /** The latest progress of a training job, for loss curves. */
  job?: TrainingProgress;
}

export interface PipelineHooks {
  onProgress?(progress: PipelineProgress): void;
  onWarning?(message: string): void;
  /** Aborting cancels every job and rejects with JobCancelledError. */
  signal?: AbortSignal;
  /**
   * Diagnostics (benchmarks): each backtest origin's selection — every candidate's validation
   * predictions and the combined forecast — with the cut series it was chosen on.
   */
  onBacktestSelection?(origin: { index: number; cut: number; series: SeriesData; selection: Selection }): void;
}

/** One candidate as the user sees it in the results. */
export interface CandidateSummary {
  label: string;
  config: CandidateConfig;
  validationMae: number;
  bestEpoch: number;
  epochsRun: number;
  stoppedBy: FitResult['stoppedBy'];
  seconds: number;
  history: FitResult['history'];
  /** Part of the final ensemble. */
  chosen: boolean;
}

export interface ForecastRun {
  settings: ResolvedSettings;
  /** Description of the final model, e.g. "median of 3: gru uni 1×32 L=36 level, …". */
  model: string;
  /** Every candidate of the model search (on the backtest cut when there is a backtest). */
  candidates: CandidateSummary[];
  /** The final model's members as trained on all data (loss curves of the refit). */
  members: CandidateSummary[];
  forecast: IntervalForecast & { time: Float64Array };
  backtest: BacktestReport | null;
  /**
   * Set when auto mode forecasts with this baseline because it beat the trained networks on
   * the validation windows (the verdict says so); null when the networks' ensemble is used.
   */
  baseline: BaselineName | null;
  /** Validation MAE (data units) of the final model and of the baselines on the same windows. */
  validation: { model: number; baselines: Record<BaselineName, number> };
  /** One or two sentences: how the model compares with the baselines. */
  verdict: string;
  warnings: string[];
  seconds: number;
  modelFile: ModelFile;
}

/** Result of choosing and training members on one cut of the series. */
export interface Selection {
  members: Candidate[];
  /** Every candidate trained, best first by validation. */
  pool: Candidate[];
  candidates: CandidateSummary[];
  combined: Combined;
}

export async function runForecast(
  dataset: Dataset,
  options: Partial<ForecastSettings>,
  runner: JobRunner,
  hooks: PipelineHooks = {},
): Promise<ForecastRun> {
  const started = performance.now();
  const settings = resolveSettings(dataset, options);
  const warnings: string[] = [];
  const warn = (message: string) => {
    if (warnings.includes(message)) return;
    warnings.push(message);
    hooks.onWarning?.(message);
  };
  const raw = rawSeriesFromDataset(dataset, settings.target, settings.covariates, settings.season);
  const full = fillSeries(raw);
  if (full.interpolated + full.carried > 0) {
    warn(
      `Column "${settings.target}": ${full.interpolated} missing value(s) interpolated` +
        (full.carried ? `, ${full.carried} at the end carried forward from the last value` : '') +
        (full.offset ? `; ${full.offset} leading row(s) without a value skipped` : '') + '.',
    );
  }
  const h = settings.horizon;
  const shortest = full.series.target.length - (settings.backtest ? h * settings.backtestOrigins : 0);
  const lookback = chooseLookback(settings, shortest, dataset.source);
  const lookbacks = lookbackChoices(settings, lookback, maxLookback(h, shortest));

  const origins = settings.backtest ? settings.backtestOrigins : 0;
  const searchJobs = plannedSearchJobs(settings, full.series, lookback) + lookbacks.length - 1;
  const plannedJobs = SEEDS_PER_CANDIDATE * (origins * searchJobs + (origins > 0 ? ENSEMBLE_SIZE : searchJobs));
  const jobs = new JobTracker(runner, hooks, started, plannedJobs, settings.timeBudgetSec);

  try {
    let backtest: BacktestReport | null = null;
    let chosen: CandidateConfig[] | null = null;
    let searched: CandidateSummary[] | null = null;
    if (origins > 0) {
      const reports: BacktestOrigin[] = [];
      for (let j = 0; j < origins; j++) {
        const cut = raw.target.length - h * (origins - j);
        const cutFill = fillSeries(raw, cut);
        const selection = await select(cutFill.series, settings, lookbacks, jobs, `backtest ${j + 1}/${origins}`, warn);
        hooks.onBacktestSelection?.({ index: j, cut, series: cutFill.series, selection });
        reports.push(
          evaluateOrigin(raw, cutFill, cut, selection.combined.future, describeSelection(selection), settings.season, h),
        );
        if (j === origins - 1) {
          chosen = selection.members.map((m) => m.member.config);
          searched = selection.candidates;
        }
      }
      backtest = summariseBacktest(reports);
    }
    const final: Selection = chosen
      ? await refit(full.series, chosen, settings, jobs, warn)
      : await select(full.series, settings, lookbacks, jobs, 'model search', warn);
    if (final.members.every((m) => m.bestEpoch === 0)) {
      const anchor = { none: 'the training mean', last: 'the last value', mean: 'the mean of the last window', season: 'the value one season earlier (seasonal naive)' }[final.members[0].member.config.normalisation];
      warn(`No training epoch beat the untrained network on validation, so the model forecasts ${anchor}; a simple forecast suits this series.`);
    }
    const forecast = { ...final.combined.future, time: futureTimes(full.series, h) };
    const model = describeSelection(final);
    const validation = { model: final.combined.validationMae, baselines: final.combined.baselineValidationMae };
    const guard = final.combined.baseline;
    const verdict =
      (guard ? guardSentence(guard, final.combined.networksValidationMae, final.combined.validationMae) + ' ' : '') +
      (backtest ? backtestVerdict(backtest, settings.season) : validationVerdict(validation, settings.season));
    if (jobs.budgetHit) {
      warn('The time budget cut training short: results may differ from run to run. Raise --time-budget (or set 0) for reproducible results.');
    }
    const seconds = (performance.now() - started) / 1000;
    const modelFile = buildModelFile({
      dataset,
      settings,
      series: full.series,
      members: final.members,
      combined: final.combined,
      backtest,
      model,
      training: trainingOptions(settings, final.members[0].validation.ends.length, 0),
    });
    return {
      settings,
      model,
      candidates: searched ?? final.candidates,
      members: summarise(final.members, final.members),
      forecast,
      backtest,
      baseline: guard,
      validation,
      verdict,
      warnings,
      seconds,
      modelFile,
    };
  } finally {
    jobs.dispose();
  }
}

function chooseLookback(settings: ResolvedSettings, length: number, source: string): number {
  const h = settings.horizon;
  const longest = maxLookback(h, length);
  if (longest < 2) {
    throw new ForecastInputError(
      `${source}: ${length} usable rows are too few for horizon ${h}` +
        (settings.backtest ? ' with a backtest' : '') +
        `: at least ${3 * h + 26} are needed. Use a shorter --horizon or a longer series.`,
      { option: '--horizon' },
    );
  }
  if (settings.lookback === null) return defaultLookback(h, settings.season, length);
  if (settings.lookback > longest) {
    throw new ForecastInputError(
      `--lookback ${settings.lookback} is too long for ${length} usable rows with horizon ${h}: at most ${longest}.`,
      { option: '--lookback' },
    );
  }
  return settings.lookback;
}

function plannedSearchJobs(settings: ResolvedSettings, series: SeriesData, lookback: number): number {
  const positive = series.target.every((v) => v > 0);
  const stage1 = (positive ? 2 : 1) * normalisationChoices(settings.season, lookback).length;
  return settings.model === 'auto' ? stage1 + 5 : stage1;
}

export function trainingOptions(settings: ResolvedSettings, validationWindows: number, timeBudgetMs: number): TrainingOptions {
  return {
    epochs: settings.epochs,
    patience: 10,
    batchSize: settings.batchSize,
    learningRate: settings.learningRate,
    weightDecay: 0,
    clipNorm: 1,
    loss: 'huber',
    huberDelta: 1,
    plateauEpochs: 5,
    split: { validationWindows, maxTrainWindows: 4096 },
    windowsPerEpoch: 512,
    workBudget: 1.5e6,
    timeBudgetMs,
  };
}

/** Fewest training windows a candidate must keep (planSplit's default). */
const MIN_TRAIN_WINDOWS = 8;

function validationWindowsFor(n: number, h: number, lookback: number): number {
  const total = n - lookback - h + 1;
  return Math.min(validationWindowCount(total, { minValidation: 12, maxValidation: 256 }), Math.max(1, total - (h - 1) - MIN_TRAIN_WINDOWS));
}

export async function select(
  series: SeriesData,
  settings: ResolvedSettings,
  lookbacks: readonly number[],
  jobs: JobTracker,
  phase: string,
  warn: (m: string) => void,
): Promise<Selection> {
  const h = settings.horizon;
  const lookback = lookbacks[0];
  // Every candidate is validated on the same windows, set by the default lookback; a longer
  // lookback is tried only where it still leaves enough training windows before them.
  const nVal = validationWindowsFor(series.target.length, h, lookback);
  const usable = lookbacks.filter((L) => series.target.length - L - h + 1 - (h - 1) - MIN_TRAIN_WINDOWS >= nVal);
  const positive = series.target.every((v) => v > 0);
  const options = trainingOptions(settings, nVal, jobs.jobBudgetMs());
  const stage1 = transformCandidates(settings, lookback, positive);
  const results1 = await jobs.trainAll(`${phase}: choosing transforms`, series, h, stage1, options, warn);
  const ranked1 = rankByValidation(results1);
  let pool = ranked1;
  if (settings.model === 'auto') {
    if (jobs.outOfTime()) {
      warn('The time budget ran out before all architectures were tried; the ensemble uses the ones trained.');
    } else {
      const stage2 = architectureCandidates(settings, ranked1[0].member.config);
      const results2 = await jobs.trainAll(`${phase}: comparing architectures`, series, h, stage2, options, warn);
      pool = rankByValidation([...results1, ...results2]);
      const stage3 = lookbackCandidates(settings, pool[0].member.config, usable);
      if (stage3.length > 0 && !jobs.outOfTime()) {
        const results3 = await jobs.trainAll(`${phase}: comparing lookbacks`, series, h, stage3, options, warn);
        pool = rankByValidation([...pool, ...results3]);
      }
    }
  }
  const members = settings.model === 'auto' ? pool.slice(0, ENSEMBLE_SIZE) : [pool[0]];
  const combined = guarded(combineMembers(members, series.target, settings.season), members, series, settings);
  return { members, pool, candidates: summarise(pool, members), combined };
}

async function refit(
  series: SeriesData,
  configs: CandidateConfig[],
  settings: ResolvedSettings,
  jobs: JobTracker,
  warn: (m: string) => void,
): Promise<Selection> {
  const h = settings.horizon;
  // Validation windows every member can have (the longest lookback leaves the fewest).
  const nVal = Math.min(...configs.map((c) => validationWindowsFor(series.target.length, h, c.lookback)));
  const options = trainingOptions(settings, nVal, jobs.jobBudgetMs());
  const members = await jobs.trainAll('refit on all data', series, h, configs, options, warn);
  const combined = guarded(combineMembers(members, series.target, settings.season), members, series, settings);
  return { members, pool: members, candidates: summarise(members, members), combined };
}

/**
 * Auto mode's baseline guard: a baseline with a lower validation error than the networks'
 * ensemble on the same windows becomes the forecast. A model the user chose is kept as it is
 * (the verdict still says when a baseline beats it).
 */
function guarded(combined: Combined, members: readonly Candidate[], series: SeriesData, settings: ResolvedSettings): Combined {
  if (settings.model !== 'auto') return combined;
  const name = baselineAhead(combined, settings.season);
  return name ? baselineCombined(combined, name, series.target, members[0].validation.ends, settings.season) : combined;
}

/** The model as the user reads it: the ensemble, or the baseline the guard chose over it. */
function describeSelection(selection: Selection): string {
  const networks = describeEnsemble(selection.members);
  const b = selection.combined.baseline;
  return b ? `${BASELINE_LABELS[b]} (ahead of the networks on validation: ${networks})` : networks;
}

function summarise(all: readonly Candidate[], chosen: readonly Candidate[]): CandidateSummary[] {
  return all.map((r) => ({
    label: r.label,
    config: r.member.config,
    validationMae: r.validationMae,
    bestEpoch: r.bestEpoch,
    epochsRun: r.epochsRun,
    stoppedBy: r.stoppedBy,
    seconds: r.seconds,
    history: r.history,
    chosen: chosen.includes(r),
  }));
}

export function describeEnsemble(members: readonly Candidate[]): string {
  const labels = members.map((m) => describeConfig(m.member.config));
  const seeds = SEEDS_PER_CANDIDATE > 1 ? ` (each the mean of ${SEEDS_PER_CANDIDATE} seeds)` : '';
  return (labels.length === 1 ? labels[0] : `median of ${labels.length}: ${labels.join(', ')}`) + seeds;
}
