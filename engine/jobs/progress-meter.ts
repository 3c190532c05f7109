// Turns "epoch e, batch s, loss l" into a full TrainingProgress (throughput, elapsed, ETA,
// fraction) on the job's pause-aware clock, and reports it through the RunControl.
import type { RunControl, TrainingProgress } from './control';

export interface ProgressMeterOptions {
  stage: string;
  epochs: number;
  /** Batches per epoch. */
  steps: number;
  /** Samples (windows) per full batch. */
  batchSize: number;
  /** Samples per epoch, when the last batch is short; default steps × batchSize. */
  samplesPerEpoch?: number;
  /** Clock in ms; defaults to the job's active time (pauses excluded) or performance.now. */
  now?: () => number;
  /** The job stops when `now()` reaches this (a time budget): the ETA never runs past it. 0 = none. */
  budgetMs?: number;
}

export class ProgressMeter {
  private readonly control: RunControl;
  private readonly options: ProgressMeterOptions;
  private readonly now: () => number;
  private readonly startedAt: number;

  constructor(control: RunControl, options: ProgressMeterOptions) {
    if (!(options.epochs >= 1 && options.steps >= 1)) {
      throw new RangeError(`Progress needs at least one epoch and one batch per epoch, got ${options.epochs} epochs × ${options.steps} batches.`);
    }
    this.control = control;
    this.options = options;
    const active = control.activeMs?.bind(control);
    this.now = options.now ?? active ?? (() => performance.now());
    this.startedAt = this.now();
  }

  /**
   * Call after batch `step` (1-based) of epoch `epoch` (1-based) has been applied. The job
   * layer forwards at most one call per 100 ms plus every epoch end, so calling it every batch
   * is fine (and skipping calls is fine too: counts derive from epoch and step).
   */
  report(epoch: number, step: number, trainLoss: number, validationLoss = Number.NaN, epochEnd = false): void {
    this.control.progress(this.snapshot(epoch, step, trainLoss, validationLoss), epochEnd);
  }

  snapshot(epoch: number, step: number, trainLoss: number, validationLoss = Number.NaN): TrainingProgress {
    const { stage, epochs, steps, batchSize } = this.options;
    const samplesPerEpoch = this.options.samplesPerEpoch ?? steps * batchSize;
    const elapsedMs = this.now() - this.startedAt;
    const total = epochs * steps;
    const done = Math.min(total, (epoch - 1) * steps + step);
    const fraction = done / total;
    // Average over the whole run so far: steadier than the last batch, and it absorbs the
    // first batches' warm-up as the run goes on.
    let etaMs = done > 0 && elapsedMs > 0 ? (elapsedMs / done) * (total - done) : Number.NaN;
    const budget = this.options.budgetMs ?? 0;
    if (budget > 0) etaMs = Math.max(0, Math.min(Number.isNaN(etaMs) ? Infinity : etaMs, budget - this.now()));
    const samples = (epoch - 1) * samplesPerEpoch + Math.min(step * batchSize, samplesPerEpoch);
    const samplesPerSecond = elapsedMs > 0 ? (samples * 1000) / elapsedMs : Number.NaN;
    return { stage, epoch, epochs, step, steps, trainLoss, validationLoss, samplesPerSecond, elapsedMs, etaMs, fraction };
  }
}
