// The app's pool on the production worker entry (engine/forecast/worker.ts): the 'fit' and
// 'forecast' jobs run in a worker and give exactly what they give on the calling thread.
import { afterAll, describe, expect, it } from 'vitest';
import { createForecastPool, type ForecastSubmitter } from '../../../engine/forecast/pool';
import { DEFAULT_SETTINGS } from '../../../engine/forecast/settings';
import { forecastWithModels } from '../../../engine/forecast/worker-handlers';
import { noControl, type TrainingProgress } from '../../../engine/jobs/control';
import { createJobGroup } from '../../../engine/jobs/group';
import { recurrentTraining, type RecurrentConfig } from '../../../engine/models/recurrent/config';
import { fitRecurrent } from '../../../engine/models/recurrent/fit';
import type { FitRequest } from '../../../engine/models/types';

function fitRequest(): FitRequest<RecurrentConfig> {
  const n = 240;
  const time = new Float64Array(n);
  const target = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    time[i] = Date.UTC(2024, 0, 1) + i * 3_600_000;
    target[i] = 5 + Math.sin((2 * Math.PI * i) / 24) + 0.05 * Math.sin(i * 12.9898);
  }
  // The app's training options, shortened to 3 epochs without early stopping.
  const training = { ...recurrentTraining({ ...DEFAULT_SETTINGS, epochs: 3 }), patience: 3, plateauEpochs: 3 };
  return {
    kind: 'recurrent',
    label: 'lstm uni 1×8 L=24',
    series: { time, target, covariates: [], covariateNames: [], frequency: { unit: 'hour', step: 1, label: 'hourly' }, season: 24 },
    horizon: 6,
    validationWindows: 24,
    config: { cell: 'lstm', bidirectional: false, layers: 1, hidden: 8, dropout: 0, lookback: 24, log: false, normalisation: 'none', seed: 3, training },
    timeBudgetMs: 0,
  };
}

describe('forecast jobs on the production worker', () => {
  const pool = createForecastPool({ workerUrl: new URL('../../../engine/forecast/worker.ts', import.meta.url), size: 1 });
  afterAll(() => pool.destroy());

  it('trains and forecasts in a worker with the same numbers as on this thread', async () => {
    const request = fitRequest();
    const epochEnds: TrainingProgress[] = [];
    const inWorker = await pool.submit('fit', request, { onProgress: (p, end) => end && epochEnds.push(p) }).result;
    const here = fitRecurrent(fitRequest(), noControl);

    expect(epochEnds.map((p) => [p.epoch, p.epochs])).toEqual([[1, 3], [2, 3], [3, 3]]);
    expect(inWorker.future).toBeInstanceOf(Float64Array);
    expect(Array.from(inWorker.future)).toEqual(Array.from(here.future));
    expect(inWorker.state).toEqual(here.state);
    expect(Array.from(inWorker.training.validationLoss)).toEqual(Array.from(here.training.validationLoss));

    // A job group over the pool is a submitter too (what one forecast run is given in the app).
    const run: ForecastSubmitter = createJobGroup(pool);
    const saved = { kind: 'recurrent', state: inWorker.state };
    const forecast = await run.submit('forecast', { models: [saved], series: request.series, horizon: 6 }).result;
    const expected = await forecastWithModels({ models: [{ kind: 'recurrent', state: here.state }], series: fitRequest().series, horizon: 6 }, noControl);
    expect(forecast.forecasts).toHaveLength(1);
    expect(Array.from(forecast.forecasts[0])).toEqual(Array.from(expected.forecasts[0]));
  });
});
