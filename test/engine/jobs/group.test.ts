// Job groups: one forecast run's (or one window's) jobs paused, resumed and cancelled together,
// without touching other groups' jobs in the same pool.
import { afterAll, describe, expect, it } from 'vitest';
import { createJobGroup } from '../../../engine/jobs/group';
import type { JobState } from '../../../engine/jobs/protocol';
import { createTestPool, sleep } from './helpers';

const longSpin = { epochs: 1, steps: 400, stepMs: 5, batchSize: 1 };

function until(test: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      if (test()) {
        clearInterval(poll);
        resolve();
      }
    }, 5);
  });
}

describe('job group', () => {
  const pool = createTestPool({ size: 2 });
  afterAll(() => pool.destroy());

  it('pauses its running and queued jobs and the ones submitted while paused; other groups go on', async () => {
    const a = createJobGroup(pool);
    const b = createJobGroup(pool);
    const short = { epochs: 1, steps: 20, stepMs: 5, batchSize: 1 };
    const running = a.submit('spin', short);
    let otherProgress = 0;
    const other = b.submit('spin', { ...short, steps: 60 }, { onProgress: () => otherProgress++ });
    const queued = a.submit('spin', short);
    await until(() => running.state === 'running');
    a.pause();
    const late = a.submit('spin', short);
    await until(() => running.state === 'paused');
    expect(a.paused).toBe(true);
    expect([queued.state, late.state]).toEqual(['queued', 'queued']);
    // Group b keeps training while a is paused.
    expect(await other.result).toEqual({ batches: 60 });
    expect(otherProgress).toBeGreaterThan(0);
    expect(running.state).toBe('paused');
    a.resume();
    const results = await Promise.all([running.result, queued.result, late.result]);
    expect(results).toEqual([{ batches: 20 }, { batches: 20 }, { batches: 20 }]);
    expect(a.active).toBe(0);
  });

  it('cancels all its jobs, running or queued, and anything submitted afterwards', async () => {
    const a = createJobGroup(pool);
    const b = createJobGroup(pool);
    const finals: JobState[] = [];
    const onState = (s: JobState) => (s === 'done' || s === 'failed' || s === 'cancelled') && finals.push(s);
    const jobs = [a.submit('spin', longSpin, { onState }), a.submit('spin', longSpin, { onState }), a.submit('spin', longSpin, { onState })];
    const other = b.submit('spin', { ...longSpin, steps: 30 });
    await sleep(100);
    expect(a.active).toBe(3);
    a.cancel();
    for (const job of jobs) await expect(job.result).rejects.toMatchObject({ code: 'cancelled' });
    expect(finals).toEqual(['cancelled', 'cancelled', 'cancelled']);
    const after = a.submit('spin', longSpin);
    expect(after.state).toBe('cancelled');
    expect(a.active).toBe(0);
    expect(await other.result).toEqual({ batches: 30 });
  });

  it('counts active time without the time it was paused, so a paused run keeps its time budget', async () => {
    const a = createJobGroup(pool);
    await sleep(40);
    a.pause();
    const atPause = a.activeMs();
    await sleep(120);
    // While paused the clock stands still.
    expect(a.activeMs() - atPause).toBeLessThan(15);
    a.resume();
    await sleep(40);
    const total = a.activeMs();
    expect(total).toBeGreaterThanOrEqual(75);
    expect(total).toBeLessThan(190);
  });
});
