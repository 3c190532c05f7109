// Submitting the pipeline's fit jobs: whole-run progress and ETA from the jobs' own progress,
// the run's time budget shared over the planned jobs, cancel on abort.
import { JobCancelledError, type TrainingProgress } from '../jobs/control';
import type { SubmittedJob } from '../jobs/submitter';
import { modelKind } from '../models/registry';
import type { FitOutcome, SeriesData } from '../models/types';
import { mergeReplicas, type Candidate } from './candidates';
import type { ForecastSubmitter } from './pool';

/** Whole-run progress, as the pipeline reports it. */
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

export interface SchedulerHooks {
  onProgress?(progress: PipelineProgress): void;
  /** Aborting cancels every job and rejects with JobCancelledError. */
  signal?: AbortSignal;
}

/** One configuration of one model kind, to fit. */
export interface PlannedFit {
  kind: string;
  config: unknown;
}

/** Submits fit jobs for the pipeline and turns their progress into whole-run progress. */
export class FitScheduler {
  private done = 0;
  private running = new Map<number, number>();
  private nextId = 0;
  private live = new Set<SubmittedJob<unknown>>();
  private phase = '';
  budgetHit = false;
  private readonly onAbort = () => {
    for (const job of this.live) job.cancel();
  };

  constructor(
    private readonly runner: ForecastSubmitter,
    private readonly hooks: SchedulerHooks,
    private readonly started: number,
    private readonly planned: number,
    private readonly budgetSec: number,
  ) {
    hooks.signal?.addEventListener('abort', this.onAbort);
  }

  /** Time the run has spent, leaving out pauses when the runner can be paused. */
  private elapsedMs(): number {
    return this.runner.activeMs?.() ?? performance.now() - this.started;
  }

  dispose(): void {
    this.hooks.signal?.removeEventListener('abort', this.onAbort);
  }

  /** Per-job time cap: the run's budget shared over the planned jobs, run `size` at a time. */
  jobBudgetMs(): number {
    if (this.budgetSec <= 0) return 0;
    const left = this.budgetSec * 1000 - this.elapsedMs();
    const jobsLeft = Math.max(1, this.planned - this.done);
    return Math.max(250, (left * Math.max(1, this.runner.size)) / jobsLeft);
  }

  outOfTime(): boolean {
    if (this.budgetSec <= 0) return false;
    const out = this.elapsedMs() > this.budgetSec * 1000;
    if (out) this.budgetHit = true;
    return out;
  }

  /**
   * Fits every planned configuration (each as its kind's replicas) on `series` with
   * `validationWindows` validation windows, each job stopping after `timeBudgetMs` (from
   * jobBudgetMs()); resolves with one candidate per configuration, in plan order.
   */
  async fitAll(
    phase: string,
    series: SeriesData,
    horizon: number,
    validationWindows: number,
    planned: readonly PlannedFit[],
    timeBudgetMs: number,
    warn: (m: string) => void,
  ): Promise<Candidate[]> {
    if (this.hooks.signal?.aborted) throw new JobCancelledError();
    this.phase = phase;
    this.report();
    const groups = planned.map(({ kind, config }) => modelKind(kind).replicas(config).map((replica) => ({ kind, config: replica })));
    const submitted = groups.flat().map(({ kind, config }) => {
      const id = this.nextId++;
      const label = modelKind(kind).describe(config);
      const job = this.runner.submit(
        'fit',
        { kind, label, series, horizon, validationWindows, config, timeBudgetMs },
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
    const results = settled.map((s) => (s as PromiseFulfilledResult<FitOutcome>).value);
    if (results.some((r) => r.training.stoppedBy === 'time-budget')) this.budgetHit = true;
    for (const r of results) {
      if (r.training.skippedSteps > 0) warn(`${r.label}: skipped ${r.training.skippedSteps} training step(s) with a non-finite loss or gradient.`);
    }
    let next = 0;
    return groups.map((group, i) => {
      const fits = results.slice(next, next + group.length);
      next += group.length;
      return mergeReplicas(fits, planned[i].config);
    });
  }

  private report(job?: TrainingProgress): void {
    if (!this.hooks.onProgress) return;
    let runningFraction = 0;
    for (const f of this.running.values()) runningFraction += f;
    const fraction = Math.min(1, (this.done + runningFraction) / Math.max(1, this.planned));
    const elapsedMs = this.elapsedMs();
    let etaMs = fraction > 0.02 ? (elapsedMs * (1 - fraction)) / fraction : NaN;
    if (this.budgetSec > 0) etaMs = Math.min(Number.isNaN(etaMs) ? Infinity : etaMs, Math.max(0, this.budgetSec * 1000 - elapsedMs));
    this.hooks.onProgress({ phase: this.phase, fraction, elapsedMs, etaMs, job });
  }
}
