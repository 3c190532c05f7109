// The app's pool on the production worker entry (engine/jobs/worker.ts): the forecast 'train'
// and 'forecast' jobs run in a worker and give exactly what they give on the calling thread.
import { afterAll, describe, expect, it } from 'vitest';
import { forecastFromMembers } from '../../../engine/forecast/jobs';
import { trainingOptions } from '../../../engine/forecast/pipeline';
import { DEFAULT_SETTINGS } from '../../../engine/forecast/settings';
import { fitCandidate, type FitRequest } from '../../../engine/forecast/train';
import { noControl, type TrainingProgress } from '../../../engine/jobs/control';
import type { JobRunner } from '../../../engine/forecast/runner';
import { createForecastPool } from '../../../engine/jobs/forecast-pool';
import { createJobGroup } from '../../../engine/jobs/group';

function fitRequest(): FitRequest {
  const n = 240;
  const time = new Float64Array(n);
  const target = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    time[i] = Date.UTC(2024, 0, 1) + i * 3_600_000;
    target[i] = 5 + Math.sin((2 * Math.PI * i) / 24) + 0.05 * Math.sin(i * 12.9898);
  }
  return {
    label: 'lstm uni 1×8 L=24',
    series: { time, target, covariates: [], covariateNames: [], frequency: { unit: 'hour', step: 1, label: 'hourly' }, season: 24 },
    horizon: 6,
    config: { cell: 'lstm', bidirectional: false, layers: 1, hidden: 8, dropout: 0, lookback: 24, log: false, normalisation: 'none', seed: 3 },
    // The app's training options, shortened to 3 epochs without early stopping.
    training: { ...trainingOptions({ ...DEFAULT_SETTINGS, target: 'y', horizon: 6, season: 24, epochs: 3 }, 24, 0), patience: 3, plateauEpochs: 3 },
  };
}

describe('forecast jobs on the production worker', () => {
  const pool = createForecastPool({ workerUrl: new URL('../../../engine/jobs/worker.ts', import.meta.url), size: 1 });
  afterAll(() => pool.destroy());

  it('trains and forecasts in a worker with the same numbers as on this thread', async () => {
    const request = fitRequest();
    const epochEnds: TrainingProgress[] = [];
    const inWorker = await pool.submit('train', request, { onProgress: (p, end) => end && epochEnds.push(p) }).result;
    const here = fitCandidate(fitRequest(), noControl);

    expect(epochEnds.map((p) => [p.epoch, p.epochs])).toEqual([[1, 3], [2, 3], [3, 3]]);
    expect(inWorker.future).toBeInstanceOf(Float64Array);
    expect(Array.from(inWorker.future)).toEqual(Array.from(here.future));
    expect(inWorker.member.network).toEqual(here.member.network);
    expect(inWorker.validationLoss).toBe(here.validationLoss);

    // A job group over the pool is a JobRunner too (what one forecast run is given in the app).
    const run: JobRunner = createJobGroup(pool);
    const forecast = await run.submit('forecast', { members: [inWorker.member], series: request.series }).result;
    const expected = forecastFromMembers({ members: [here.member], series: fitRequest().series }, noControl);
    expect(forecast.forecasts).toHaveLength(1);
    expect(Array.from(forecast.forecasts[0])).toEqual(Array.from(expected.forecasts[0]));
  });
});
