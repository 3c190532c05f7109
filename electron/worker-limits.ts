// How much memory a job worker may use in the app, and what a run that needs more is told: the
// settings that make a network's memory grow, by the names the Train form gives them.
import type { ResourceLimits } from 'node:worker_threads';
import { WORKER_HEAP_MB } from '../engine/limits';
import type { JobPool } from '../engine/jobs/pool';
import { JobError, type JobKindMap } from '../engine/jobs/protocol';

/**
 * Per-worker V8 heap caps: the engine's one figure (engine/limits.ts, which the CLI uses too).
 * Weights and batches live in typed arrays outside this heap, so the cap catches a job whose
 * JavaScript objects run away, before it takes the whole machine.
 */
export const WORKER_RESOURCE_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 64 };

/** What a run reports when one of its jobs hit the cap (the run's own message wraps it). */
export function outOfMemoryMessage(limits: ResourceLimits): string {
  const cap = limits.maxOldGenerationSizeMb === undefined ? '' : ` (each worker may use ${limits.maxOldGenerationSizeMb.toLocaleString('en-US')} MB)`;
  return `a training job ran out of memory${cap}; lower the hidden size, layers or lookback`;
}

/** The pool, with its out-of-memory failures worded for the app's settings; all else passes through. */
export function withMemoryAdvice<K extends JobKindMap>(pool: JobPool<K>, limits: ResourceLimits): JobPool<K> {
  return {
    get size() {
      return pool.size;
    },
    stats: () => pool.stats(),
    close: () => pool.close(),
    destroy: () => pool.destroy(),
    submit(kind, payload, options) {
      const handle = pool.submit(kind, payload, options);
      const result = handle.result.catch((error: unknown) => {
        if (error instanceof JobError && error.code === 'out-of-memory') {
          throw new JobError(error.jobId, error.kind, { code: 'out-of-memory', message: outOfMemoryMessage(limits) });
        }
        throw error;
      });
      return {
        id: handle.id,
        kind: handle.kind,
        get state() {
          return handle.state;
        },
        result,
        cancel: () => handle.cancel(),
        pause: () => handle.pause(),
        resume: () => handle.resume(),
      };
    },
  };
}
