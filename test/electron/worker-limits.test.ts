// The app's workers run under a heap cap; a job that exceeds it fails with a message naming the
// settings to lower, and the pool carries on with the next job.
import { describe, expect, it } from 'vitest';
import { JobError } from '../../engine/jobs/protocol';
import { WORKER_HEAP_MB } from '../../engine/limits';
import { outOfMemoryMessage, WORKER_RESOURCE_LIMITS, withMemoryAdvice } from '../../electron/worker-limits';
import { createTestPool } from '../engine/jobs/helpers';

describe('withMemoryAdvice', () => {
  it('words a job that ran out of heap by the settings to lower, and keeps the pool working', async () => {
    const limits = { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 };
    const pool = withMemoryAdvice(createTestPool({ size: 1, resourceLimits: limits }), limits);
    try {
      const error = await pool.submit('exhaustHeap', null).result.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(JobError);
      expect((error as JobError).code).toBe('out-of-memory');
      expect((error as JobError).message).toBe('a training job ran out of memory (each worker may use 48 MB); lower the hidden size, layers or lookback');
      expect(await pool.submit('spin', { epochs: 1, steps: 3, stepMs: 1, batchSize: 1 }).result).toEqual({ batches: 3 });
    } finally {
      await pool.destroy();
    }
  });

  it('passes other failures and cancellations through unchanged', async () => {
    const pool = withMemoryAdvice(createTestPool({ size: 1 }), WORKER_RESOURCE_LIMITS);
    try {
      const failed = await pool.submit('throws', null).result.catch((e: JobError) => e);
      expect(failed).toMatchObject({ code: 'handler-error', message: expect.stringContaining('Column "load" has no numeric values') });
      const handle = pool.submit('spin', { epochs: 1000, steps: 1000, stepMs: 1, batchSize: 1 });
      handle.cancel();
      expect(await handle.result.catch((e: JobError) => e.code)).toBe('cancelled');
      expect(handle.state).toBe('cancelled');
    } finally {
      await pool.destroy();
    }
  });
});

describe('WORKER_RESOURCE_LIMITS', () => {
  it('caps the heap at the engine\'s figure, the one the CLI uses, and says so in the message', () => {
    expect(WORKER_RESOURCE_LIMITS.maxOldGenerationSizeMb).toBe(WORKER_HEAP_MB);
    expect(outOfMemoryMessage(WORKER_RESOURCE_LIMITS)).toContain('(each worker may use 2,048 MB)');
  });
});
