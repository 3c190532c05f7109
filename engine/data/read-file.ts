// Reading a CSV file from disk for the command line (Node only; the app reads files in main and
// streams dropped ones in its import worker): the size is checked before anything is read, and
// never more than the file-size limit is read from a pipe or device that does not say its size.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { MAX_FILE_BYTES } from '../limits';
import { decodeCsvBytes } from './decode';
import type { DecodedText } from './decode';
import { DataError, fileTooLarge } from './errors';

export interface CsvFile extends DecodedText {
  /** Size of the file in bytes. */
  bytes: number;
}

/** Throws DataError 'file-too-large' when `bytes` is past the file-size limit (MAX_FILE_BYTES). */
export function checkFileSize(bytes: number, source: string): void {
  if (bytes > MAX_FILE_BYTES) throw fileTooLarge(source, bytes);
}

/**
 * The decoded text of the CSV at `path`. Throws DataError: 'unreadable-file' (missing, a
 * folder, no permission), 'file-too-large' (checked on the file's size before reading it, and
 * while reading what has no size, such as a pipe).
 */
export function readCsvFile(path: string): CsvFile {
  const source = basename(path);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw unreadable(path, error);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw unreadable(path, Object.assign(new Error('is a folder'), { code: 'EISDIR' }));
    if (stat.isFile()) checkFileSize(stat.size, source);
    const bytes = readAtMost(fd, stat.isFile() ? stat.size : 0, source);
    return { ...decodeCsvBytes(bytes), bytes: bytes.length };
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw unreadable(path, error);
  } finally {
    closeSync(fd);
  }
}

/** The whole file, growing the buffer only when there is more than `sizeHint`, refused once past MAX_FILE_BYTES. */
function readAtMost(fd: number, sizeHint: number, source: string): Uint8Array {
  let buffer = new Uint8Array(Math.max(sizeHint, 65_536));
  let length = 0;
  const probe = new Uint8Array(65_536);
  for (;;) {
    if (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      continue;
    }
    // Full: a file that grew, or a pipe. Read on in small steps before making room.
    const read = readSync(fd, probe, 0, probe.length, null);
    if (read === 0) break;
    if (length + read > MAX_FILE_BYTES) throw fileTooLarge(source, null);
    const grown = new Uint8Array(Math.min(Math.max(buffer.length * 2, length + read), MAX_FILE_BYTES));
    grown.set(buffer.subarray(0, length));
    grown.set(probe.subarray(0, read), length);
    buffer = grown;
    length += read;
  }
  return buffer.subarray(0, length);
}

function unreadable(path: string, error: unknown): DataError {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied'
    : (error as Error).message;
  return new DataError('unreadable-file', `${path}: cannot read the input (${why}). Check the path and that the file is readable.`);
}
