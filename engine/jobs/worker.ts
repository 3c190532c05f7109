// The production worker entry (bundled to out/main/worker.js): runs the app's job handlers.
import { startWorker } from './worker-runtime';
import type { AnyJobHandlers } from './protocol';

// Until engine/forecast/jobs.ts lands, the worker knows no kinds and says so for any job.
const handlers: AnyJobHandlers = {};

startWorker(handlers);
