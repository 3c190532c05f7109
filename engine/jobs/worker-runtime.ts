// The inside of a pool worker: receives one job at a time, runs its handler with a RunControl
// backed by the job's shared control word, forwards throttled progress, posts result or error.
import { parentPort } from 'node:worker_threads';
import type { RunControl, TrainingProgress } from './control';
import { JobCancelledError } from './control';
import {
  CONTROL_CANCEL,
  CONTROL_PAUSE,
  CONTROL_RUN,
  PROGRESS_INTERVAL_MS,
  type FromWorkerMessage,
  type AnyJobHandlers,
  type JobErrorInfo,
  type RunJobRequest,
  type ToWorkerMessage,
} from './protocol';
import { transferablesOf } from './transfer';

type Post = (message: FromWorkerMessage, transfer?: ArrayBuffer[]) => void;

/** Entry point of a worker script: `startWorker(handlers)` at top level, once. */
export function startWorker(handlers: AnyJobHandlers): void {
  const port = parentPort;
  if (port === null) {
    throw new Error('startWorker() must run inside a worker thread started by the job pool.');
  }
  const loop = createJobLoop(handlers, (message, transfer) => port.postMessage(message, transfer));
  port.on('message', (message: ToWorkerMessage) => {
    if (message.type === 'run') void loop.run(message);
  });
}

/**
 * The job loop without the thread wiring (so it can be exercised in-thread): runs requests
 * one at a time and reports everything through `post`.
 */
export function createJobLoop(
  handlers: AnyJobHandlers,
  post: Post,
  now: () => number = () => performance.now(),
): { run(request: RunJobRequest): Promise<void> } {
  let busyWith: number | null = null;

  async function run(request: RunJobRequest): Promise<void> {
    const { jobId, kind } = request;
    if (busyWith !== null) {
      // The pool never does this; if it ever did, say so instead of interleaving two jobs.
      post({ type: 'error', jobId, error: { code: 'handler-error', message: `The worker is still running job ${busyWith}; job ${jobId} was sent to it by mistake.` } });
      return;
    }
    const handler: unknown = Object.hasOwn(handlers, kind) ? handlers[kind] : undefined;
    if (typeof handler !== 'function') {
      const known = Object.keys(handlers).join(', ') || 'none';
      post({ type: 'error', jobId, error: { code: 'unknown-kind', message: `This worker has no handler for job kind "${kind}" (known kinds: ${known}).` } });
      return;
    }
    busyWith = jobId;
    const control = createWorkerControl(jobId, new Int32Array(request.control), post, now);
    try {
      const result: unknown = await (handler as (p: unknown, c: RunControl) => unknown)(request.payload, control);
      control.finish();
      // A cancel that arrived after the last checkpoint still wins: the caller asked to drop it.
      if (control.cancelRequested()) postError(post, jobId, new JobCancelledError());
      else postResult(post, jobId, result);
    } catch (error) {
      control.finish();
      postError(post, jobId, error);
    } finally {
      busyWith = null;
    }
  }

  return { run };
}

interface WorkerControl extends RunControl {
  activeMs(): number;
  cancelRequested(): boolean;
  /** After the handler settled: drop late progress/warnings from stray async work. */
  finish(): void;
}

function createWorkerControl(jobId: number, word: Int32Array, post: Post, now: () => number): WorkerControl {
  const startedAt = now();
  let pausedMs = 0;
  let lastProgressAt = Number.NEGATIVE_INFINITY;
  let finished = false;

  return {
    checkpoint(): void {
      let state = Atomics.load(word, 0);
      if (state === CONTROL_RUN) return;
      if (state === CONTROL_PAUSE) {
        post({ type: 'paused', jobId });
        const pausedAt = now();
        // Blocks this thread until the pool stores RUN or CANCEL and notifies; the loop guards
        // against spurious wake-ups.
        while (state === CONTROL_PAUSE) {
          Atomics.wait(word, 0, CONTROL_PAUSE);
          state = Atomics.load(word, 0);
        }
        pausedMs += now() - pausedAt;
        // Woken to be cancelled: go straight from paused to cancelled.
        if (state === CONTROL_RUN) post({ type: 'resumed', jobId });
      }
      if (state === CONTROL_CANCEL) throw new JobCancelledError();
    },
    progress(progress: TrainingProgress, epochEnd: boolean): void {
      if (finished) return;
      const t = now();
      if (!epochEnd && t - lastProgressAt < PROGRESS_INTERVAL_MS) return;
      lastProgressAt = t;
      post({ type: 'progress', jobId, progress, epochEnd });
    },
    warn(message: string): void {
      if (!finished) post({ type: 'warning', jobId, message });
    },
    activeMs(): number {
      return now() - startedAt - pausedMs;
    },
    cancelRequested(): boolean {
      return Atomics.load(word, 0) === CONTROL_CANCEL;
    },
    finish(): void {
      finished = true;
    },
  };
}

function postResult(post: Post, jobId: number, result: unknown): void {
  try {
    post({ type: 'result', jobId, result }, transferablesOf(result));
    return;
  } catch {
    // Some buffers cannot be transferred (e.g. a view on WebAssembly memory): copy instead.
  }
  try {
    post({ type: 'result', jobId, result });
  } catch (error) {
    post({ type: 'error', jobId, error: { code: 'handler-error', message: `The job finished but its result could not be sent back from the worker: ${messageOf(error)}. Results must be plain data (numbers, strings, arrays, typed arrays, plain objects).` } });
  }
}

function postError(post: Post, jobId: number, error: unknown): void {
  post({ type: 'error', jobId, error: errorInfo(error) });
}

export function errorInfo(error: unknown): JobErrorInfo {
  if (error instanceof JobCancelledError) return { code: 'cancelled', message: error.message };
  if (error instanceof Error) {
    const info: JobErrorInfo = { code: 'handler-error', message: error.message, name: error.name };
    if (error.stack !== undefined) info.stack = error.stack;
    return info;
  }
  return { code: 'handler-error', message: messageOf(error) };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
