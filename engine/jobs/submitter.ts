// What a caller needs of a place that runs jobs: the worker pool (pool.ts) in the app and the
// CLI, or the inline submitter below for unit tests. Both have this shape.
import { JobCancelledError, type RunControl, type TrainingProgress } from './control';
import type { JobHandlers, JobKind, JobKindMap, JobPayload, JobResult } from './protocol';

export interface JobSubmitOptions {
  /** Buffers in the payload to move to the job instead of copying (they get detached); the inline submitter hands the payload over as it is. */
  transfer?: ArrayBuffer[];
  onProgress?(progress: TrainingProgress, epochEnd: boolean): void;
  onWarning?(message: string): void;
}

export interface SubmittedJob<R> {
  readonly result: Promise<R>;
  cancel(): void;
}

export interface JobSubmitter<K extends JobKindMap> {
  /** How many jobs run at once (the pool's worker count). */
  readonly size: number;
  /**
   * Milliseconds this submitter has been able to run, leaving out time it was paused (a job
   * group). Absent: wall-clock time is used, which is right when nothing can pause it.
   */
  activeMs?(): number;
  submit<T extends JobKind<K>>(kind: T, payload: JobPayload<K, T>, options?: JobSubmitOptions): SubmittedJob<JobResult<K, T>>;
}

/**
 * Runs each job on the calling thread, one after another, when the event loop next turns.
 * Cancel takes effect at the job's next checkpoint. For tests and tiny inputs only: it blocks
 * the thread while a job trains.
 */
export function createInlineSubmitter<K extends JobKindMap>(handlers: JobHandlers<K>): JobSubmitter<K> {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    size: 1,
    submit(kind, payload, options = {}) {
      let cancelled = false;
      const control: RunControl = {
        checkpoint() {
          if (cancelled) throw new JobCancelledError();
        },
        progress(p, epochEnd) {
          options.onProgress?.(p, epochEnd);
        },
        warn(message) {
          options.onWarning?.(message);
        },
      };
      const handler = handlers[kind] as (p: typeof payload, c: RunControl) => unknown;
      const result = queue.then(async () => {
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (cancelled) throw new JobCancelledError();
        return handler(payload, control);
      }) as Promise<JobResult<K, typeof kind>>;
      queue = result.catch(() => undefined);
      return {
        result,
        cancel() {
          cancelled = true;
        },
      };
    },
  };
}
