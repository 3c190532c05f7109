// The forecasting run, orchestrated from the caller's thread: choose and train candidates on
// the job runner, ensemble them, backtest against the baselines, refit on all data, forecast
// with intervals and say plainly how it compares. Light by design: every heavy loop runs
// inside jobs; here there are only small arrays (validation windows × horizon).
import type { Dataset } from '../data/types';
import { JobCancelledError, type TrainingProgress } from '../jobs/control';
import { BASELINE_LABELS, BASELINE_NAMES, baselineForecast, type BaselineName } from './baselines';
import { combineMembers, type Combined, type IntervalForecast } from './ensemble';
import { ForecastInputError } from './errors';
import { sliceSeries, type SeriesData } from './features';
import { coverage, pointMetrics, seasonalNaiveScale, type IntervalMetrics, type PointMetrics } from './metrics';
import { buildModelFile, type ModelFile } from './modelFile';
import { fillSeries, rawSeriesFromDataset, type FilledSeries, type RawSeries } from './prepare';
import type { JobRunner, RunnerJob } from './runner';
import {
  ENSEMBLE_SIZE,
  architectureCandidates,
  lookbackCandidates,
  lookbackChoices,
  rankByValidation,
  transformCandidates,
} from './search';
import { defaultLookback, maxLookback, resolveSettings, type ForecastSettings, type ResolvedSettings } from './settings';
import { futureTimes } from './timeAxis';
import { deriveSeed } from './random';
import { describeConfig, type CandidateConfig, type FitResult, type TrainingOptions } from './train';
import { validationWindowCount } from './windows';

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

export type ModelMetrics = PointMetrics & IntervalMetrics;

export interface BacktestOrigin {
  /** Row (0-based, in the file's rows) of the first hidden point. */
  originRow: number;
  time: Float64Array;
  actual: Float64Array;
  forecast: IntervalForecast;
  baselines: Record<BaselineName, Float64Array>;
  metrics: ModelMetrics;
  baselineMetrics: Record<BaselineName, PointMetrics>;
  model: string;
}

export interface BacktestReport {
  origins: BacktestOrigin[];
  /** Point metrics averaged over origins; coverage over all hidden points. */
  metrics: ModelMetrics;
  baselines: Record<BaselineName, PointMetrics>;
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
  /** Validation MAE (data units) of the final model and of the baselines on the same windows. */
  validation: { model: number; baselines: Record<BaselineName, number> };
  /** One or two sentences: how the model compares with the baselines. */
  verdict: string;
  warnings: string[];
  seconds: number;
  modelFile: ModelFile;
}

/**
 * One candidate configuration trained with SEEDS_PER_CANDIDATE seeds: its forecasts are the
 * mean over the seeds (less seed noise in model choice), its networks all kept.
 */
export interface Candidate extends FitResult {
  fits: FitResult[];
}

/** Networks per candidate configuration, each from its own seed, averaged. */
export const SEEDS_PER_CANDIDATE = 2;

function seedsOf(config: CandidateConfig): CandidateConfig[] {
  return Array.from({ length: SEEDS_PER_CANDIDATE }, (_, j) => (j === 0 ? config : { ...config, seed: deriveSeed(config.seed, 1000 + j) }));
}

/** Mean of the seeds' validation predictions and forecasts, as one candidate. */
export function mergeSeeds(fits: FitResult[]): Candidate {
  const first = fits[0];
  if (fits.length === 1) return { ...first, fits };
  const mean = (arrays: Float64Array[]) => {
    const out = new Float64Array(arrays[0].length);
    for (const a of arrays) for (let i = 0; i < out.length; i++) out[i] += a[i] / arrays.length;
    return out;
  };
  const predicted = mean(fits.map((f) => f.validation.predicted));
  const actual = first.validation.actual;
  let abs = 0;
  for (let i = 0; i < predicted.length; i++) abs += Math.abs(actual[i] - predicted[i]);
  return {
    ...first,
    validation: { ends: first.validation.ends, actual, predicted },
    validationMae: abs / predicted.length,
    validationLoss: Math.min(...fits.map((f) => f.validationLoss)),
    future: mean(fits.map((f) => f.future)),
    bestEpoch: Math.max(...fits.map((f) => f.bestEpoch)),
    seconds: fits.reduce((a, f) => a + f.seconds, 0),
    skippedSteps: fits.reduce((a, f) => a + f.skippedSteps, 0),
    fits,
  };
}

/** Result of choosing and training members on one cut of the series. */
interface Selection {
  members: Candidate[];
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
  const searchJobs = plannedSearchJobs(settings, full.series) + lookbacks.length - 1;
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
        reports.push(evaluateOrigin(raw, cutFill, cut, selection, settings));
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
      const anchor = { none: 'the training mean', last: 'the last value', mean: 'the mean of the last window' }[final.members[0].member.config.normalisation];
      warn(`No training epoch beat the untrained network on validation, so the model forecasts ${anchor}; a simple forecast suits this series.`);
    }
    const forecast = { ...final.combined.future, time: futureTimes(full.series, h) };
    const model = describeEnsemble(final.members);
    const validation = { model: final.combined.validationMae, baselines: final.combined.baselineValidationMae };
    const verdict = backtest ? backtestVerdict(backtest, settings.season) : validationVerdict(validation, settings.season);
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

function plannedSearchJobs(settings: ResolvedSettings, series: SeriesData): number {
  const positive = series.target.every((v) => v > 0);
  const stage1 = positive ? 6 : 3;
  return settings.model === 'auto' ? stage1 + 5 : stage1;
}

export function trainingOptions(settings: ResolvedSettings, validationWindows: number, timeBudgetMs: number): TrainingOptions {
  return {
    epochs: settings.epochs,
    patience: 10,
    batchSize: 32,
    learningRate: 3e-3,
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

async function select(
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
  const combined = combineMembers(members, series.target, settings.season);
  return { members, candidates: summarise(pool, members), combined };
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
  const combined = combineMembers(members, series.target, settings.season);
  return { members, candidates: summarise(members, members), combined };
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

function evaluateOrigin(raw: RawSeries, fill: FilledSeries, cut: number, selection: Selection, settings: ResolvedSettings): BacktestOrigin {
  const h = settings.horizon;
  const actual = raw.target.slice(cut, cut + h);
  const scale = seasonalNaiveScale(raw.target.subarray(fill.offset, cut), settings.season);
  const f = selection.combined.future;
  const history = fill.series.target;
  const baselines = {} as Record<BaselineName, Float64Array>;
  const baselineMetrics = {} as Record<BaselineName, PointMetrics>;
  for (const name of BASELINE_NAMES) {
    baselines[name] = baselineForecast(name, history, h, settings.season);
    baselineMetrics[name] = pointMetrics(actual, baselines[name], scale);
  }
  return {
    originRow: cut,
    time: raw.time.slice(cut, cut + h),
    actual,
    forecast: f,
    baselines,
    metrics: {
      ...pointMetrics(actual, f.mean, scale),
      coverage80: coverage(actual, f.lower80, f.upper80),
      coverage95: coverage(actual, f.lower95, f.upper95),
    },
    baselineMetrics,
    model: describeEnsemble(selection.members),
  };
}

function summariseBacktest(origins: BacktestOrigin[]): BacktestReport {
  const mean = (get: (o: BacktestOrigin) => number) => origins.reduce((s, o) => s + get(o), 0) / origins.length;
  const point = (get: (o: BacktestOrigin) => PointMetrics): PointMetrics => ({
    mae: mean((o) => get(o).mae),
    rmse: mean((o) => get(o).rmse),
    smape: mean((o) => get(o).smape),
    mase: mean((o) => get(o).mase),
  });
  const pooledCoverage = (level: 80 | 95) => {
    let inside = 0;
    let n = 0;
    for (const o of origins) {
      const lo = level === 80 ? o.forecast.lower80 : o.forecast.lower95;
      const hi = level === 80 ? o.forecast.upper80 : o.forecast.upper95;
      o.actual.forEach((y, k) => {
        if (Number.isNaN(y)) return;
        n++;
        if (y >= lo[k] && y <= hi[k]) inside++;
      });
    }
    return n ? inside / n : NaN;
  };
  const baselines = {} as Record<BaselineName, PointMetrics>;
  for (const name of BASELINE_NAMES) baselines[name] = point((o) => o.baselineMetrics[name]);
  return {
    origins,
    metrics: { ...point((o) => o.metrics), coverage80: pooledCoverage(80), coverage95: pooledCoverage(95) },
    baselines,
  };
}

const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(2));

/** Plain words on how the model did against the baselines on the backtest. */
export function backtestVerdict(report: BacktestReport, season: number): string {
  const names = BASELINE_NAMES.filter((n) => n !== 'snaive' || season > 1);
  // Rank by MAE (MASE is MAE over one scale, and stays defined when that scale is 0).
  const useMase = Number.isFinite(report.metrics.mase) && names.every((n) => Number.isFinite(report.baselines[n].mase));
  const measure = useMase ? 'MASE' : 'MAE';
  const value = (m: PointMetrics) => (useMase ? m.mase : m.mae);
  return verdict('On the backtest', measure, value(report.metrics), report.metrics.mae,
    names.map((n) => ({ n, shown: value(report.baselines[n]), mae: report.baselines[n].mae })), season);
}

export function validationVerdict(validation: ForecastRun['validation'], season: number): string {
  const names = BASELINE_NAMES.filter((n) => n !== 'snaive' || season > 1);
  return (
    verdict('On the validation windows', 'MAE', validation.model, validation.model,
      names.map((n) => ({ n, shown: validation.baselines[n], mae: validation.baselines[n] })), season) +
    ' Run a backtest for an out-of-sample check.'
  );
}

function verdict(
  where: string,
  measure: string,
  model: number,
  modelMae: number,
  baselines: { n: BaselineName; shown: number; mae: number }[],
  season: number,
): string {
  const ranked = [...baselines].sort((a, b) => a.mae - b.mae);
  const best = ranked[0];
  const reference = baselines.find((b) => b.n === (season > 1 ? 'snaive' : 'naive'))!;
  const tie = Math.abs(modelMae - best.mae) <= 1e-9 * Math.max(Math.abs(best.mae), 1e-300);
  if (tie) {
    return `${where} the model forecast exactly as well as the ${BASELINE_LABELS[best.n]} forecast (${measure} ${fmt(model)}): it adds nothing over that simple forecast for this series.`;
  }
  if (modelMae > best.mae) {
    const vsReference =
      reference.n === best.n
        ? ''
        : modelMae < reference.mae
          ? ` It did beat ${BASELINE_LABELS[reference.n]} (${fmt(reference.shown)}).`
          : ` It was also behind ${BASELINE_LABELS[reference.n]} (${fmt(reference.shown)}).`;
    return (
      `${where} the ${BASELINE_LABELS[best.n]} forecast beat the model (${measure} ${fmt(best.shown)} vs ${fmt(model)}): ` +
      `for this series the simple forecast is the better choice.${vsReference}`
    );
  }
  const gain = (1 - modelMae / reference.mae) * 100;
  const bestNote = best.n === reference.n ? '' : `; best baseline: ${BASELINE_LABELS[best.n]} ${fmt(best.shown)}`;
  return (
    `${where} the model beat every baseline: ${measure} ${fmt(model)} vs ${fmt(reference.shown)} for ` +
    `${BASELINE_LABELS[reference.n]} (${gain.toFixed(0)}% lower error)${bestNote}.`
  );
}

// ---------------------------------------------------------------------------------------------
// Submitting jobs: progress over the whole run, time budget, cancel.

class JobTracker {
  private done = 0;
  private running = new Map<number, number>();
  private nextId = 0;
  private live = new Set<RunnerJob<unknown>>();
  private phase = '';
  budgetHit = false;
  private readonly onAbort = () => {
    for (const job of this.live) job.cancel();
  };

  constructor(
    private readonly runner: JobRunner,
    private readonly hooks: PipelineHooks,
    private readonly started: number,
    private readonly planned: number,
    private readonly budgetSec: number,
  ) {
    hooks.signal?.addEventListener('abort', this.onAbort);
  }

  dispose(): void {
    this.hooks.signal?.removeEventListener('abort', this.onAbort);
  }

  /** Per-job time cap: the run's budget shared over the planned jobs, run `size` at a time. */
  jobBudgetMs(): number {
    if (this.budgetSec <= 0) return 0;
    const left = this.budgetSec * 1000 - (performance.now() - this.started);
    const jobsLeft = Math.max(1, this.planned - this.done);
    return Math.max(250, (left * Math.max(1, this.runner.size)) / jobsLeft);
  }

  outOfTime(): boolean {
    if (this.budgetSec <= 0) return false;
    const out = performance.now() - this.started > this.budgetSec * 1000;
    if (out) this.budgetHit = true;
    return out;
  }

  async trainAll(
    phase: string,
    series: SeriesData,
    horizon: number,
    configs: CandidateConfig[],
    training: TrainingOptions,
    warn: (m: string) => void,
  ): Promise<Candidate[]> {
    if (this.hooks.signal?.aborted) throw new JobCancelledError();
    this.phase = phase;
    this.report();
    const expanded = configs.flatMap(seedsOf);
    const submitted = expanded.map((config) => {
      const id = this.nextId++;
      const label = describeConfig(config);
      const job = this.runner.submit(
        'train',
        { label, series, horizon, config, training },
        {
          onProgress: (p) => {
            this.running.set(id, p.fraction);
            this.report(p);
          },
          onWarning: (m) => warn(`${label}: ${m}`),
        },
      );
      this.live.add(job);
      // An abort during submission (e.g. from a progress callback) must reach this job too.
      if (this.hooks.signal?.aborted) job.cancel();
      return job.result.finally(() => {
        this.live.delete(job);
        this.running.delete(id);
        this.done++;
        this.report();
      });
    });
    // Wait for all before failing, so no job is left running behind a rejection.
    const settled = await Promise.allSettled(submitted);
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed) {
      this.onAbort();
      throw this.hooks.signal?.aborted ? new JobCancelledError() : (failed as PromiseRejectedResult).reason;
    }
    const results = settled.map((s) => (s as PromiseFulfilledResult<FitResult>).value);
    if (results.some((r) => r.stoppedBy === 'time-budget')) this.budgetHit = true;
    for (const r of results) {
      if (r.skippedSteps > 0) warn(`${r.label}: skipped ${r.skippedSteps} training step(s) with a non-finite loss or gradient.`);
    }
    return configs.map((_, i) => mergeSeeds(results.slice(i * SEEDS_PER_CANDIDATE, (i + 1) * SEEDS_PER_CANDIDATE)));
  }

  private report(job?: TrainingProgress): void {
    if (!this.hooks.onProgress) return;
    let runningFraction = 0;
    for (const f of this.running.values()) runningFraction += f;
    const fraction = Math.min(1, (this.done + runningFraction) / Math.max(1, this.planned));
    const elapsedMs = performance.now() - this.started;
    let etaMs = fraction > 0.02 ? (elapsedMs * (1 - fraction)) / fraction : NaN;
    if (this.budgetSec > 0) etaMs = Math.min(Number.isNaN(etaMs) ? Infinity : etaMs, Math.max(0, this.budgetSec * 1000 - elapsedMs));
    this.hooks.onProgress({ phase: this.phase, fraction, elapsedMs, etaMs, job });
  }
}
