// A training job's time budget counts the job's active time (RunControl.activeMs), so pausing
// a run does not use up its budget; without that clock it falls back to wall time.
import { describe, expect, it } from 'vitest';
import { trainingOptions } from '../../../engine/forecast/pipeline';
import { DEFAULT_SETTINGS } from '../../../engine/forecast/settings';
import { fitCandidate, type FitRequest } from '../../../engine/forecast/train';
import { noControl, type RunControl } from '../../../engine/jobs/control';

function request(timeBudgetMs: number): FitRequest {
  const n = 240;
  const time = new Float64Array(n);
  const target = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    time[i] = Date.UTC(2024, 0, 1) + i * 3_600_000;
    target[i] = 5 + Math.sin((2 * Math.PI * i) / 24);
  }
  return {
    label: 'gru uni 1×4 L=24',
    series: { time, target, covariates: [], covariateNames: [], frequency: { unit: 'hour', step: 1, label: 'hourly' }, season: 24 },
    horizon: 6,
    config: { cell: 'gru', bidirectional: false, layers: 1, hidden: 4, dropout: 0, lookback: 24, log: false, normalisation: 'none', seed: 1 },
    training: {
      ...trainingOptions({ ...DEFAULT_SETTINGS, target: 'y', horizon: 6, season: 24, epochs: 4 }, 24, 0),
      patience: 10,
      plateauEpochs: 10,
      workBudget: 0,
      timeBudgetMs,
    },
  };
}

describe('training time budget', () => {
  it('stops on the budget as measured by the job clock, not the wall clock', () => {
    // A clock that says an hour has passed: the budget of 1 s is spent after the first epoch.
    const late: RunControl = { ...noControl, activeMs: () => 3_600_000 };
    const stopped = fitCandidate(request(1000), late);
    expect(stopped.stoppedBy).toBe('time-budget');
    expect(stopped.epochsRun).toBe(2);

    // A clock that stands still (the job spent its time paused): all epochs run.
    const paused: RunControl = { ...noControl, activeMs: () => 0 };
    const full = fitCandidate(request(1000), paused);
    expect(full.stoppedBy).toBe('epochs');
    expect(full.epochsRun).toBe(4);
  });
});
