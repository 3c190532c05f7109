// The production worker entry (bundled to out/main/worker.js; run through tsx in development
// and benchmarks): the generic worker runtime with the forecasting job handlers.
import { startWorker } from '../jobs/worker-runtime';
import { forecastJobHandlers } from './worker-handlers';

startWorker(forecastJobHandlers);
