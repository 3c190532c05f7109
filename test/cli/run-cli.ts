// Running the command-line tool from tests: as a real process (what a user runs), or in this
// process on an inline forecast submitter (faster; the same runCli the process calls).
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { runCli } from '../../engine/cli/main';
import { createInlineForecastSubmitter } from '../../engine/forecast/pool';

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

const ROOT = resolve(import.meta.dirname, '../..');

/** `tidecast ARGS` as a child process (tsx, the worker pool), from the project folder. */
export async function cliProcess(args: string[]): Promise<CliOutcome> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'engine/cli.ts', ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** `tidecast ARGS` in this process, every job run inline. */
export async function cliInProcess(args: string[]): Promise<CliOutcome> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d) => (stdout += d));
  err.on('data', (d) => (stderr += d));
  const code = await runCli(args, {
    stdout: out,
    stderr: err,
    createSubmitter: () => ({ submitter: createInlineForecastSubmitter(), close: async () => {} }),
  });
  return { code, stdout, stderr };
}
