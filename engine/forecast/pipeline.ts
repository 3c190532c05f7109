// The forecasting run, orchestrated from the caller's thread: search and fit candidates of the
// network kinds on the job submitter, ensemble them, guard and score them against the
// baselines, backtest, refit on all data, forecast with intervals and say plainly how it
// compares. Models are reached only through the model interface (engine/models). Light by
// design: every heavy loop runs inside jobs; here there are only small arrays (validation
// windows × horizon).
import type { Dataset } from '../data/types';
import { ForecastInputError } from '../models/errors';
import { BASELINE_KINDS, AUTO, modelKind, networkKindsFor } from '../models/registry';
import type { FitOutcome, ModelKind, SearchContext, SeriesData, StopReason } from '../models/types';
import { evaluateOrigin, summariseBacktest, type BacktestOrigin, type BacktestReport } from './backtest';
import { rankByValidation, type Candidate } from './candidates';
import { combineMembers, type Combined, type IntervalForecast } from './ensemble';
import { FitScheduler, type PipelineProgress, type PlannedFit, type SchedulerHooks } from './fit-scheduler';
import { baselineAhead, baselineCombined, guardSentence } from './guard';
import { buildModelFile, type ModelFile } from './modelFile';
import type { ForecastSubmitter } from './pool';
import { fillSeries, futureRowsNote, rawSeriesFromDataset } from './prepare';
import { resolveSettings, settingWords, type ForecastSettings, type ResolvedSettings, type SettingNamer } from './settings';
import { futureTimes } from './timeAxis';
import { backtestVerdict, validationVerdict } from './verdict';

export type { BacktestOrigin, BacktestReport, ModelMetrics } from './backtest';
export type { Candidate } from './candidates';
export type { PipelineProgress } from './fit-scheduler';
export { backtestVerdict, validationVerdict } from './verdict';

/** How many of the best candidates the auto-mode ensemble takes the median of. */
export const ENSEMBLE_SIZE = 3;

export interface PipelineHooks extends SchedulerHooks {
  onWarning?(message: string): void;
  /** How messages name settings: the CLI's flags (default: the engine's plain words). */
  nameSetting?: SettingNamer;
  /**
   * Diagnostics (benchmarks): each backtest origin's selection — every candidate's validation
   * predictions and the combined forecast — with the cut series it was chosen on.
   */
  onBacktestSelection?(origin: { index: number; cut: number; series: SeriesData; selection: Selection }): void;
}

/** One candidate as the user sees it in the results. */
export interface CandidateSummary {
  label: string;
  kind: string;
  config: unknown;
  validationMae: number;
  bestEpoch: number;
  epochsRun: number;
  stoppedBy: StopReason;
  seconds: number;
  history: { trainLoss: Float64Array; validationLoss: Float64Array };
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
   * Set (a baseline kind id) when auto mode forecasts with this baseline because it beat the
   * trained networks on the validation windows (the verdict says so); null when the networks'
   * ensemble is used.
   */
  baseline: string | null;
  /** Validation MAE (data units) of the final model and of the baselines on the same windows. */
  validation: { model: number; baselines: Record<string, number> };
  /** One or two sentences: how the model compares with the baselines. */
  verdict: string;
  warnings: string[];
  seconds: number;
  modelFile: ModelFile;
}

/** Result of choosing and fitting members on one cut of the series. */
export interface Selection {
  members: Candidate[];
  /** Every candidate fitted, best first by validation. */
  pool: Candidate[];
  /** Every baseline, fitted on the members' validation windows. */
  baselines: FitOutcome[];
  candidates: CandidateSummary[];
  combined: Combined;
}

export async function runForecast(
  dataset: Dataset,
  options: Partial<ForecastSettings>,
  submitter: ForecastSubmitter,
  hooks: PipelineHooks = {},
): Promise<ForecastRun> {
  const started = performance.now();
  const nameSetting = hooks.nameSetting ?? settingWords;
  const settings = resolveSettings(dataset, options, nameSetting);
  const warnings: string[] = [];
  const warn = (message: string) => {
    if (warnings.includes(message)) return;
    warnings.push(message);
    hooks.onWarning?.(message);
  };
  const raw = rawSeriesFromDataset(dataset, settings.target, settings.covariates, settings.season, {
    known: settings.futureCovariates,
    holidays: settings.holidays,
    horizon: settings.horizon,
  });
  const futureNote = futureRowsNote(raw, dataset.time.length);
  if (futureNote) warn(futureNote);
  const full = fillSeries(raw);
  if (full.interpolated + full.carried > 0) {
    warn(
      `Column "${settings.target}": ${full.interpolated} missing value(s) interpolated` +
        (full.carried ? `, ${full.carried} at the end carried forward from the last value` : '') +
        (full.offset ? `; ${full.offset} leading row(s) without a value skipped` : '') + '.',
    );
  }
  const h = settings.horizon;
  const origins = settings.backtest ? settings.backtestOrigins : 0;
  const shortest = full.series.target.length - h * origins;
  const kinds = networkKindsFor(settings.model);
  const contextFor = (series: SeriesData): SearchContext<ResolvedSettings> => ({
    settings,
    horizon: h,
    season: settings.season,
    length: series.target.length,
    shortestLength: shortest,
    positive: series.target.every((v) => v > 0),
    backtest: settings.backtest,
    nameSetting: (field) => nameSetting(field as keyof ForecastSettings),
  });
  // Planning on the whole series checks the settings against the data before any job starts,
  // and sizes the run for progress and the time budget.
  const plans = kinds.map((kind) => withSource(dataset.source, () => searchOf(kind)(contextFor(full.series))));
  const searchFits = plans.reduce((sum, p) => sum + p.plannedFits, 0);
  const fitsPerMember = Math.max(...plans.map((p) => p.plannedFits / p.plannedCandidates));
  const selections = origins + 1;
  const plannedJobs =
    origins * searchFits + (origins > 0 ? ENSEMBLE_SIZE * fitsPerMember : searchFits) + selections * BASELINE_KINDS.length;
  const jobs = new FitScheduler(submitter, hooks, started, plannedJobs, settings.timeBudgetSec);
  const context: SelectionContext = { settings, kinds, contextFor, jobs, warn };

  try {
    let backtest: BacktestReport | null = null;
    let chosen: PlannedFit[] | null = null;
    let searched: CandidateSummary[] | null = null;
    if (origins > 0) {
      const reports: BacktestOrigin[] = [];
      for (let j = 0; j < origins; j++) {
        const cut = raw.history - h * (origins - j);
        const cutFill = fillSeries(raw, cut);
        const selection = await select(cutFill.series, context, `backtest ${j + 1}/${origins}`);
        hooks.onBacktestSelection?.({ index: j, cut, series: cutFill.series, selection });
        const baselineForecasts = Object.fromEntries(selection.baselines.map((b) => [b.kind, b.future]));
        reports.push(
          evaluateOrigin(raw, cutFill, cut, selection.combined.future, baselineForecasts, describeSelection(selection), settings.season, h),
        );
        if (j === origins - 1) {
          chosen = selection.members.map((m) => ({ kind: m.kind, config: m.config }));
          searched = selection.candidates;
        }
      }
      backtest = summariseBacktest(reports);
    }
    const final: Selection = chosen ? await refit(full.series, chosen, context) : await select(full.series, context, 'model search');
    if (final.members.every((m) => m.training.bestEpoch === 0)) {
      const untrained = modelKind(final.members[0].kind).describeUntrained?.(final.members[0].config);
      if (untrained) {
        warn(`No training epoch beat the untrained network on validation, so the model forecasts ${untrained}; a simple forecast suits this series.`);
      }
    }
    const forecast = { ...final.combined.future, time: futureTimes(full.series, h) };
    const model = describeSelection(final);
    const validation = { model: final.combined.validationMae, baselines: final.combined.baselineValidationMae };
    const guard = final.combined.baseline;
    const verdict =
      (guard ? guardSentence(guard, final.combined.networksValidationMae, final.combined.validationMae) + ' ' : '') +
      (backtest ? backtestVerdict(backtest, settings.season) : validationVerdict(validation, settings.season));
    if (jobs.budgetHit) {
      warn(
        `The time budget cut training short: results may differ from run to run. Raise ${nameSetting('timeBudgetSec')} ` +
          '(or set 0) for reproducible results.',
      );
    }
    const seconds = (performance.now() - started) / 1000;
    const modelFile = buildModelFile({
      dataset,
      settings,
      series: full.series,
      members: final.members,
      baselines: final.baselines,
      combined: final.combined,
      backtest,
      model,
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

/** What every selection of one run shares. */
interface SelectionContext {
  settings: ResolvedSettings;
  kinds: ModelKind<unknown, unknown, unknown>[];
  contextFor(series: SeriesData): SearchContext<ResolvedSettings>;
  jobs: FitScheduler;
  warn(message: string): void;
}

/** Runs `plan`, naming the file in a refusal of the data (the search checks the data's length). */
function withSource<T>(source: string, plan: () => T): T {
  try {
    return plan();
  } catch (error) {
    if (error instanceof ForecastInputError) throw new ForecastInputError(`${source}: ${error.message}`, error.place);
    throw error;
  }
}

function searchOf(kind: ModelKind<unknown, unknown, unknown>): NonNullable<ModelKind['search']> {
  if (!kind.search) throw new Error(`Model kind "${kind.id}" has no search: it cannot be chosen as a network.`);
  return kind.search.bind(kind);
}

/** Fit every baseline on `series` with the same validation windows as the candidates. */
async function fitBaselines(series: SeriesData, validationWindows: number, budgetMs: number, c: SelectionContext): Promise<FitOutcome[]> {
  const planned = BASELINE_KINDS.map((kind) => ({ kind: kind.id, config: {} }));
  const fitted = await c.jobs.fitAll('baselines', series, c.settings.horizon, validationWindows, planned, budgetMs, c.warn);
  return fitted.map((candidate) => candidate.fits[0]);
}

/** Search every network kind on `series`, ensemble the best and guard them against the baselines. */
export async function select(series: SeriesData, c: SelectionContext, phase: string): Promise<Selection> {
  const plans = c.kinds.map((kind) => searchOf(kind)(c.contextFor(series)));
  const validationWindows = Math.min(...plans.map((p) => p.validationWindows));
  const budgetMs = c.jobs.jobBudgetMs();
  const baselines = await fitBaselines(series, validationWindows, budgetMs, c);
  let pool: Candidate[] = [];
  for (let i = 0; i < plans.length; i++) {
    const kind = c.kinds[i];
    const stages = plans[i].stages;
    let ranked: Candidate[] = [];
    for (let step = stages.next([]); !step.done; step = stages.next(ranked)) {
      if (ranked.length > 0 && c.jobs.outOfTime()) {
        c.warn('The time budget ran out before all architectures were tried; the ensemble uses the ones trained.');
        break;
      }
      const planned = step.value.configs.map((config) => ({ kind: kind.id, config }));
      const fitted = await c.jobs.fitAll(`${phase}: ${step.value.label}`, series, c.settings.horizon, validationWindows, planned, budgetMs, c.warn);
      ranked = rankByValidation([...ranked, ...fitted]);
    }
    pool = rankByValidation([...pool, ...ranked]);
  }
  const members = c.settings.model === AUTO ? pool.slice(0, ENSEMBLE_SIZE) : [pool[0]];
  const combined = guarded(combineMembers(members, baselines), baselines, c.settings);
  return { members, pool, baselines, candidates: summarise(pool, members), combined };
}

/** Fit the configurations chosen on the last backtest cut again, on all data. */
async function refit(series: SeriesData, chosen: PlannedFit[], c: SelectionContext): Promise<Selection> {
  const h = c.settings.horizon;
  const n = series.target.length;
  // Validation windows every member can have (the longest history needed leaves the fewest).
  const validationWindows = Math.min(...chosen.map((p) => modelKind(p.kind).validationWindows(p.config, n, h)));
  const budgetMs = c.jobs.jobBudgetMs();
  const baselines = await fitBaselines(series, validationWindows, budgetMs, c);
  const members = await c.jobs.fitAll('refit on all data', series, h, validationWindows, chosen, budgetMs, c.warn);
  const combined = guarded(combineMembers(members, baselines), baselines, c.settings);
  return { members, pool: members, baselines, candidates: summarise(members, members), combined };
}

/**
 * Auto mode's baseline guard: a baseline with a lower validation error than the networks'
 * ensemble on the same windows becomes the forecast. A model the user chose is kept as it is
 * (the verdict still says when a baseline beats it).
 */
function guarded(combined: Combined, baselines: readonly FitOutcome[], settings: ResolvedSettings): Combined {
  if (settings.model !== AUTO) return combined;
  const name = baselineAhead(combined, settings.season);
  const baseline = baselines.find((b) => b.kind === name);
  return baseline ? baselineCombined(combined, baseline) : combined;
}

/** The model as the user reads it: the ensemble, or the baseline the guard chose over it. */
function describeSelection(selection: Selection): string {
  const networks = describeEnsemble(selection.members);
  const b = selection.combined.baseline;
  return b ? `${modelKind(b).title} (ahead of the networks on validation: ${networks})` : networks;
}

function summarise(all: readonly Candidate[], chosen: readonly Candidate[]): CandidateSummary[] {
  return all.map((r) => ({
    label: r.label,
    kind: r.kind,
    config: r.config,
    validationMae: r.validationMae,
    bestEpoch: r.training.bestEpoch,
    epochsRun: r.training.epochsRun,
    stoppedBy: r.training.stoppedBy,
    seconds: r.seconds,
    history: { trainLoss: r.training.trainLoss, validationLoss: r.training.validationLoss },
    chosen: chosen.includes(r),
  }));
}

export function describeEnsemble(members: readonly Candidate[]): string {
  const labels = members.map((m) => m.label);
  const replicas = members[0].fits.length;
  const seeds = replicas > 1 ? ` (each the mean of ${replicas} seeds)` : '';
  return (labels.length === 1 ? labels[0] : `median of ${labels.length}: ${labels.join(', ')}`) + seeds;
}
