// The app's job pool: the forecasting job kinds, on a worker entry that runs
// `forecastJobHandlers`. It is the JobRunner the forecast orchestrator codes against.
import type { ForecastJobKinds } from '../forecast/jobs';
import type { JobRunner } from '../forecast/runner';
import { createJobPool, type JobPool, type JobPoolOptions } from './pool';

/**
 * `workerUrl`: out/main/worker.js beside the built main.js / cli.js
 * (`new URL('./worker.js', import.meta.url)` from those entries), or engine/jobs/worker.ts
 * when running from source under tsx.
 */
export function createForecastPool(options: JobPoolOptions): JobPool<ForecastJobKinds> {
  const pool = createJobPool<ForecastJobKinds>(options);
  // Compile-time check that the pool fits the orchestrator's interface.
  pool satisfies JobRunner;
  return pool;
}
