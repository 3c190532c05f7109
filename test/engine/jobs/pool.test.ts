// The pool as a caller sees it: progress order and content, cancel latency mid-epoch,
// pause/resume without changing the result, and queueing N+2 jobs on N workers.
import { afterAll, describe, expect, it } from 'vitest';
import type { TrainingProgress } from '../../../engine/jobs/control';
import { JobError, type JobState } from '../../../engine/jobs/protocol';
import type { TrainRequest } from './fixtures/sine-trainer';
import { createTestPool, sleep } from './helpers';

describe('job pool', () => {
  const pool = createTestPool({ size: 2 });
  afterAll(() => pool.destroy());

  it('reports progress in order, throttled to ≥ 100 ms apart, with every epoch end', async () => {
    const events: [TrainingProgress, boolean][] = [];
    const states: JobState[] = [];
    const epochs = 3, steps = 20, stepMs = 10, batch = 32;
    const job = pool.submit('spin', { epochs, steps, stepMs, batchSize: batch }, { onProgress: (p, e) => events.push([p, e]), onState: (s) => states.push(s) });
    expect(await job.result).toEqual({ batches: 60 });
    expect(states).toEqual(['queued', 'running', 'done']);

    // Order: (epoch, step) strictly increasing, fixed totals.
    const order = events.map(([p]) => (p.epoch - 1) * steps + p.step);
    for (let i = 1; i < order.length; i++) expect(order[i]).toBeGreaterThan(order[i - 1]);
    for (const [p] of events) expect(p).toMatchObject({ stage: 'spin', epochs, steps });

    // Every epoch end arrives, once, flagged, with its validation loss (2/epoch in the fixture).
    const ends = events.filter(([, e]) => e).map(([p]) => p);
    expect(ends.map((p) => [p.epoch, p.step, p.validationLoss])).toEqual([[1, 20, 2], [2, 20, 1], [3, 20, 2 / 3]]);
    for (const [p, e] of events) if (!e) expect(p.validationLoss).toBeNaN();

    // Throttle: anything that is not an epoch end comes ≥ 100 ms after the previous event
    // (measured on the worker's clock, which elapsedMs reports), and mid-epoch events do come.
    for (let i = 1; i < events.length; i++) {
      if (!events[i][1]) expect(events[i][0].elapsedMs - events[i - 1][0].elapsedMs).toBeGreaterThanOrEqual(99);
    }
    expect(events.length).toBeGreaterThan(ends.length);

    // Content: the loss of the batch reported, throughput of busy 10 ms batches of 32, fraction.
    for (const [p] of events) {
      const done = (p.epoch - 1) * steps + p.step;
      expect(p.trainLoss).toBe(1 / done);
      expect(p.fraction).toBeCloseTo(done / (epochs * steps), 12);
      // Samples done over active time; never above what 10 ms batches of 32 allow.
      expect(p.samplesPerSecond).toBeCloseTo((done * batch * 1000) / p.elapsedMs, 6);
      expect(p.samplesPerSecond).toBeLessThanOrEqual((batch * 1000) / stepMs);
    }
    const last = events.at(-1)![0];
    expect(last.fraction).toBe(1);
    expect(last.etaMs).toBe(0);
    expect(last.elapsedMs).toBeGreaterThanOrEqual(epochs * steps * stepMs);

    // ETA extrapolates the job's own pace: at the end of epoch 1 (a third done) the rest takes
    // twice the time spent so far. (Its accuracy on a steady job is the meter's unit test, on a
    // controlled clock: here the wall clock would make the check depend on the machine's load.)
    const first = ends[0];
    expect(first.fraction).toBeCloseTo(1 / 3, 12);
    expect(first.etaMs).toBeCloseTo(2 * first.elapsedMs, 6);
  });

  it('cancels a job in the middle of a long epoch within 200 ms, and the worker carries on', async () => {
    const steps = 2000;
    let lastStep = 0;
    let started!: () => void;
    const midEpoch = new Promise<void>((r) => (started = r));
    const job = pool.submit('spin', { epochs: 1, steps, stepMs: 5, batchSize: 1 }, {
      onProgress: (p) => {
        lastStep = p.step;
        if (p.step >= 20) started();
      },
    });
    await midEpoch;
    const before = pool.stats();
    const t0 = performance.now();
    job.cancel();
    const error = await job.result.catch((e: unknown) => e);
    const latencyMs = performance.now() - t0;

    expect(error).toBeInstanceOf(JobError);
    expect((error as JobError).code).toBe('cancelled');
    expect(job.state).toBe('cancelled');
    expect(latencyMs).toBeLessThan(200);
    expect(lastStep).toBeLessThan(steps);
    // Stopped through the shared flag, not by killing the thread: the same workers remain.
    expect(pool.stats().workers).toBe(before.workers);
    expect(pool.stats().replaced).toBe(before.replaced);
    expect(await pool.submit('spin', { epochs: 1, steps: 2, stepMs: 1, batchSize: 1 }).result).toEqual({ batches: 2 });
  });

  it('cancels code that never reaches a checkpoint by replacing its worker, still within 200 ms', async () => {
    const states: JobState[] = [];
    const replacedBefore = pool.stats().replaced;
    const job = pool.submit('noCheckpoint', { ms: 5000 }, { onState: (s) => states.push(s) });
    await sleep(400);
    const t0 = performance.now();
    job.cancel();
    await expect(job.result).rejects.toMatchObject({ code: 'cancelled' });
    expect(performance.now() - t0).toBeLessThan(200);
    expect(states).toEqual(['queued', 'running', 'cancelled']);
    expect(pool.stats().replaced).toBe(replacedBefore + 1);
    expect(await pool.submit('warn', null).result).toBe(1);
  });

  it('drops a queued job at once when it is cancelled, without running it', async () => {
    const small = createTestPool({ size: 1 });
    try {
      const busy = small.submit('spin', { epochs: 1, steps: 30, stepMs: 5, batchSize: 1 });
      const states: JobState[] = [];
      const queued = small.submit('spin', { epochs: 1, steps: 1, stepMs: 1, batchSize: 1 }, { onState: (s) => states.push(s) });
      queued.cancel();
      expect(queued.state).toBe('cancelled');
      await expect(queued.result).rejects.toMatchObject({ code: 'cancelled' });
      expect(states).toEqual(['queued', 'cancelled']);
      expect(await busy.result).toEqual({ batches: 30 });
    } finally {
      await small.destroy();
    }
  });

  it('cancels through an AbortSignal, also one aborted before submit', async () => {
    const aborted = AbortSignal.abort();
    const states: JobState[] = [];
    const early = pool.submit('warn', null, { signal: aborted, onState: (s) => states.push(s) });
    expect(states).toEqual(['queued', 'cancelled']);
    await expect(early.result).rejects.toMatchObject({ code: 'cancelled' });

    const controller = new AbortController();
    const job = pool.submit('spin', { epochs: 1, steps: 1000, stepMs: 5, batchSize: 1 }, { signal: controller.signal });
    await sleep(50);
    controller.abort();
    await expect(job.result).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('pauses and resumes training with bit-identical final weights, and does not count the pause as elapsed', async () => {
    const request: TrainRequest = { seed: 42, epochs: 3, steps: 12, batch: 16, window: 24, hidden: 8 };
    const straight = await pool.submit('train', request).result;

    const states: JobState[] = [];
    let progressCount = 0;
    let lastElapsed = 0;
    let firstProgress!: () => void;
    const running = new Promise<void>((r) => (firstProgress = r));
    let pausedAt = 0;
    let reachedPause!: () => void;
    const paused = new Promise<void>((r) => (reachedPause = r));
    const t0 = performance.now();
    const job = pool.submit('train', request, {
      onProgress: (p) => {
        progressCount++;
        lastElapsed = p.elapsedMs;
        firstProgress();
      },
      onState: (s) => {
        states.push(s);
        if (s === 'paused') {
          pausedAt = performance.now();
          reachedPause();
        }
      },
    });
    await running;
    job.pause();
    await paused;
    const countWhenPaused = progressCount;
    await sleep(300);
    expect(job.state).toBe('paused');
    expect(progressCount).toBe(countWhenPaused);
    const pauseMs = performance.now() - pausedAt;
    job.resume();
    const resumed = await job.result;
    const wallMs = performance.now() - t0;

    expect(states).toEqual(['queued', 'running', 'paused', 'running', 'done']);
    expect(resumed.weights.length).toBe(straight.weights.length);
    expect(Buffer.from(resumed.weights.buffer).equals(Buffer.from(straight.weights.buffer))).toBe(true);
    expect(resumed.trainLoss).toBe(straight.trainLoss);
    // The comparison has teeth: another seed trains to other weights.
    const other = await pool.submit('train', { ...request, seed: 43 }).result;
    expect(Buffer.from(other.weights.buffer).equals(Buffer.from(straight.weights.buffer))).toBe(false);
    // Elapsed time runs on the job's active clock: wall time minus reported ≥ the pause.
    expect(wallMs - lastElapsed).toBeGreaterThanOrEqual(pauseMs - 20);
  });

  it('cancels a paused job, which goes straight from paused to cancelled', async () => {
    const states: JobState[] = [];
    const job = pool.submit('spin', { epochs: 1, steps: 500, stepMs: 2, batchSize: 1 }, { onState: (s) => states.push(s) });
    job.pause();
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (job.state === 'paused') {
          clearInterval(poll);
          resolve();
        }
      }, 5);
    });
    const t0 = performance.now();
    job.cancel();
    await expect(job.result).rejects.toMatchObject({ code: 'cancelled' });
    expect(performance.now() - t0).toBeLessThan(200);
    expect(states).toEqual(['queued', 'running', 'paused', 'cancelled']);
  });

  it('runs N+2 jobs on N workers: at most N at once, started in submission order, all finish once', async () => {
    const log: [number, JobState][] = [];
    let running = 0;
    let maxRunning = 0;
    const jobs = [0, 1, 2, 3].map((i) =>
      pool.submit('spin', { epochs: 1, steps: 10 + i, stepMs: 8, batchSize: 1 }, {
        onState: (s) => {
          log.push([i, s]);
          if (s === 'running') maxRunning = Math.max(maxRunning, ++running);
          if (s === 'done') running--;
        },
      }),
    );
    const results = await Promise.all(jobs.map((j) => j.result));
    expect(results.map((r) => r.batches)).toEqual([10, 11, 12, 13]);
    expect(log.filter(([, s]) => s === 'running').map(([i]) => i)).toEqual([0, 1, 2, 3]);
    expect(maxRunning).toBe(2);
    for (const i of [0, 1, 2, 3]) expect(log.filter(([j, s]) => j === i && s === 'done')).toHaveLength(1);
    expect(pool.stats()).toMatchObject({ queued: 0, running: 0, workers: 2 });
  });

  it('reports each job exactly once when cancels race with completion', async () => {
    // Warm both workers, so each race is with the job itself, not with a worker starting up.
    const warm = { epochs: 1, steps: 1, stepMs: 1, batchSize: 1 };
    await Promise.all([pool.submit('spin', warm).result, pool.submit('spin', warm).result]);
    const finals = new Map<number, JobState[]>();
    // Each job runs ~12 ms; job i is cancelled 2i ms after it starts: early ones stop mid-run,
    // late ones have finished, and some cancels cross the result in flight.
    const jobs = Array.from({ length: 16 }, (_, i) => {
      const job = pool.submit('spin', { epochs: 1, steps: 4, stepMs: 3, batchSize: 1 }, {
        onState: (s) => {
          if (s === 'running') setTimeout(() => job.cancel(), 2 * i);
          if (s === 'done' || s === 'failed' || s === 'cancelled') finals.set(i, [...(finals.get(i) ?? []), s]);
        },
      });
      return job;
    });
    const outcomes = await Promise.allSettled(jobs.map((j) => j.result));
    outcomes.forEach((outcome, i) => {
      expect(finals.get(i)).toHaveLength(1);
      const state = finals.get(i)![0];
      expect(jobs[i].state).toBe(state);
      if (state === 'done') expect(outcome.status).toBe('fulfilled');
      else expect(outcome).toMatchObject({ status: 'rejected', reason: { code: 'cancelled' } });
    });
    const states = new Set([...finals.values()].map((v) => v[0]));
    expect(states).toEqual(new Set(['done', 'cancelled']));
    expect(await pool.submit('warn', null).result).toBe(1);
  });

  it('forwards warnings from the job', async () => {
    const warnings: string[] = [];
    await pool.submit('warn', null, { onWarning: (m) => warnings.push(m) }).result;
    expect(warnings).toEqual(['Skipped 1 batch with a non-finite gradient.']);
  });
});
