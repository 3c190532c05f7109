// A training job's time budget counts the job's active time (RunControl.activeMs), so pausing
// a run does not use up its budget; without that clock it falls back to wall time.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../../engine/forecast/settings';
import { noControl, type RunControl } from '../../../../engine/jobs/control';
import { recurrentTraining, type RecurrentConfig } from '../../../../engine/models/recurrent/config';
import { fitRecurrent } from '../../../../engine/models/recurrent/fit';
import type { FitRequest } from '../../../../engine/models/types';

function request(timeBudgetMs: number): FitRequest<RecurrentConfig> {
  const n = 240;
  const time = new Float64Array(n);
  const target = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    time[i] = Date.UTC(2024, 0, 1) + i * 3_600_000;
    target[i] = 5 + Math.sin((2 * Math.PI * i) / 24);
  }
  const training = { ...recurrentTraining({ ...DEFAULT_SETTINGS, epochs: 4 }), patience: 10, plateauEpochs: 10, workBudget: 0 };
  return {
    kind: 'recurrent',
    label: 'gru uni 1×4 L=24',
    series: { time, target, covariates: [], covariateNames: [], frequency: { unit: 'hour', step: 1, label: 'hourly' }, season: 24 },
    horizon: 6,
    validationWindows: 24,
    config: { cell: 'gru', bidirectional: false, layers: 1, hidden: 4, dropout: 0, lookback: 24, log: false, normalisation: 'none', seed: 1, training },
    timeBudgetMs,
  };
}

describe('training time budget', () => {
  it('stops on the budget as measured by the job clock, not the wall clock', () => {
    // A clock that says an hour has passed: the budget of 1 s is spent after the first epoch.
    const late: RunControl = { ...noControl, activeMs: () => 3_600_000 };
    const stopped = fitRecurrent(request(1000), late);
    expect(stopped.training.stoppedBy).toBe('time-budget');
    expect(stopped.training.epochsRun).toBe(2);

    // A clock that stands still (the job spent its time paused): all epochs run.
    const paused: RunControl = { ...noControl, activeMs: () => 0 };
    const full = fitRecurrent(request(1000), paused);
    expect(full.training.stoppedBy).toBe('epochs');
    expect(full.training.epochsRun).toBe(4);
  });
});
