#!/usr/bin/env node
// The headless `tidecast` command (npm run forecast -- --input FILE.csv; bin → out/main/cli.js):
// runs the forecasting pipeline on the worker pool and sets the exit code.
import { runCli } from './cli/main';
import { createForecastPool } from './forecast/pool';
import { WORKER_HEAP_MB } from './limits';

// Under tsx this file is engine/cli.ts beside forecast/worker.ts; built, cli.js sits beside worker.js.
const workerUrl = import.meta.url.endsWith('.ts')
  ? new URL('./forecast/worker.ts', import.meta.url)
  : new URL('./worker.js', import.meta.url);

runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  createSubmitter(workers) {
    const pool = createForecastPool({ workerUrl, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB }, ...(workers !== null ? { size: workers } : {}) });
    return { submitter: pool, close: () => pool.destroy() };
  },
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`tidecast: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
