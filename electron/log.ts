// The app's log file (userData/logs/main.log, rotated at 1 MB) through electron-log's Node
// logger — no IPC channel of its own, so the page cannot write to it — and the words an error
// shown to the user adds so that a report comes with the log.
import log from 'electron-log/node';

export interface AppLog {
  /** Where the log is written. */
  readonly file: string;
  info(...parts: unknown[]): void;
  warn(...parts: unknown[]): void;
  error(...parts: unknown[]): void;
}

export interface AppLogOptions {
  /** Write each line before returning (tests); the app writes in the background. */
  sync?: boolean;
  /** Echo warnings and errors on the terminal too (default true). */
  console?: boolean;
}

export const LOG_MAX_BYTES = 1024 * 1024;

export function openAppLog(file: string, options: AppLogOptions = {}): AppLog {
  const logger = log.create({ logId: `tidecast ${file}` });
  logger.transports.file.resolvePathFn = () => file;
  logger.transports.file.sync = options.sync ?? false;
  logger.transports.file.maxSize = LOG_MAX_BYTES;
  logger.transports.file.level = 'info';
  logger.transports.console.level = options.console === false ? false : 'warn';
  logger.transports.remote.level = false;
  return {
    file,
    info: (...parts) => logger.info(...parts),
    warn: (...parts) => logger.warn(...parts),
    error: (...parts) => logger.error(...parts),
  };
}

/** The sentence an unexpected error ends with: what to attach to a report, and where it is. */
export function reportHint(logFile: string): string {
  return `If it keeps happening, please report it and attach the log file ${logFile} (Help › Show Logs).`;
}
