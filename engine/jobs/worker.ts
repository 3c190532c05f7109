// The production worker entry (bundled to out/main/worker.js; run through tsx in dev and
// benchmarks): runs the forecasting job handlers.
import { forecastJobHandlers } from '../forecast/jobs';
import { startWorker } from './worker-runtime';

startWorker(forecastJobHandlers);
