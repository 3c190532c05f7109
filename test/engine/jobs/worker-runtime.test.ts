// The worker-side job loop, run in this thread with a fake clock: progress throttling,
// cancel/pause at checkpoints, and how results and errors are posted.
import { describe, expect, it } from 'vitest';
import type { RunControl, TrainingProgress } from '../../../engine/jobs/control';
import {
  CONTROL_CANCEL,
  createControlBuffer,
  type FromWorkerMessage,
  type RunJobRequest,
} from '../../../engine/jobs/protocol';
import { createJobLoop } from '../../../engine/jobs/worker-runtime';

function progressAt(step: number): TrainingProgress {
  return { stage: 't', epoch: 1, epochs: 1, step, steps: 100, trainLoss: 1, validationLoss: Number.NaN, samplesPerSecond: 1, elapsedMs: 0, etaMs: 0, fraction: step / 100 };
}

function request(kind: string, payload: unknown = null, control = createControlBuffer()): RunJobRequest {
  return { type: 'run', jobId: 7, kind, payload, control };
}

function harness(handlers: Record<string, (payload: never, control: RunControl) => unknown>) {
  let clock = 0;
  const posted: { message: FromWorkerMessage; transfer: ArrayBuffer[] | undefined }[] = [];
  const runner = createJobLoop(handlers, (message, transfer) => posted.push({ message, transfer }), () => clock);
  return {
    runner,
    posted,
    advance(ms: number) {
      clock += ms;
    },
  };
}

describe('worker job loop', () => {
  it('forwards progress at most every 100 ms, but every epoch end at once', async () => {
    const h = harness({
      job: (_p, control) => {
        // 30 ms per batch, epoch end at batch 5 and 10.
        for (let step = 1; step <= 10; step++) {
          h.advance(30);
          control.progress(progressAt(step), step % 5 === 0);
        }
        return 'ok';
      },
    });
    await h.runner.run(request('job'));
    const progress = h.posted.filter((p) => p.message.type === 'progress').map((p) => p.message as Extract<FromWorkerMessage, { type: 'progress' }>);
    // t = 30 (first, nothing before), 150 (epoch end), 270 (120 ms after 150), 300 (epoch end).
    expect(progress.map((p) => p.progress.step)).toEqual([1, 5, 9, 10]);
    expect(progress.map((p) => p.epochEnd)).toEqual([false, true, false, true]);
    expect(h.posted.at(-1)!.message).toEqual({ type: 'result', jobId: 7, result: 'ok' });
  });

  it('throws JobCancelledError at the checkpoint after cancel and reports the job cancelled', async () => {
    const control = createControlBuffer();
    let batchesRun = 0;
    const h = harness({
      job: (_p, c) => {
        for (let step = 1; step <= 10; step++) {
          c.checkpoint();
          batchesRun++;
          if (step === 3) Atomics.store(new Int32Array(control), 0, CONTROL_CANCEL);
        }
        return 'should not finish';
      },
    });
    await h.runner.run(request('job', null, control));
    expect(batchesRun).toBe(3);
    expect(h.posted.map((p) => p.message)).toEqual([{ type: 'error', jobId: 7, error: { code: 'cancelled', message: 'The job was cancelled.' } }]);
  });

  it('a cancel that lands after the last checkpoint still discards the result', async () => {
    const control = createControlBuffer();
    const h = harness({
      job: () => {
        Atomics.store(new Int32Array(control), 0, CONTROL_CANCEL);
        return 'late result';
      },
    });
    await h.runner.run(request('job', null, control));
    expect(h.posted.map((p) => p.message.type)).toEqual(['error']);
  });

  it('transfers typed arrays of the result instead of copying them', async () => {
    const out = new Float32Array([1, 2, 3]);
    const h = harness({ job: () => ({ values: out, nested: [out.subarray(1)] }) });
    await h.runner.run(request('job'));
    expect(h.posted[0].transfer).toEqual([out.buffer]);
  });

  it('reports a throwing handler with its message and error name', async () => {
    const h = harness({
      job: () => {
        throw new TypeError('Horizon must be ≥ 1, got 0 (field "horizon").');
      },
    });
    await h.runner.run(request('job'));
    const message = h.posted[0].message;
    expect(message.type).toBe('error');
    if (message.type !== 'error') return;
    expect(message.error.code).toBe('handler-error');
    expect(message.error.message).toBe('Horizon must be ≥ 1, got 0 (field "horizon").');
    expect(message.error.name).toBe('TypeError');
  });

  it('names the known kinds when asked for an unknown one', async () => {
    const h = harness({ train: () => 1, forecast: () => 2 });
    await h.runner.run(request('backtest'));
    expect(h.posted[0].message).toEqual({
      type: 'error',
      jobId: 7,
      error: { code: 'unknown-kind', message: 'This worker has no handler for job kind "backtest" (known kinds: train, forecast).' },
    });
  });

  it('does not treat inherited object keys as job kinds', async () => {
    const h = harness({ train: () => 1 });
    await h.runner.run(request('toString'));
    expect(h.posted[0].message.type).toBe('error');
  });

  // Leaving out paused time is checked with a real pause in pool.test.ts.
  it('gives the job a clock of active milliseconds since it started', async () => {
    const h = harness({
      job: (_p, c) => {
        h.advance(50);
        const before = c.activeMs!();
        return before;
      },
    });
    await h.runner.run(request('job'));
    expect(h.posted[0].message).toEqual({ type: 'result', jobId: 7, result: 50 });
  });
});
