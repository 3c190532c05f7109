// How the orchestrator hands work to whatever runs it: the worker pool (engine/jobs) in the
// app and CLI, or the in-process runner below in unit tests. Both have this shape.
import { JobCancelledError, type RunControl, type TrainingProgress } from '../jobs/control';
import { forecastJobHandlers, type ForecastJobKinds } from './jobs';

export type ForecastJobKind = keyof ForecastJobKinds & string;

export interface RunnerSubmitOptions {
  onProgress?(progress: TrainingProgress, epochEnd: boolean): void;
  onWarning?(message: string): void;
}

export interface RunnerJob<R> {
  readonly result: Promise<R>;
  cancel(): void;
}

export interface JobRunner {
  /** How many jobs run at once (the pool's worker count). */
  readonly size: number;
  /**
   * Milliseconds this runner has been able to run, leaving out time it was paused (a job
   * group). Absent: wall-clock time is used, which is right when nothing can pause it.
   */
  activeMs?(): number;
  submit<T extends ForecastJobKind>(
    kind: T,
    payload: ForecastJobKinds[T]['payload'],
    options?: RunnerSubmitOptions,
  ): RunnerJob<ForecastJobKinds[T]['result']>;
}

/**
 * Runs each job on the calling thread, one after another, when the event loop next turns.
 * Cancel takes effect at the job's next checkpoint. For tests and tiny inputs only: it blocks
 * the thread while a job trains.
 */
export function createInProcessRunner(): JobRunner {
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
      const handler = forecastJobHandlers[kind] as (p: typeof payload, c: RunControl) => unknown;
      const result = queue.then(async () => {
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (cancelled) throw new JobCancelledError();
        return handler(payload, control);
      }) as Promise<ForecastJobKinds[typeof kind]['result']>;
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
