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

/**
 * The whole file: a regular file in one buffer of its size; anything longer (a file that grew,
 * a pipe) in 1 MiB pieces joined at the end, refused once past MAX_FILE_BYTES — so a stream that
 * never ends costs at most the limit.
 */
function readAtMost(fd: number, size: number, source: string): Uint8Array {
  const buffer = new Uint8Array(size);
  let length = 0;
  while (length < size) {
    const read = readSync(fd, buffer, length, size - length, null);
    if (read === 0) return buffer.subarray(0, length);
    length += read;
  }
  const pieces: Uint8Array[] = [buffer];
  let total = length;
  for (;;) {
    const piece = new Uint8Array(1 << 20);
    const read = readSync(fd, piece, 0, piece.length, null);
    if (read === 0) break;
    total += read;
    if (total > MAX_FILE_BYTES) throw fileTooLarge(source, null);
    pieces.push(piece.subarray(0, read));
  }
  if (pieces.length === 1) return buffer;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function unreadable(path: string, error: unknown): DataError {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied'
    : (error as Error).message;
  return new DataError('unreadable-file', `${path}: cannot read the input (${why}). Check the path and that the file is readable.`);
}
