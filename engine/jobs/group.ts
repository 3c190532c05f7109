// A set of jobs that are paused, resumed and cancelled together: one forecast run (its many
// fit jobs), or everything a window started. It submits through a shared pool and is itself a
// JobSubmitter, so a caller written against that interface runs on it unchanged.
import { setMaxListeners } from 'node:events';
import type { JobHandle, JobPool, SubmitOptions } from './pool';
import type { JobKind, JobKindMap, JobPayload, JobResult } from './protocol';
import { FINAL_STATES } from './protocol';

export interface JobGroup<K extends JobKindMap> {
  /** The pool's worker count (how many of the group's jobs can run at once). */
  readonly size: number;
  /** Jobs of this group not finished yet. */
  readonly active: number;
  readonly paused: boolean;
  readonly cancelled: boolean;
  /** Milliseconds since the group was created, leaving out the time it was paused. */
  activeMs(): number;
  /** Submits to the pool; the job starts paused if the group is, cancelled if it was cancelled. */
  submit<T extends JobKind<K>>(kind: T, payload: JobPayload<K, T>, options?: SubmitOptions): JobHandle<JobResult<K, T>>;
  pause(): void;
  resume(): void;
  /** Cancels every unfinished job and any job submitted afterwards. */
  cancel(): void;
}

export function createJobGroup<K extends JobKindMap>(pool: JobPool<K>): JobGroup<K> {
  const live = new Set<JobHandle<unknown>>();
  const abort = new AbortController();
  // Every live job listens on this signal (a model search queues dozens); each listener goes
  // away when its job settles, so the default leak warning at 10 would be a false alarm.
  setMaxListeners(0, abort.signal);
  let paused = false;
  const createdAt = performance.now();
  let pausedAt = 0;
  let pausedMs = 0;

  return {
    get size() {
      return pool.size;
    },
    get active() {
      return live.size;
    },
    get paused() {
      return paused;
    },
    get cancelled() {
      return abort.signal.aborted;
    },
    activeMs() {
      const now = performance.now();
      return now - createdAt - pausedMs - (paused ? now - pausedAt : 0);
    },
    submit(kind, payload, options = {}) {
      // onState may fire during pool.submit (a closed pool fails the job at once), before
      // `handle` exists: hence the final-state check after submit as well.
      let handle: JobHandle<JobResult<K, typeof kind>> | undefined;
      const signal = options.signal === undefined ? abort.signal : AbortSignal.any([abort.signal, options.signal]);
      handle = pool.submit(kind, payload, {
        ...options,
        signal,
        onState: (state) => {
          if (handle !== undefined && FINAL_STATES.has(state)) live.delete(handle);
          options.onState?.(state);
        },
      });
      if (!FINAL_STATES.has(handle.state)) live.add(handle);
      if (paused) handle.pause();
      return handle;
    },
    pause() {
      if (abort.signal.aborted || paused) return;
      paused = true;
      pausedAt = performance.now();
      for (const job of live) job.pause();
    },
    resume() {
      if (paused) pausedMs += performance.now() - pausedAt;
      paused = false;
      for (const job of live) job.resume();
    },
    cancel() {
      if (paused) pausedMs += performance.now() - pausedAt;
      paused = false;
      abort.abort();
    },
  };
}
