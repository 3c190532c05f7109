// A run over many series: one global network trained across every series (each scaled on its
// own training part), per-series backtests against the baselines, the aggregate and the
// panel's verdict. Heavy work runs in jobs: per backtest cut and for the final fit, one job
// trains across the series and forecasts each, and one forecasts each with the baselines. The
// series travel to a job as one transferred buffer, not one array per series.
import type { Dataset } from '../../data/types';
import { DEFAULT_PANEL_CONFIG, type GlobalPanelConfig } from '../../models/panel/kind';
import { AUTO, BASELINE_IDS } from '../../models/registry';
import type { PanelFitOutcome, PanelSeriesData } from '../../models/types';
import { JobCancelledError } from '../../jobs/control';
import type { SubmittedJob } from '../../jobs/submitter';
import { evaluateOrigin, summariseBacktest, type BacktestOrigin, type BacktestReport } from '../backtest';
import type { IntervalForecast } from '../ensemble';
import type { PipelineHooks } from '../pipeline';
import type { ForecastSubmitter } from '../pool';
import { fillSeries, type FilledSeries } from '../prepare';
import { defaultHorizon, resolveSettings, settingWords, type ForecastSettings, type ResolvedSettings } from '../settings';
import { futureTimes } from '../timeAxis';
import { backtestVerdict } from '../verdict';
import { aggregateBacktests, panelVerdict } from './aggregate';
import { buildPanelModelFile } from './modelFile';
import { MIN_SERIES_VALUES, panelSeries, wideColumns, type PanelEntry } from './series';
import { chooseStrategy, LOCAL_AUTO_MAX_SERIES, runLocal, type LocalSeries } from './local';
import type { PanelRun, PanelSeriesResult, PanelStrategy } from './types';

/**
 * Panels of at most this many series are also scored against ETS and Theta (~0.1 s per series
 * and cut each); bigger ones against the naive family only, which costs next to nothing.
 */
export const STATISTICAL_BASELINES_MAX_SERIES = 200;

const NAIVE_FAMILY = ['naive', 'snaive', 'drift'];

/** The baselines a panel of `count` series is scored against. */
export function panelBaselineKinds(count: number): string[] {
  return count <= STATISTICAL_BASELINES_MAX_SERIES ? [...BASELINE_IDS] : BASELINE_IDS.filter((id) => NAIVE_FAMILY.includes(id));
}

/** Panels of at most this many series have the global network fine-tuned on each series before it is forecast. */
export const FINE_TUNE_MAX_SERIES = 200;

/**
 * The global network's training for a run's settings and panel size: three networks seeded
 * from the run's seed, each start's epochs capped by the epochs setting, per-series
 * fine-tuning on panels of up to FINE_TUNE_MAX_SERIES series.
 */
export function panelConfig(settings: Pick<ResolvedSettings, 'seed' | 'epochs'>, count: number): GlobalPanelConfig {
  const d = DEFAULT_PANEL_CONFIG;
  const cap = (plan: GlobalPanelConfig['fresh']) => ({ ...plan, epochs: Math.min(plan.epochs, settings.epochs) });
  return {
    ...d,
    pretrained: cap(d.pretrained),
    fresh: cap(d.fresh),
    seeds: [0, 1, 2].map((i) => (settings.seed + i) >>> 0),
    fineTune: d.fineTune && count <= FINE_TUNE_MAX_SERIES,
  };
}

/** The settings a panel resolves to: the horizon by frequency (series may end at different rows), no covariates. */
export function resolvePanelSettings(dataset: Dataset, options: Partial<ForecastSettings>, hooks: PipelineHooks): ResolvedSettings {
  const nameSetting = hooks.nameSetting ?? settingWords;
  const season = options.season ?? dataset.season;
  const wide = wideColumns(dataset, options);
  return resolveSettings(
    dataset,
    {
      ...options,
      horizon: options.horizon ?? defaultHorizon(dataset.frequency, season),
      covariates: [],
      futureCovariates: [],
      holidays: null,
      ...(wide.length ? { target: wide[0] } : {}),
    },
    nameSetting,
  );
}

/** Packs the given filled series into one buffer and offsets (what a panel job takes). */
export function packSeries(series: readonly Float64Array[], dataset: Dataset, season: number): PanelSeriesData {
  const offsets = new Int32Array(series.length + 1);
  for (let i = 0; i < series.length; i++) offsets[i + 1] = offsets[i] + series[i].length;
  const values = new Float64Array(offsets[series.length]);
  for (let i = 0; i < series.length; i++) values.set(series[i], offsets[i]);
  return { values, offsets, frequency: dataset.frequency, season };
}

export async function runPanel(
  dataset: Dataset,
  options: Partial<ForecastSettings>,
  submitter: ForecastSubmitter,
  hooks: PipelineHooks = {},
  /** Benchmarks and tests: the global network's training changed from the defaults (e.g. its start). */
  tuning: Partial<GlobalPanelConfig> = {},
): Promise<PanelRun> {
  const started = performance.now();
  const nameSetting = hooks.nameSetting ?? settingWords;
  const warnings: string[] = [];
  const warn = (message: string) => {
    if (warnings.includes(message)) return;
    warnings.push(message);
    hooks.onWarning?.(message);
  };
  const settings = resolvePanelSettings(dataset, options, hooks);
  const unused = [
    options.covariates?.length ? nameSetting('covariates') : '',
    options.futureCovariates?.length ? nameSetting('futureCovariates') : '',
    options.holidays ? nameSetting('holidays') : '',
  ].filter(Boolean);
  if (unused.length) warn(`The global network reads each series' own values only: ${unused.join(', ')} are not used for many series.`);
  if (settings.model !== AUTO && settings.panel !== 'local') {
    warn(`${nameSetting('model')} ${settings.model} applies to per-series models (${nameSetting('panel')} local); the global network is a GRU of its own.`);
  }
  const h = settings.horizon;
  const season = settings.season;
  const panel = panelSeries(dataset, options, settings.target, season, h);
  for (const note of panel.notes) warn(note);
  const { entries } = panel;

  // Series with enough values before the earliest backtest cut get a backtest; the others are only forecast.
  const origins = settings.backtest ? settings.backtestOrigins : 0;
  const cutsOf = (e: PanelEntry): FilledSeries[] | null => {
    if (origins === 0) return null;
    const cuts: FilledSeries[] = [];
    for (let j = 0; j < origins; j++) {
      const cut = e.raw.history - h * (origins - j);
      if (cut - e.full.offset < MIN_SERIES_VALUES) return null;
      cuts.push(fillSeries(e.raw, cut));
    }
    return cuts;
  };
  const cuts = entries.map(cutsOf);
  const tested = entries.map((_, i) => i).filter((i) => cuts[i] !== null);
  if (origins > 0 && tested.length < entries.length) {
    warn(`${entries.length - tested.length} of ${entries.length} series are too short for a backtest of ${origins} × ${h} hidden point(s) (each needs ${MIN_SERIES_VALUES} values before them); they are forecast without one.`);
  }
  const baselineKinds = panelBaselineKinds(entries.length);
  if (origins > 0 && baselineKinds.length < BASELINE_IDS.length) {
    warn(`With ${entries.length} series the backtest compares with the naive baselines only (ETS and Theta are scored on panels of up to ${STATISTICAL_BASELINES_MAX_SERIES} series).`);
  }

  const config = { ...panelConfig(settings, entries.length), ...tuning };
  const jobs = new PanelJobs(submitter, hooks, started);
  const wide = wideColumns(dataset, options).length > 0;
  const fit = (phase: string, series: PanelSeriesData) =>
    jobs.run(phase, 'fit-panel', { kind: 'global', label: phase, series, horizon: h, config }) as Promise<PanelFitOutcome>;
  const baselines = (phase: string, series: PanelSeriesData) =>
    jobs.run(phase, 'panel-baselines', { kinds: baselineKinds, series, horizon: h }) as Promise<{ forecasts: Record<string, Float64Array> }>;
  try {
    // The strategy: as asked, or auto mode's choice on a validation cut where per-series runs are affordable.
    const asked = settings.panel ?? 'auto';
    let strategy: PanelStrategy = asked === 'local' ? 'local' : 'global';
    let chosen = '';
    if (asked === 'auto' && entries.length <= LOCAL_AUTO_MAX_SERIES) {
      const report = await chooseStrategy(entries, options, settings, origins, (targets) => fit('validation: global network', packSeries(targets, dataset, season)), submitter, hooks);
      strategy = report.choice;
      if (report.series > 0) {
        chosen = ` (chosen on a validation cut of ${report.series} series: mean MASE ${report.localMase.toFixed(3)} per series vs ${report.globalMase.toFixed(3)} global)`;
      }
    }
    if (strategy === 'local') {
      const results = await runLocal(entries, options, settings, submitter, hooks);
      const kept = entries.map((e, i) => ({ e, r: results[i] })).filter((x): x is { e: PanelEntry; r: LocalSeries } => 'forecast' in x.r);
      const skipped = [...panel.skipped, ...entries.flatMap((e, i) => ('reason' in results[i] ? [{ id: e.id, label: e.label, reason: (results[i] as { reason: string }).reason }] : []))];
      const series: PanelSeriesResult[] = kept.map(({ e, r }) => ({
        id: e.id, label: e.label, points: e.full.series.target.length, forecast: r.forecast, backtest: r.backtest, model: r.model, verdict: r.verdict, warnings: r.warnings,
      }));
      const aggregate = aggregateBacktests(series.map((s) => s.backtest));
      const verdict = panelVerdict(aggregate, series.length, season);
      const model = `per-series models for ${series.length} series (the one-series ${settings.model} mode on each)${chosen}`;
      const modelFile = buildPanelModelFile({ dataset, settings, entries: kept.map((k) => k.e), idColumns: panel.idColumns, wide, fit: { local: kept.map((k) => k.r.modelFile) }, model, verdict, aggregate });
      return { settings, strategy, model, series, skipped, aggregate, verdict, warnings, seconds: (performance.now() - started) / 1000, modelFile };
    }

    // Every job is submitted at once: the pool runs them side by side, as many as it has workers.
    const finalJob = fit('training across all series', packSeries(entries.map((e) => e.full.series.target), dataset, season));
    const backtestJobs = Array.from({ length: tested.length > 0 ? origins : 0 }, (_, j) => {
      const packed = () => packSeries(tested.map((i) => cuts[i]![j].series.target), dataset, season);
      const phase = `backtest ${j + 1}/${origins}`;
      return Promise.all([fit(phase, packed()), baselines(`${phase}: baselines`, packed())]);
    });
    const [final, ...backtests] = await Promise.all([finalJob, ...backtestJobs]);

    const description = `global ${final.note}`;
    const reports = new Map<number, BacktestReport>();
    tested.forEach((i, row) => {
      const e = entries[i];
      const byOrigin: BacktestOrigin[] = backtests.map(([fitted, base], j) => {
        const cut = e.raw.history - h * (origins - j);
        const baselineForecasts = Object.fromEntries(Object.entries(base.forecasts).map(([id, f]) => [id, f.slice(row * h, (row + 1) * h)]));
        return evaluateOrigin(e.raw, cuts[i]![j], cut, rowOf(fitted.forecasts, row, h), baselineForecasts, description, season, h);
      });
      reports.set(i, summariseBacktest(byOrigin));
    });
    const model = `global network across ${entries.length} series: ${final.note}${chosen}`;
    const series: PanelSeriesResult[] = entries.map((e, i) => {
      const backtest = reports.get(i) ?? null;
      return {
        id: e.id,
        label: e.label,
        points: e.full.series.target.length,
        forecast: { ...rowOf(final.forecasts, i, h), time: futureTimes(e.full.series, h) },
        backtest,
        model: description,
        verdict: backtest
          ? backtestVerdict(backtest, season)
          : origins > 0
            ? 'Too short for a backtest: the forecast could not be checked against the baselines.'
            : 'No backtest was run: run one to check the forecast against the baselines.',
        warnings: [],
      };
    });
    const aggregate = aggregateBacktests(series.map((s) => s.backtest));
    const verdict = panelVerdict(aggregate, series.length, season);
    const seconds = (performance.now() - started) / 1000;
    const modelFile = buildPanelModelFile({ dataset, settings, entries, idColumns: panel.idColumns, wide, fit: final, model, verdict, aggregate });
    return { settings, strategy: 'global', model, series, skipped: panel.skipped, aggregate, verdict, warnings, seconds, modelFile };
  } finally {
    jobs.dispose();
  }
}

/** Row `i` of a panel's forecasts (series, horizon) as one series' forecast. */
function rowOf(f: IntervalForecast, i: number, h: number): IntervalForecast {
  const row = (a: Float64Array) => a.slice(i * h, (i + 1) * h);
  return { mean: row(f.mean), lower80: row(f.lower80), upper80: row(f.upper80), lower95: row(f.lower95), upper95: row(f.upper95) };
}

/** The panel's jobs: submitted with their buffers transferred, whole-run progress, cancel on abort. */
class PanelJobs {
  private readonly live = new Set<SubmittedJob<unknown>>();
  private readonly fractions = new Map<string, number>();
  private readonly onAbort = () => {
    for (const job of this.live) job.cancel();
  };

  constructor(
    private readonly submitter: ForecastSubmitter,
    private readonly hooks: PipelineHooks,
    private readonly started: number,
  ) {
    hooks.signal?.addEventListener('abort', this.onAbort);
  }

  run(phase: string, kind: 'fit-panel' | 'panel-baselines', payload: unknown): Promise<unknown> {
    if (this.hooks.signal?.aborted) return Promise.reject(new JobCancelledError());
    this.fractions.set(phase, 0);
    const series = (payload as { series: PanelSeriesData }).series;
    const job = this.submitter.submit(kind, payload as never, {
      transfer: [series.values.buffer as ArrayBuffer, series.offsets.buffer as ArrayBuffer],
      onProgress: (p) => {
        this.fractions.set(phase, p.fraction);
        this.report(phase, p);
      },
      onWarning: (m) => this.hooks.onWarning?.(m),
    });
    this.live.add(job);
    return job.result.then(
      (result) => {
        this.live.delete(job);
        this.fractions.set(phase, 1);
        this.report(phase);
        return result;
      },
      (error) => {
        this.live.delete(job);
        if (this.hooks.signal?.aborted) throw new JobCancelledError();
        throw error;
      },
    );
  }

  private report(phase: string, job?: Parameters<NonNullable<PipelineHooks['onProgress']>>[0]['job']): void {
    if (!this.hooks.onProgress) return;
    let sum = 0;
    for (const f of this.fractions.values()) sum += f;
    const fraction = sum / Math.max(1, this.fractions.size);
    const elapsedMs = this.submitter.activeMs?.() ?? performance.now() - this.started;
    this.hooks.onProgress({ phase, fraction, elapsedMs, etaMs: fraction > 0 ? (elapsedMs * (1 - fraction)) / fraction : NaN, ...(job ? { job } : {}) });
  }

  dispose(): void {
    this.hooks.signal?.removeEventListener('abort', this.onAbort);
  }
}
