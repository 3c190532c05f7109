// The command-line tool inside the packaged app (`Tidecast --cli -- --input sales.csv`): the
// run-as-node fuse is off, so the app's own executable runs the same runCli as the `tidecast`
// bin, headless, on workers from the app's unpacked worker bundle under the app's heap cap.
import { EXIT_FAILURE, runCli } from '../engine/cli/main';
import { createForecastPool } from '../engine/forecast/pool';
import { WORKER_RESOURCE_LIMITS } from './worker-limits';

export interface HeadlessIo {
  workerUrl: URL;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream | NodeJS.WritableStream;
}

/** Runs the tool with `args`; resolves with its exit code (1 for a failure of the tool itself). */
export async function runHeadlessCli(args: string[], io: HeadlessIo): Promise<number> {
  try {
    return await runCli(args, {
      stdout: io.stdout,
      stderr: io.stderr,
      createSubmitter(workers) {
        const pool = createForecastPool({ workerUrl: io.workerUrl, resourceLimits: WORKER_RESOURCE_LIMITS, ...(workers !== null ? { size: workers } : {}) });
        return { submitter: pool, close: () => pool.destroy() };
      },
    });
  } catch (error) {
    io.stderr.write(`tidecast: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT_FAILURE;
  }
}
