// Throughput, elapsed time, ETA and fraction as a training loop reports them, hand-computed.
import { describe, expect, it } from 'vitest';
import type { RunControl, TrainingProgress } from '../../../engine/jobs/control';
import { ProgressMeter } from '../../../engine/jobs/progress-meter';

function recordingControl(activeMs?: () => number): { control: RunControl; seen: [TrainingProgress, boolean][] } {
  const seen: [TrainingProgress, boolean][] = [];
  const control: RunControl = { checkpoint() {}, warn() {}, progress: (p, e) => seen.push([p, e]) };
  if (activeMs !== undefined) control.activeMs = activeMs;
  return { control, seen };
}

describe('ProgressMeter', () => {
  it('computes samples/s, elapsed, ETA and fraction from the batches done', () => {
    let clock = 1000;
    const { control, seen } = recordingControl();
    const meter = new ProgressMeter(control, { stage: 'gru uni 1×16', epochs: 2, steps: 4, batchSize: 10, samplesPerEpoch: 35, now: () => clock });
    clock += 50;
    meter.report(1, 1, 0.9);
    clock += 50;
    meter.report(1, 2, 0.8);
    // 2 of 8 batches, 20 samples in 100 ms: 200 samples/s; 100 ms per 2 batches → 300 ms left.
    expect(seen[1]).toEqual([
      { stage: 'gru uni 1×16', epoch: 1, epochs: 2, step: 2, steps: 4, trainLoss: 0.8, validationLoss: Number.NaN, samplesPerSecond: 200, elapsedMs: 100, etaMs: 300, fraction: 0.25 },
      false,
    ]);
    clock += 100;
    meter.report(1, 4, 0.7, 0.75, true);
    // Batch 3 went unreported (fine); the last batch is short (35 windows per epoch): 35
    // samples in 200 ms = 175/s; 4 of 8 batches done in 200 ms → 200 ms left.
    expect(seen[2][0]).toMatchObject({ epoch: 1, step: 4, validationLoss: 0.75, samplesPerSecond: 175, elapsedMs: 200, etaMs: 200, fraction: 0.5 });
    expect(seen[2][1]).toBe(true);
  });

  it("runs on the job's pause-free clock when the control offers one", () => {
    let active = 0;
    const { control, seen } = recordingControl(() => active);
    const meter = new ProgressMeter(control, { stage: 's', epochs: 1, steps: 2, batchSize: 1 });
    active = 40;
    meter.report(1, 2, 0.1, Number.NaN, true);
    // 2 batches of 1 sample in 40 active ms = 50 samples/s.
    expect(seen[0][0]).toMatchObject({ elapsedMs: 40, etaMs: 0, fraction: 1, samplesPerSecond: 50 });
  });

  it('says ETA is unknown before any time has passed', () => {
    const { control } = recordingControl();
    const meter = new ProgressMeter(control, { stage: 's', epochs: 1, steps: 2, batchSize: 1, now: () => 0 });
    expect(meter.snapshot(1, 1, 1).etaMs).toBeNaN();
  });

  it('never promises more time than a time budget leaves', () => {
    const { control } = recordingControl();
    let clock = 0;
    const meter = new ProgressMeter(control, { stage: 's', epochs: 10, steps: 1, batchSize: 1, now: () => clock, budgetMs: 300 });
    clock = 100;
    // One epoch of ten in 100 ms: 900 ms to go by pace, but the budget stops the job at 300.
    expect(meter.snapshot(1, 1, 1).etaMs).toBe(200);
    clock = 400;
    expect(meter.snapshot(2, 1, 1).etaMs).toBe(0);
  });

  it('rejects a run without epochs or batches', () => {
    const { control } = recordingControl();
    expect(() => new ProgressMeter(control, { stage: 's', epochs: 0, steps: 2, batchSize: 1 })).toThrow(/at least one epoch/);
  });
});
