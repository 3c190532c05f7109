// What a long computation (training, backtest, search) sees of the job running it: a place to
// report progress and a checkpoint between batches where cancel and pause take effect.

export interface TrainingProgress {
  /** Short description of what runs now, e.g. "lstm uni 2×64", "backtest refit". */
  stage: string;
  epoch: number;
  epochs: number;
  /** Batch within the epoch, 1-based. */
  step: number;
  steps: number;
  trainLoss: number;
  /** NaN until the first validation pass. */
  validationLoss: number;
  samplesPerSecond: number;
  elapsedMs: number;
  /** NaN when unknown. */
  etaMs: number;
  /** Fraction of the whole job done, 0..1 (the progress bar). */
  fraction: number;
}

export interface RunControl {
  /**
   * Call between batches. Throws `JobCancelledError` when cancel was requested, and blocks
   * while the job is paused. Cheap enough to call every batch.
   */
  checkpoint(): void;
  /** Report progress; the job layer throttles what it forwards (≤ every 100 ms + epoch ends). */
  progress(p: TrainingProgress, epochEnd: boolean): void;
  /** A non-fatal note for the user (e.g. "skipped a step with non-finite gradient"). */
  warn(message: string): void;
  /**
   * Milliseconds since the job started, not counting time spent paused: the clock for
   * elapsed time, samples per second and ETA. Absent outside a job (use your own clock).
   */
  activeMs?(): number;
}

export class JobCancelledError extends Error {
  constructor() {
    super('The job was cancelled.');
    this.name = 'JobCancelledError';
  }
}

/** A control for code run outside any job (tests, simple scripts): never cancels, drops progress. */
export const noControl: RunControl = {
  checkpoint() {},
  progress() {},
  warn() {},
};
