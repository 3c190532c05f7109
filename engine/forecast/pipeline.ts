// The forecasting run, orchestrated from the caller's thread: search and fit candidates of the
// network kinds on the job submitter, ensemble them, guard and score them against the
// baselines, backtest, refit on all data, forecast with intervals and say plainly how it
// compares. Models are reached only through the model interface (engine/models). Light by
// design: every heavy loop runs inside jobs; here there are only small arrays (validation
// windows × horizon).
import type { Dataset } from '../data/types';
import { ForecastInputError } from '../models/errors';
import { BASELINE_KINDS, AUTO, modelKind, networkKindsFor } from '../models/registry';
import { COMBINATION, LOCAL_MIN_POINTS, MIN_CHOICE_WINDOWS } from './auto';
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

/** Fewest observed values a series must have to be forecast. */
export const MIN_HISTORY = 3;

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
  /** What the forecast rests on, e.g. "24 points: the pretrained network (monthly), fine-tuned on this series, averaged with ETS and Theta". */
  basis: string;
  warnings: string[];
  seconds: number;
  modelFile: ModelFile;
}

/**
 * How a selection's forecast was made: the networks one search chose (their median, conformal
 * intervals), or auto mode's combination (auto.ts: the mean of fixed kinds, the network's
 * intervals).
 */
export type Strategy = 'search' | 'combination';

/** Result of choosing and fitting members on one cut of the series. */
export interface Selection {
  strategy: Strategy;
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
  if (full.series.target.length < MIN_HISTORY) {
    throw new ForecastInputError(
      `${dataset.source}: column "${settings.target}" has ${full.series.target.length} value(s); a forecast needs at least ${MIN_HISTORY}.`,
      { column: settings.target },
    );
  }
  let origins = settings.backtest ? settings.backtestOrigins : 0;
  if (origins > 0 && full.series.target.length - h * origins < MIN_HISTORY) {
    warn(
      `${full.series.target.length} values are too few for a backtest of ${origins} × ${h} hidden point(s) (it needs ${MIN_HISTORY} before them); ` +
        'the forecast is made without one.',
    );
    origins = 0;
  }
  const shortest = full.series.target.length - h * origins;
  const contextFor = (series: SeriesData): SearchContext<ResolvedSettings> => ({
    settings,
    horizon: h,
    season: settings.season,
    length: series.target.length,
    shortestLength: shortest,
    positive: series.target.every((v) => v > 0),
    backtest: origins > 0,
    nameSetting: (field) => nameSetting(field as keyof ForecastSettings),
  });
  // Planning on the whole series checks the settings against the data before any job starts,
  // and sizes the run for progress and the time budget. Auto mode searches local networks
  // only on series long enough for them; a kind the user chose must fit the data.
  const auto = settings.model === AUTO;
  const plannable = (kind: ModelKind<unknown, unknown, unknown>) => {
    if (!auto) return withSource(dataset.source, () => searchOf(kind)(contextFor(full.series)));
    if (COMBINATION.kinds.includes(kind.id) || shortest < LOCAL_MIN_POINTS) return null;
    try {
      return searchOf(kind)(contextFor(full.series));
    } catch (error) {
      if (error instanceof ForecastInputError) return null;
      throw error;
    }
  };
  const local = networkKindsFor(settings.model).map((kind) => ({ kind, plan: plannable(kind) })).filter((k) => k.plan !== null);
  const plans = local.map((k) => k.plan!);
  const searchFits = plans.reduce((sum, p) => sum + p.plannedFits, 0);
  const fitsPerMember = plans.length ? Math.max(...plans.map((p) => p.plannedFits / p.plannedCandidates)) : 0;
  const combinationNetworks = auto ? COMBINATION.kinds.filter((id) => modelKind(id).family === 'network').length : 0;
  const perSelection = BASELINE_KINDS.length + combinationNetworks;
  const plannedJobs = origins * (searchFits + perSelection) + (origins > 0 ? ENSEMBLE_SIZE * fitsPerMember : searchFits) + perSelection;
  const jobs = new FitScheduler(submitter, hooks, started, plannedJobs, settings.timeBudgetSec);
  const context: SelectionContext = { settings, local: local.map((k) => k.kind), combination: auto, contextFor, jobs, warn };

  try {
    let backtest: BacktestReport | null = null;
    let chosen: { strategy: Strategy; fits: PlannedFit[] } | null = null;
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
          chosen = { strategy: selection.strategy, fits: selection.members.map((m) => ({ kind: m.kind, config: m.config })) };
          searched = selection.candidates;
        }
      }
      backtest = summariseBacktest(reports);
    }
    const final: Selection = chosen
      ? await refit(full.series, chosen.strategy, chosen.fits, context)
      : await select(full.series, context, 'model search');
    if (final.members.every((m) => m.training.bestEpoch === 0)) {
      const untrained = modelKind(final.members[0].kind).describeUntrained?.(final.members[0].config);
      if (untrained) {
        warn(`No training epoch beat the untrained network on validation, so the model forecasts ${untrained}; a simple forecast suits this series.`);
      }
    }
    const forecast = { ...final.combined.future, time: futureTimes(full.series, h) };
    const model = describeSelection(final);
    const basis = basisOf(final, full.series.target.length);
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
      rule: final.strategy === 'combination' ? COMBINATION.rule : 'median',
      backtest,
      model,
      verdict,
      timeBudgetHit: jobs.budgetHit,
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
      basis,
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
  /** The network kinds searched on the series itself (none: the combination alone). */
  local: ModelKind<unknown, unknown, unknown>[];
  /** Whether auto mode's combination (auto.ts) is fitted too. */
  combination: boolean;
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

/** Search the local network kinds and fit the combination on `series`, choose, and guard against the baselines. */
export async function select(series: SeriesData, c: SelectionContext, phase: string): Promise<Selection> {
  const h = c.settings.horizon;
  const plans = c.local.map((kind) => searchOf(kind)(c.contextFor(series)));
  const validationWindows = plans.length
    ? Math.min(...plans.map((p) => p.validationWindows))
    : Math.min(...COMBINATION.kinds.map((id) => modelKind(id).validationWindows({}, series.target.length, h)));
  const budgetMs = c.jobs.jobBudgetMs();
  const baselines = await fitBaselines(series, validationWindows, budgetMs, c);
  let pool: Candidate[] = [];
  for (let i = 0; i < plans.length; i++) {
    const kind = c.local[i];
    const stages = plans[i].stages;
    let ranked: Candidate[] = [];
    for (let step = stages.next([]); !step.done; step = stages.next(ranked)) {
      if (ranked.length > 0 && c.jobs.outOfTime()) {
        c.warn('The time budget ran out before all architectures were tried; the ensemble uses the ones trained.');
        break;
      }
      const planned = step.value.configs.map((config) => ({ kind: kind.id, config }));
      const fitted = await c.jobs.fitAll(`${phase}: ${step.value.label}`, series, h, validationWindows, planned, budgetMs, c.warn);
      ranked = rankByValidation([...ranked, ...fitted]);
    }
    pool = rankByValidation([...pool, ...ranked]);
  }
  const searched = pool.length > 0 ? searchSelection(pool, baselines, c.settings) : null;
  const combined = c.combination ? await combinationSelection(series, validationWindows, baselines, budgetMs, c, phase) : null;
  const choice = choose(searched, combined, validationWindows);
  return { ...choice, combined: guarded(choice.combined, baselines, c, validationWindows), pool: [...pool, ...(combined?.members ?? [])] };
}

/** The best of a search: its top candidates (auto mode) or the best one (a kind the user chose). */
function searchSelection(pool: Candidate[], baselines: FitOutcome[], settings: ResolvedSettings): Omit<Selection, 'pool'> {
  const members = settings.model === AUTO ? pool.slice(0, ENSEMBLE_SIZE) : [pool[0]];
  return { strategy: 'search', members, baselines, candidates: summarise(pool, members), combined: combineSearched(members, baselines) };
}

/** The searched members' median, with conformal intervals — or a member's own where it has calibrated ones. */
function combineSearched(members: Candidate[], baselines: FitOutcome[]): Combined {
  const own = members.find((m) => m.fits[0].intervals !== undefined);
  return combineMembers(members, baselines, 'median', own ? own.fits[0] : null);
}

/** Auto mode's combination on `series`: its network kinds fitted, its statistical ones taken from the baselines. */
async function combinationSelection(
  series: SeriesData,
  validationWindows: number,
  baselines: FitOutcome[],
  budgetMs: number,
  c: SelectionContext,
  phase: string,
): Promise<Omit<Selection, 'pool'>> {
  const networks = COMBINATION.kinds.filter((id) => modelKind(id).family === 'network');
  const planned = networks.map((id) => ({ kind: id, config: firstConfig(modelKind(id), c.contextFor(series)) }));
  const fitted = await c.jobs.fitAll(`${phase}: the pretrained network`, series, c.settings.horizon, validationWindows, planned, budgetMs, c.warn);
  const members = COMBINATION.kinds.map((id) => fitted.find((f) => f.kind === id) ?? asCandidate(baselines.find((b) => b.kind === id)!));
  const withIntervals = members.find((m) => m.fits[0].intervals !== undefined)!.fits[0];
  return {
    strategy: 'combination',
    members,
    baselines,
    candidates: summarise(members, members),
    combined: combineMembers(members, baselines, COMBINATION.rule, withIntervals),
  };
}

/** The first configuration a kind's search tries (the combination takes a kind as it comes). */
function firstConfig(kind: ModelKind<unknown, unknown, unknown>, context: SearchContext<ResolvedSettings>): unknown {
  const first = searchOf(kind)(context).stages.next([]);
  if (first.done || first.value.configs.length === 0) throw new Error(`Model kind "${kind.id}" proposed nothing to fit.`);
  return first.value.configs[0];
}

/** A baseline's fit as a member of a combination. */
function asCandidate(fit: FitOutcome): Candidate {
  return { kind: fit.kind, label: fit.label, config: {}, fits: [fit], validation: fit.validation, validationMae: fit.validationMae, future: fit.future, training: fit.training, seconds: fit.seconds };
}

/**
 * The search's networks or the combination, by validation error on the same windows when there
 * are enough of them to tell (auto.ts); otherwise the combination, the better default on few.
 */
function choose(searched: Omit<Selection, 'pool'> | null, combined: Omit<Selection, 'pool'> | null, windows: number): Omit<Selection, 'pool'> {
  if (!searched) return combined!;
  if (!combined) return searched;
  if (windows < MIN_CHOICE_WINDOWS) return combined;
  return combined.combined.validationMae < searched.combined.validationMae ? combined : searched;
}

/** Fit what the last backtest cut chose again, on all data. */
async function refit(series: SeriesData, strategy: Strategy, chosen: PlannedFit[], c: SelectionContext): Promise<Selection> {
  const h = c.settings.horizon;
  const n = series.target.length;
  // Validation windows every member can have (the longest history needed leaves the fewest).
  const validationWindows = Math.min(...chosen.map((p) => modelKind(p.kind).validationWindows(p.config, n, h)));
  const budgetMs = c.jobs.jobBudgetMs();
  const baselines = await fitBaselines(series, validationWindows, budgetMs, c);
  if (strategy === 'combination') {
    const combined = await combinationSelection(series, validationWindows, baselines, budgetMs, c, 'refit on all data');
    return { ...combined, combined: guarded(combined.combined, baselines, c, validationWindows), pool: combined.members };
  }
  const members = await c.jobs.fitAll('refit on all data', series, h, validationWindows, chosen, budgetMs, c.warn);
  const combined = guarded(combineSearched(members, baselines), baselines, c, validationWindows);
  return { strategy, members, pool: members, baselines, candidates: summarise(members, members), combined };
}

/**
 * Auto mode's baseline guard: a baseline with a lower validation error than the model on the
 * same windows becomes the forecast — on series long enough for local networks, where there are
 * enough windows for that to mean something (auto.ts). A model the user chose is kept as it is
 * (the verdict still says when a baseline beats it).
 */
function guarded(combined: Combined, baselines: readonly FitOutcome[], c: SelectionContext, windows: number): Combined {
  if (c.settings.model !== AUTO || c.local.length === 0 || windows < MIN_CHOICE_WINDOWS) return combined;
  const name = baselineAhead(combined, c.settings.season);
  const baseline = baselines.find((b) => b.kind === name);
  return baseline ? baselineCombined(combined, baseline) : combined;
}

/** What the forecast rests on, in a sentence for the user. */
function basisOf(selection: Selection, points: number): string {
  const b = selection.combined.baseline;
  if (b) return `${points} points: the ${modelKind(b).title} forecast, ahead of the models on validation`;
  if (selection.strategy === 'combination') {
    const notes = selection.members.map((m) => m.fits[0].note).filter((n): n is string => n !== undefined);
    const others = selection.members.filter((m) => m.fits[0].note === undefined).map((m) => modelKind(m.kind).title);
    return `${notes[0] ?? `${points} points`}, averaged with ${others.join(' and ')}`;
  }
  const count = selection.members.length;
  return `${points} points: ${count === 1 ? 'a network' : `${count} networks`} trained on this series`;
}

/** The model as the user reads it: the ensemble or combination, or the baseline the guard chose over it. */
function describeSelection(selection: Selection): string {
  const networks = selection.strategy === 'combination' ? `mean of ${selection.members.length}: ${selection.members.map((m) => m.label).join(', ')}` : describeEnsemble(selection.members);
  const b = selection.combined.baseline;
  return b ? `${modelKind(b).title} (ahead of the model on validation: ${networks})` : networks;
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
