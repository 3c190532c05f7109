// What the app was started to do, read from its command line: run the command-line tool
// headless (`--cli`, the packaged app's only way in, as the run-as-node fuse is off), or open the
// files a file manager or a second launch passed. Pure, so the decision is tested without Electron.
import { extname, isAbsolute, resolve } from 'node:path';
import type { DocumentKind } from './contract';

/** The marker that makes the app run the command-line tool instead of opening a window. */
export const CLI_FLAG = '--cli';

/**
 * The command-line tool's arguments when the app was started with `--cli`, else null. Everything
 * after the marker is the tool's (after an optional `--`, which keeps Chromium from reading it).
 */
export function cliArguments(argv: readonly string[]): string[] | null {
  const at = argv.indexOf(CLI_FLAG);
  // After a `--` the marker is an argument of something else, not ours.
  const end = argv.indexOf('--');
  if (at < 0 || (end >= 0 && end < at)) return null;
  const rest = argv.slice(at + 1);
  return rest[0] === '--' ? rest.slice(1) : rest;
}

export interface LaunchContext {
  /** A packaged app's argv is [executable, ...]; in development the first operand is the app folder. */
  isPackaged: boolean;
  /** The folder relative paths are relative to (the second instance's, for a second launch). */
  cwd: string;
}

/** The files named on the command line, as absolute paths (switches and the app folder left out). */
export function filesToOpen(argv: readonly string[], context: LaunchContext): string[] {
  const args = argv.slice(1);
  const end = args.indexOf('--');
  const operands = (end >= 0 ? args.slice(0, end) : args).filter(isOperand);
  // `electron . file.csv`, `electron --inspect=0 /app file.csv`: the app folder comes first.
  if (!context.isPackaged) operands.shift();
  const candidates = end >= 0 ? [...operands, ...args.slice(end + 1)] : operands;
  return candidates.filter((a) => a.trim() !== '').map((a) => (isAbsolute(a) ? a : resolve(context.cwd, a)));
}

/** Chromium and Electron add switches of their own (--allow-file-access…, -psn_0_… on old macOS). */
const isOperand = (arg: string): boolean => !arg.startsWith('-');

/** Projects are .tidecast files; anything else is read as data. */
export function documentKind(path: string): DocumentKind {
  return extname(path).toLowerCase() === '.tidecast' ? 'project' : 'data';
}
