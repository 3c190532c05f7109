// Crash isolation: a job that throws, a worker that exits, throws from a timer or runs out of
// memory fails only that job, with a clear message; the pool replaces the worker and goes on.
import { afterAll, describe, expect, it } from 'vitest';
import { createJobPool } from '../../../engine/jobs/pool';
import { JobError, type JobState } from '../../../engine/jobs/protocol';
import type { TestJobKinds } from './fixtures/test-worker';
import { createTestPool, testWorkerUrl } from './helpers';

const spinJob = { epochs: 1, steps: 10, stepMs: 5, batchSize: 1 };

async function failure(promise: Promise<unknown>): Promise<JobError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the job to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JobError);
  return error as JobError;
}

describe('crash isolation', () => {
  const pool = createTestPool({ size: 2 });
  afterAll(() => pool.destroy());

  it('fails a job whose handler throws with its own message, and keeps the worker', async () => {
    const states: JobState[] = [];
    const job = pool.submit('throws', null, { onState: (s) => states.push(s) });
    const error = await failure(job.result);
    expect(error.code).toBe('handler-error');
    expect(error.message).toBe('Column "load" has no numeric values (row 2 onwards). Choose another target column.');
    expect(error.stack).toContain('RangeError');
    expect(error.jobId).toBe(job.id);
    expect(error.kind).toBe('throws');
    expect(states).toEqual(['queued', 'running', 'failed']);
    expect(await pool.submit('spin', spinJob).result).toEqual({ batches: 10 });
  });

  it('fails the job of a worker that calls process.exit, while the other worker and the queue go on', async () => {
    const finals: [string, JobState][] = [];
    const track = (name: string) => ({ onState: (s: JobState) => (s === 'done' || s === 'failed' || s === 'cancelled') && finals.push([name, s]) });
    const neighbour = pool.submit('spin', { ...spinJob, steps: 40 }, track('neighbour'));
    const dying = pool.submit('exitMidJob', { code: 7 }, track('dying'));
    const queued = [0, 1, 2].map((i) => pool.submit('spin', spinJob, track(`queued${i}`)));

    const error = await failure(dying.result);
    expect(error.code).toBe('worker-crashed');
    expect(error.message).toBe(`Job ${dying.id} (exitMidJob) failed: its worker thread stopped unexpectedly (exit code 7). Other jobs are not affected; you can run it again.`);
    expect(await neighbour.result).toEqual({ batches: 40 });
    for (const job of queued) expect(await job.result).toEqual({ batches: 10 });
    // No job lost or reported twice.
    expect(finals.map(([n]) => n).sort()).toEqual(['dying', 'neighbour', 'queued0', 'queued1', 'queued2']);
    // Healthy afterwards: two jobs run side by side again.
    const after = [pool.submit('spin', spinJob), pool.submit('spin', spinJob)];
    await Promise.all(after.map((j) => j.result));
    expect(pool.stats()).toEqual({ queued: 0, running: 0, workers: 2, replaced: 1 });
  });

  it('fails the job of a worker killed by an exception thrown in a timer', async () => {
    const error = await failure(pool.submit('throwInTimer', null).result);
    expect(error.code).toBe('worker-crashed');
    expect(error.message).toContain('a fatal error: boom in a timer');
    expect(await pool.submit('spin', spinJob).result).toEqual({ batches: 10 });
  });

  it('fails a job whose payload cannot be sent, without touching the worker', async () => {
    const bad = { epochs: 1, steps: 1, stepMs: 1, batchSize: 1, onDone: () => 0 };
    const error = await failure(pool.submit('spin', bad).result);
    expect(error.code).toBe('bad-payload');
    expect(error.message).toMatch(/^Job \d+ \(spin\) could not be sent to a worker: .*could not be cloned.*A payload must be plain data/);
    expect(await pool.submit('spin', spinJob).result).toEqual({ batches: 10 });
  });

  it('fails a job whose result cannot be sent back', async () => {
    const error = await failure(pool.submit('unsendable', null).result);
    expect(error.code).toBe('handler-error');
    expect(error.message).toMatch(/^The job finished but its result could not be sent back from the worker/);
  });

  it('fails a job of an unknown kind, naming the kinds the worker has', async () => {
    const wide = createJobPool<TestJobKinds & { backtest: { payload: null; result: never } }>({ workerUrl: testWorkerUrl, size: 1 });
    try {
      const error = await failure(wide.submit('backtest', null).result);
      expect(error.code).toBe('unknown-kind');
      expect(error.message).toMatch(/^This worker has no handler for job kind "backtest" \(known kinds: spin, train, /);
    } finally {
      await wide.destroy();
    }
  });
});

describe('out of memory under resourceLimits', () => {
  it('fails the job with an out-of-memory message and replaces the worker', async () => {
    const limited = createTestPool({ size: 1, resourceLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 } });
    try {
      const error = await failure(limited.submit('exhaustHeap', null).result);
      expect(error.code).toBe('out-of-memory');
      expect(error.message).toMatch(/^Job \d+ \(exhaustHeap\) ran out of memory in its worker \(its heap limit is 48 MB\)\. Try a smaller model/);
      expect(await limited.submit('spin', spinJob).result).toEqual({ batches: 10 });
    } finally {
      await limited.destroy();
    }
  });
});

describe('a worker script that cannot start', () => {
  it('fails the job with the reason when the thread cannot even be created', async () => {
    const bad = createJobPool<TestJobKinds>({ workerUrl: testWorkerUrl, size: 1, execArgv: ['--no-such-flag'] });
    const error = await failure(bad.submit('warn', null).result);
    expect(error.code).toBe('worker-crashed');
    expect(error.message).toMatch(/^Job 1 \(warn\) could not start a worker thread: .*--no-such-flag/);
    await bad.destroy();
  });

  it('fails each job with the loading error instead of hanging', async () => {
    const broken = createJobPool<TestJobKinds>({ workerUrl: new URL('./fixtures/does-not-exist.ts', import.meta.url), size: 1 });
    try {
      const first = await failure(broken.submit('warn', null).result);
      expect(first.code).toBe('worker-crashed');
      expect(first.message).toMatch(/does-not-exist/);
      const second = await failure(broken.submit('warn', null).result);
      expect(second.code).toBe('worker-crashed');
    } finally {
      await broken.destroy();
    }
  });
});
