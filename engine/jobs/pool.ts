// The job pool: runs jobs on up to N worker threads, queues the rest in order, reports each
// job's state and progress, cancels and pauses through shared memory, survives worker deaths.
import { availableParallelism } from 'node:os';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { TrainingProgress } from './control';
import {
  CONTROL_CANCEL,
  CONTROL_PAUSE,
  CONTROL_RUN,
  FINAL_STATES,
  JobError,
  createControlBuffer,
  type FromWorkerMessage,
  type JobErrorInfo,
  type JobKind,
  type JobKindMap,
  type JobPayload,
  type JobResult,
  type JobState,
  type RunJobRequest,
} from './protocol';
import { workerSpawnArgs } from './spawn';

export interface JobPoolOptions {
  /**
   * The worker script: out/main/worker.js in the app, a test entry in tests. A `.ts` file is
   * run through tsx (dev, tests, benchmarks).
   */
  workerUrl: URL | string;
  /** How many jobs run at once (one worker thread each). Default: available cores, ≥ 1. */
  size?: number;
  /** Per-worker V8 heap caps. They do not cover typed arrays: budget those before allocating. */
  resourceLimits?: ResourceLimits;
  /** Extra Node flags for the workers. */
  execArgv?: string[];
  /**
   * How long a cancelled job may take to reach its next checkpoint before its worker is
   * terminated and replaced. Keeps cancel under 200 ms even for code that never checks.
   */
  cancelGraceMs?: number;
}

export interface SubmitOptions {
  /** Buffers in the payload to move into the worker instead of copying (they get detached). */
  transfer?: ArrayBuffer[];
  onProgress?(progress: TrainingProgress, epochEnd: boolean): void;
  onWarning?(message: string): void;
  /** Every state change, starting with 'queued' (called during submit). */
  onState?(state: JobState): void;
  /** Aborting it cancels the job; already aborted → the job is cancelled at submit. */
  signal?: AbortSignal;
}

export interface JobHandle<R> {
  readonly id: number;
  readonly kind: string;
  readonly state: JobState;
  /** Resolves with the result; rejects with a `JobError` (see its `code`). */
  readonly result: Promise<R>;
  /** Queued: dropped at once. Running: stops at its next checkpoint (or is terminated). */
  cancel(): void;
  /** Blocks the job at its next checkpoint; a queued job starts paused. */
  pause(): void;
  resume(): void;
}

export interface JobPoolStats {
  queued: number;
  running: number;
  workers: number;
  /** Workers lost under a job since the pool started: crashed, or terminated by a cancel. */
  replaced: number;
}

export interface JobPool<K extends JobKindMap> {
  readonly size: number;
  submit<T extends JobKind<K>>(kind: T, payload: JobPayload<K, T>, options?: SubmitOptions): JobHandle<JobResult<K, T>>;
  stats(): JobPoolStats;
  /** Refuses new jobs, lets queued and running ones finish, then stops the workers. */
  close(): Promise<void>;
  /** Cancels every queued and running job and stops the workers now. */
  destroy(): Promise<void>;
}

export const DEFAULT_CANCEL_GRACE_MS = 150;

interface Job {
  readonly id: number;
  readonly kind: string;
  payload: unknown;
  transfer: ArrayBuffer[];
  readonly controlBuffer: SharedArrayBuffer;
  readonly word: Int32Array;
  readonly options: SubmitOptions;
  state: JobState;
  cancelRequested: boolean;
  slot: Slot | null;
  cancelTimer: NodeJS.Timeout | null;
  /** Detaches the abort listener of `options.signal`. */
  unlisten: (() => void) | null;
  resolve(value: unknown): void;
  reject(error: JobError): void;
}

interface Slot {
  readonly worker: Worker;
  job: Job | null;
  /** Terminated or terminating: gets no new job, its messages are ignored. */
  retired: boolean;
  lastError: Error | null;
  readonly exited: Promise<void>;
}

export function createJobPool<K extends JobKindMap>(options: JobPoolOptions): JobPool<K> {
  const size = options.size ?? Math.max(1, availableParallelism());
  if (!Number.isInteger(size) || size < 1) {
    throw new RangeError(`Job pool size must be a whole number ≥ 1, got ${size}.`);
  }
  const cancelGraceMs = options.cancelGraceMs ?? DEFAULT_CANCEL_GRACE_MS;
  const spawnArgs = workerSpawnArgs(options.workerUrl);
  const queue: Job[] = [];
  const slots = new Set<Slot>();
  const unsettled = new Set<Job>();
  let nextId = 1;
  let replaced = 0;
  let closed = false;
  // Resolved when the last unsettled job settles; close() waits on it (any number of callers).
  let drainedSignal: (() => void) | null = null;
  let drainedPromise: Promise<void> | null = null;
  let stopping: Promise<void> | null = null;

  function spawn(): Slot {
    const worker = new Worker(spawnArgs.filename, {
      eval: spawnArgs.eval,
      workerData: spawnArgs.workerData,
      execArgv: options.execArgv,
      resourceLimits: options.resourceLimits,
    });
    let onExit!: () => void;
    const slot: Slot = { worker, job: null, retired: false, lastError: null, exited: new Promise((r) => (onExit = r)) };
    worker.on('message', (message: FromWorkerMessage) => onMessage(slot, message));
    worker.on('error', (error: Error) => {
      slot.lastError = error;
    });
    worker.on('messageerror', (error: Error) => {
      // A message we cannot read may have been the job's result: fail the job rather than
      // wait forever, and drop the worker whose state we no longer know.
      const job = slot.job;
      if (job !== null) {
        replaced++;
        release(slot);
        fail(job, { code: 'worker-crashed', message: `Job ${job.id} (${job.kind}) failed: a message from its worker could not be read (${error.message}).` });
      }
      retire(slot);
    });
    worker.on('exit', (code: number) => onWorkerExit(slot, code));
    worker.once('exit', () => onExit());
    slots.add(slot);
    return slot;
  }

  function onMessage(slot: Slot, message: FromWorkerMessage): void {
    const job = slot.job;
    if (slot.retired || job === null || message.jobId !== job.id || isFinal(job)) return;
    switch (message.type) {
      case 'progress':
        job.options.onProgress?.(message.progress, message.epochEnd);
        break;
      case 'warning':
        job.options.onWarning?.(message.message);
        break;
      case 'paused':
        setState(job, 'paused');
        break;
      case 'resumed':
        setState(job, 'running');
        break;
      case 'result':
        release(slot);
        if (job.cancelRequested) cancelled(job);
        else succeed(job, message.result);
        pump();
        break;
      case 'error':
        release(slot);
        if (message.error.code === 'cancelled' || job.cancelRequested) cancelled(job);
        else fail(job, message.error);
        pump();
        break;
    }
  }

  function onWorkerExit(slot: Slot, code: number): void {
    slots.delete(slot);
    const job = slot.job;
    slot.job = null;
    if (job !== null && !isFinal(job)) {
      replaced++;
      if (job.cancelRequested) cancelled(job);
      else fail(job, crashInfo(job, slot, code));
    }
    pump();
  }

  function crashInfo(job: Job, slot: Slot, code: number): JobErrorInfo {
    const error = slot.lastError as (Error & { code?: string }) | null;
    if (error?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
      const limit = options.resourceLimits?.maxOldGenerationSizeMb;
      const cap = limit === undefined ? '' : ` (its heap limit is ${limit} MB)`;
      return { code: 'out-of-memory', message: `Job ${job.id} (${job.kind}) ran out of memory in its worker${cap}. Try a smaller model, batch size or window, or less data.` };
    }
    const why = error !== null ? `a fatal error: ${error.message}` : `exit code ${code}`;
    const info: JobErrorInfo = { code: 'worker-crashed', message: `Job ${job.id} (${job.kind}) failed: its worker thread stopped unexpectedly (${why}). Other jobs are not affected; you can run it again.` };
    if (error?.stack !== undefined) info.stack = error.stack;
    return info;
  }

  function pump(): void {
    while (queue.length > 0) {
      let slot: Slot | undefined;
      for (const s of slots) {
        if (!s.retired && s.job === null) {
          slot = s;
          break;
        }
      }
      if (slot === undefined) {
        // Retired workers still count until they exit, so N is never exceeded.
        if (slots.size >= size) return;
        try {
          slot = spawn();
        } catch (error) {
          // Bad options (execArgv, resourceLimits) throw here, not in the thread.
          const job = queue.shift()!;
          fail(job, { code: 'worker-crashed', message: `Job ${job.id} (${job.kind}) could not start a worker thread: ${(error as Error).message}` });
          continue;
        }
      }
      dispatch(queue.shift()!, slot);
    }
  }

  function dispatch(job: Job, slot: Slot): void {
    const request: RunJobRequest = { type: 'run', jobId: job.id, kind: job.kind, payload: job.payload, control: job.controlBuffer };
    try {
      slot.worker.postMessage(request, job.transfer);
    } catch (error) {
      fail(job, { code: 'bad-payload', message: `Job ${job.id} (${job.kind}) could not be sent to a worker: ${(error as Error).message}. A payload must be plain data (numbers, strings, arrays, typed arrays, plain objects).` });
      return;
    }
    // The worker owns the payload now; do not keep it alive here.
    job.payload = undefined;
    job.transfer = [];
    slot.job = job;
    job.slot = slot;
    slot.worker.ref();
    setState(job, 'running');
  }

  /** The slot's job is over: the worker is idle again and should not hold the process open. */
  function release(slot: Slot): void {
    if (slot.job !== null) slot.job.slot = null;
    slot.job = null;
    if (!slot.retired) slot.worker.unref();
  }

  function retire(slot: Slot): void {
    if (slot.retired) return;
    slot.retired = true;
    void slot.worker.terminate();
  }

  function setState(job: Job, state: JobState): void {
    if (job.state === state || isFinal(job)) return;
    job.state = state;
    job.options.onState?.(state);
  }

  function settle(job: Job, state: JobState): boolean {
    if (isFinal(job)) return false;
    if (job.cancelTimer !== null) clearTimeout(job.cancelTimer);
    job.cancelTimer = null;
    job.unlisten?.();
    job.unlisten = null;
    unsettled.delete(job);
    setState(job, state);
    if (unsettled.size === 0) drainedSignal?.();
    return true;
  }

  function succeed(job: Job, result: unknown): void {
    if (settle(job, 'done')) job.resolve(result);
  }

  function fail(job: Job, info: JobErrorInfo): void {
    if (settle(job, 'failed')) job.reject(new JobError(job.id, job.kind, info));
  }

  function cancelled(job: Job, message = 'The job was cancelled.'): void {
    if (settle(job, 'cancelled')) job.reject(new JobError(job.id, job.kind, { code: 'cancelled', message }));
  }

  function cancel(job: Job, message?: string): void {
    if (isFinal(job)) return;
    const queuedAt = queue.indexOf(job);
    if (queuedAt >= 0) {
      queue.splice(queuedAt, 1);
      cancelled(job, message);
      pump();
      return;
    }
    if (job.cancelRequested) return;
    job.cancelRequested = true;
    Atomics.store(job.word, 0, CONTROL_CANCEL);
    Atomics.notify(job.word, 0);
    job.cancelTimer = setTimeout(() => {
      // The job did not reach a checkpoint in time: stop its thread. A fresh worker replaces it
      // once this one has exited.
      const slot = job.slot;
      cancelled(job, message);
      if (slot !== null) {
        replaced++;
        release(slot);
        retire(slot);
      }
    }, cancelGraceMs);
  }

  function submit<T extends JobKind<K>>(kind: T, payload: JobPayload<K, T>, submitOptions: SubmitOptions = {}): JobHandle<JobResult<K, T>> {
    const controlBuffer = createControlBuffer();
    let resolve!: (value: unknown) => void;
    let reject!: (error: JobError) => void;
    const result = new Promise<JobResult<K, T>>((res, rej) => {
      resolve = res as (value: unknown) => void;
      reject = rej;
    });
    // A caller that cancels and never awaits must not crash the process with an unhandled
    // rejection; callers that await still see the error.
    result.catch(() => {});
    const job: Job = {
      id: nextId++,
      kind,
      payload,
      transfer: submitOptions.transfer ?? [],
      controlBuffer,
      word: new Int32Array(controlBuffer),
      options: submitOptions,
      state: 'queued',
      cancelRequested: false,
      slot: null,
      cancelTimer: null,
      unlisten: null,
      resolve,
      reject,
    };
    const handle: JobHandle<JobResult<K, T>> = {
      id: job.id,
      kind,
      get state() {
        return job.state;
      },
      result,
      cancel: () => cancel(job),
      pause: () => {
        if (!isFinal(job) && !job.cancelRequested) Atomics.compareExchange(job.word, 0, CONTROL_RUN, CONTROL_PAUSE);
      },
      resume: () => {
        if (Atomics.compareExchange(job.word, 0, CONTROL_PAUSE, CONTROL_RUN) === CONTROL_PAUSE) Atomics.notify(job.word, 0);
      },
    };
    submitOptions.onState?.('queued');
    if (closed) {
      fail(job, { code: 'pool-closed', message: `The job pool is shut down; job ${job.id} (${kind}) was not started.` });
      return handle;
    }
    const signal = submitOptions.signal;
    if (signal?.aborted) {
      cancelled(job);
      return handle;
    }
    unsettled.add(job);
    queue.push(job);
    if (signal !== undefined) {
      const onAbort = () => cancel(job);
      signal.addEventListener('abort', onAbort, { once: true });
      job.unlisten = () => signal.removeEventListener('abort', onAbort);
    }
    pump();
    return handle;
  }

  function drained(): Promise<void> {
    if (unsettled.size === 0) return Promise.resolve();
    drainedPromise ??= new Promise<void>((resolve) => (drainedSignal = resolve));
    return drainedPromise;
  }

  function stopWorkers(): Promise<void> {
    stopping ??= (async () => {
      const exits = [...slots].map((s) => s.exited);
      for (const slot of slots) retire(slot);
      await Promise.all(exits);
    })();
    return stopping;
  }

  return {
    size,
    submit,
    stats: () => ({ queued: queue.length, running: unsettled.size - queue.length, workers: slots.size, replaced }),
    async close() {
      closed = true;
      await drained();
      await stopWorkers();
    },
    async destroy() {
      closed = true;
      const message = 'The job was cancelled because the job pool was shut down.';
      // Empty the queue first, so no cancel below hands a queued job to a freed worker.
      for (const job of queue.splice(0)) cancelled(job, message);
      for (const job of [...unsettled]) {
        cancel(job, message);
        cancelled(job, message);
      }
      await stopWorkers();
    },
  };
}

function isFinal(job: Job): boolean {
  return FINAL_STATES.has(job.state);
}
