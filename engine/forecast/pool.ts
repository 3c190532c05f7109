// The app's job pool: the forecasting job kinds on the worker entry that runs their handlers
// (worker.ts). It is the JobSubmitter the pipeline codes against.
import { createJobPool, type JobPool, type JobPoolOptions } from '../jobs/pool';
import { createInlineSubmitter, type JobSubmitter } from '../jobs/submitter';
import { forecastJobHandlers, type ForecastJobKinds } from './worker-handlers';

/** The submitter the pipeline runs on: the pool, a job group of it, or an inline one in tests. */
export type ForecastSubmitter = JobSubmitter<ForecastJobKinds>;

/**
 * `workerUrl`: out/main/worker.js beside the built main.js / cli.js
 * (`new URL('./worker.js', import.meta.url)` from those entries), or engine/forecast/worker.ts
 * when running from source under tsx.
 */
export function createForecastPool(options: JobPoolOptions): JobPool<ForecastJobKinds> {
  const pool = createJobPool<ForecastJobKinds>(options);
  // Compile-time check that the pool fits the pipeline's interface.
  pool satisfies ForecastSubmitter;
  return pool;
}

/**
 * The forecasting jobs run one by one on the calling thread: for tests and tiny inputs only
 * (it blocks the thread while a network trains).
 */
export function createInlineForecastSubmitter(): ForecastSubmitter {
  return createInlineSubmitter(forecastJobHandlers);
}
