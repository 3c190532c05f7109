// The one message protocol between the job pool (main thread) and its worker threads: job
// kinds, requests, events, errors, states, and the shared control word behind cancel/pause.
import { JobCancelledError, type RunControl, type TrainingProgress } from './control';

// ---------------------------------------------------------------------------------------------
// Job kinds

/**
 * A map from job kind to what goes in and what comes out, e.g.
 * `{ fit: { payload: FitRequest; result: FitOutcome } }`. Callers define their own (the
 * forecasting kinds live with their handlers in engine/forecast).
 */
export type JobKindMap = Record<string, { payload: unknown; result: unknown }>;

export type JobKind<K extends JobKindMap> = keyof K & string;
export type JobPayload<K extends JobKindMap, T extends JobKind<K>> = K[T]['payload'];
export type JobResult<K extends JobKindMap, T extends JobKind<K>> = K[T]['result'];

/**
 * What runs inside a worker for one kind. It may be synchronous (it then blocks the worker's
 * event loop, which is fine: cancel and pause reach it through `control.checkpoint()`).
 * Whatever it returns is handed over: typed arrays in the result are transferred, not copied,
 * so a handler must not keep using them afterwards.
 */
export type JobHandler<P, R> = (payload: P, control: RunControl) => R | Promise<R>;

export type JobHandlers<K extends JobKindMap> = {
  [T in JobKind<K>]: JobHandler<JobPayload<K, T>, JobResult<K, T>>;
};

/** Any handler table, whatever its kinds: what a worker entry hands to `startWorker`. */
export type AnyJobHandlers = { readonly [kind: string]: JobHandler<never, unknown> };

// ---------------------------------------------------------------------------------------------
// Job states, as the pool reports them

/**
 * queued → running ⇄ paused → done | failed | cancelled. A queued job can also go straight to
 * cancelled. The last three are final: a job reaches exactly one of them, exactly once.
 */
export type JobState = 'queued' | 'running' | 'paused' | 'done' | 'failed' | 'cancelled';

export const FINAL_STATES: ReadonlySet<JobState> = new Set(['done', 'failed', 'cancelled']);

// ---------------------------------------------------------------------------------------------
// Errors

/**
 * Why a job did not produce a result.
 * - `cancelled`: the caller cancelled it (also while queued, or when the pool was destroyed);
 * - `handler-error`: the job's own code threw (bad input, non-finite loss, …);
 * - `unknown-kind`: the worker has no handler for the requested kind;
 * - `worker-crashed`: the worker thread died under the job (fatal error, process.exit);
 * - `out-of-memory`: the worker hit its `resourceLimits` heap cap;
 * - `bad-payload`: the payload could not be sent to a worker (it holds functions, class
 *   instances with private state, …: payloads must be plain data);
 * - `pool-closed`: submitted after close()/destroy().
 */
export type JobErrorCode =
  | 'cancelled'
  | 'handler-error'
  | 'unknown-kind'
  | 'worker-crashed'
  | 'out-of-memory'
  | 'bad-payload'
  | 'pool-closed';

/** A job's failure as it crosses the thread boundary (Error objects lose their class there). */
export interface JobErrorInfo {
  code: JobErrorCode;
  message: string;
  /** The original error's name, e.g. "RangeError", when the job's code threw one. */
  name?: string;
  stack?: string;
}

/** What a job's `result` promise rejects with. */
export class JobError extends Error {
  readonly code: JobErrorCode;
  readonly jobId: number;
  readonly kind: string;

  constructor(jobId: number, kind: string, info: JobErrorInfo) {
    super(info.message);
    this.name = 'JobError';
    this.code = info.code;
    this.jobId = jobId;
    this.kind = kind;
    if (info.stack !== undefined) this.stack = info.stack;
  }
}

/**
 * True for a cancellation however it surfaced: a pool job's `JobError` with code 'cancelled', or
 * the `JobCancelledError` a checkpoint throws (in-process runs).
 */
export function isCancellation(error: unknown): boolean {
  return error instanceof JobCancelledError || (error instanceof JobError && error.code === 'cancelled');
}

// ---------------------------------------------------------------------------------------------
// Messages: main → worker

/** The only message a worker receives: run one job. Cancel/pause travel in `control`. */
export interface RunJobRequest {
  type: 'run';
  jobId: number;
  kind: string;
  payload: unknown;
  /** The job's control word (see CONTROL_* below), shared with the pool. */
  control: SharedArrayBuffer;
}

export type ToWorkerMessage = RunJobRequest;

// ---------------------------------------------------------------------------------------------
// Messages: worker → main. Every one names its job.

export interface ProgressEvent {
  type: 'progress';
  jobId: number;
  progress: TrainingProgress;
  epochEnd: boolean;
}

export interface WarningEvent {
  type: 'warning';
  jobId: number;
  message: string;
}

/** The job reached a checkpoint with pause requested and is now blocked there. */
export interface PausedEvent {
  type: 'paused';
  jobId: number;
}

/** The job was resumed and runs again (a job cancelled while paused reports only its error). */
export interface ResumedEvent {
  type: 'resumed';
  jobId: number;
}

export interface ResultEvent {
  type: 'result';
  jobId: number;
  result: unknown;
}

export interface ErrorEvent {
  type: 'error';
  jobId: number;
  error: JobErrorInfo;
}

export type FromWorkerMessage =
  | ProgressEvent
  | WarningEvent
  | PausedEvent
  | ResumedEvent
  | ResultEvent
  | ErrorEvent;

// ---------------------------------------------------------------------------------------------
// The control word: one Int32 in a SharedArrayBuffer per job, written by the pool, read by the
// worker at every checkpoint. A message would only be seen once the worker's event loop runs,
// i.e. after a synchronous training loop ends; shared memory is seen at the next batch.

export const CONTROL_RUN = 0;
export const CONTROL_PAUSE = 1;
export const CONTROL_CANCEL = 2;
export const CONTROL_BYTES = 4;

export function createControlBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(CONTROL_BYTES);
}

// ---------------------------------------------------------------------------------------------
// Progress throttling: both the worker (before posting) and tests rely on this rule.

/** Non-final progress is forwarded at most this often; epoch ends always go through. */
export const PROGRESS_INTERVAL_MS = 100;
