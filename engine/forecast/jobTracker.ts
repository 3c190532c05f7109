// Submitting the pipeline's training jobs: whole-run progress and ETA from the jobs' own
// progress, the run's time budget shared over the planned jobs, cancel on abort.
import { JobCancelledError, type TrainingProgress } from '../jobs/control';
import { SEEDS_PER_CANDIDATE, mergeSeeds, seedsOf, type Candidate } from './candidates';
import type { SeriesData } from './features';
import type { PipelineHooks } from './pipeline';
import type { JobRunner, RunnerJob } from './runner';
import { describeConfig, type CandidateConfig, type FitResult, type TrainingOptions } from './train';

/** Submits training jobs for the pipeline and turns their progress into whole-run progress. */
export class JobTracker {
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
    const elapsedMs = this.elapsedMs();
    let etaMs = fraction > 0.02 ? (elapsedMs * (1 - fraction)) / fraction : NaN;
    if (this.budgetSec > 0) etaMs = Math.min(Number.isNaN(etaMs) ? Infinity : etaMs, Math.max(0, this.budgetSec * 1000 - elapsedMs));
    this.hooks.onProgress({ phase: this.phase, fraction, elapsedMs, etaMs, job });
  }
}
