// Shutting the pool down: close() lets work finish, destroy() cancels it; nothing runs after.
import { describe, expect, it } from 'vitest';
import { createJobPool } from '../../../engine/jobs/pool';
import type { JobState } from '../../../engine/jobs/protocol';
import type { TestJobKinds } from './fixtures/test-worker';
import { createTestPool, testWorkerUrl } from './helpers';

const spinJob = { epochs: 1, steps: 10, stepMs: 5, batchSize: 1 };

describe('pool lifecycle', () => {
  it('close() finishes queued and running jobs, then stops its workers', async () => {
    const pool = createTestPool({ size: 1 });
    const jobs = [pool.submit('spin', spinJob), pool.submit('spin', spinJob)];
    await pool.close();
    expect(jobs.map((j) => j.state)).toEqual(['done', 'done']);
    expect(pool.stats()).toEqual({ queued: 0, running: 0, workers: 0, replaced: 0 });
  });

  it('destroy() cancels running and queued jobs at once and stops its workers', async () => {
    const pool = createTestPool({ size: 1 });
    const states: JobState[][] = [[], []];
    const running = pool.submit('spin', { ...spinJob, steps: 1000 }, { onState: (s) => states[0].push(s) });
    const queued = pool.submit('spin', spinJob, { onState: (s) => states[1].push(s) });
    await new Promise((r) => setTimeout(r, 100));
    await pool.destroy();
    const message = 'The job was cancelled because the job pool was shut down.';
    await expect(running.result).rejects.toMatchObject({ code: 'cancelled', message });
    await expect(queued.result).rejects.toMatchObject({ code: 'cancelled', message });
    expect(states).toEqual([['queued', 'running', 'cancelled'], ['queued', 'cancelled']]);
    expect(pool.stats()).toEqual({ queued: 0, running: 0, workers: 0, replaced: 0 });
  });

  it('destroy() during close() ends both, and either may be called twice', async () => {
    const pool = createTestPool({ size: 1 });
    const job = pool.submit('spin', { ...spinJob, steps: 1000 });
    await new Promise((r) => setTimeout(r, 50));
    const closing = [pool.close(), pool.close()];
    await Promise.all([pool.destroy(), pool.destroy(), ...closing]);
    expect(job.state).toBe('cancelled');
    expect(pool.stats()).toEqual({ queued: 0, running: 0, workers: 0, replaced: 0 });
  });

  it('refuses jobs after shutdown with a clear error', async () => {
    const pool = createTestPool({ size: 1 });
    await pool.destroy();
    const job = pool.submit('warn', null);
    expect(job.state).toBe('failed');
    await expect(job.result).rejects.toMatchObject({ code: 'pool-closed', message: `The job pool is shut down; job ${job.id} (warn) was not started.` });
  });

  it('defaults to one worker per available core and rejects a nonsensical size', async () => {
    const { availableParallelism } = await import('node:os');
    const pool = createJobPool<TestJobKinds>({ workerUrl: testWorkerUrl });
    expect(pool.size).toBe(Math.max(1, availableParallelism()));
    await pool.destroy();
    expect(() => createJobPool({ workerUrl: testWorkerUrl, size: 0 })).toThrow('Job pool size must be a whole number ≥ 1, got 0.');
  });

  it('an idle pool does not keep the process alive', async () => {
    // A CLI that forgets close() must still exit: idle workers are unref'd. Checked in a child
    // process that runs one job and then simply ends its script.
    const { execFile } = await import('node:child_process');
    const script = `
      import { createJobPool } from ${JSON.stringify(new URL('../../../engine/jobs/pool.ts', import.meta.url).href)};
      const pool = createJobPool({ workerUrl: new URL(${JSON.stringify(testWorkerUrl.href)}), size: 1 });
      console.log(await pool.submit('warn', null).result);
    `;
    const started = performance.now();
    const out = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { timeout: 20_000 }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
    });
    expect(out.trim()).toBe('1');
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});
