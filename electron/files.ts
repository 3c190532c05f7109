// File operations main does for the renderer: the one atomic write every save goes through,
// checks on renderer-supplied names, and reading a text file (decoded by the engine's CSV
// decoder, the same one the renderer uses for dropped files).
import { randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join } from 'node:path';
import { decodeCsvBytes } from '../engine/data/decode';
import type { TextEncodingName } from './contract';

/**
 * True for a plain file name that cannot point anywhere else once joined onto a trusted
 * directory: not empty, not `.`/`..`, no separators or drive, no control characters.
 */
export function isSafeDataName(name: string): boolean {
  if (typeof name !== 'string' || name.length === 0 || name.length > 255) return false;
  if (name === '.' || name === '..') return false;
  if (/[/\\]/.test(name) || /[\u0000-\u001f\u007f]/.test(name)) return false;
  if (/^[a-zA-Z]:/.test(name)) return false;
  return !isAbsolute(name) && basename(name) === name;
}

// Names Windows refuses whatever the extension (CON.csv is as bad as CON).
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * A file name suitable as a save dialog's default from a renderer suggestion: path parts and
 * characters illegal on any desktop OS removed, length capped, ending in `.${extension}`.
 */
export function safeFileName(suggested: string, extension: string, fallback = 'tidecast-export'): string {
  return `${safeStem(suggested, extension, fallback)}.${extension}`;
}

/** A folder name suitable as a save dialog's default, by the same rules (no extension added). */
export function safeFolderName(suggested: string, fallback = 'tidecast-export'): string {
  return safeStem(suggested, null, fallback);
}

function safeStem(suggested: string, extension: string | null, fallback: string): string {
  const lastPart = suggested.split(/[/\\]/).pop() ?? '';
  let stem = lastPart
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .replace(/[. ]+$/, '');
  if (extension !== null && stem.toLowerCase().endsWith(`.${extension}`)) stem = stem.slice(0, -(extension.length + 1)).replace(/[. ]+$/, '');
  if (stem === '' || WINDOWS_RESERVED.test(stem.split('.')[0]!)) stem = fallback;
  const maxStem = extension === null ? 200 : 200 - extension.length - 1;
  if (stem.length > maxStem) stem = stem.slice(0, maxStem).trimEnd();
  return stem;
}

/** `path` with `.${extension}` appended when it has no extension (GTK dialogs do not add one). */
export function withExtension(path: string, extension: string): string {
  return extname(path) === '' ? `${path}.${extension}` : path;
}

/** True when something (a file, a folder, a link) already has this path. */
export async function fileExists(path: string): Promise<boolean> {
  try {
    await fsp.lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** The file-system calls atomicWrite makes; tests substitute failing ones. */
export interface AtomicWriteFs {
  open(path: string, flags: string, mode?: number): Promise<Pick<fsp.FileHandle, 'writeFile' | 'sync' | 'close'>>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
}

const nodeFs: AtomicWriteFs = { open: fsp.open, rename: fsp.rename, unlink: fsp.unlink };

/**
 * Writes `data` to `target` so that the target is either untouched or complete: a temp file in
 * the same directory (same file system, so rename is atomic), flushed to disk, then renamed
 * over the target. On any failure the temp file is removed and the error rethrown.
 */
export async function atomicWrite(target: string, data: string | Uint8Array, fs: AtomicWriteFs = nodeFs): Promise<void> {
  const dir = dirname(target);
  const tmp = join(dir, `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: Awaited<ReturnType<AtomicWriteFs['open']>> | null = null;
  try {
    // 'wx' fails if the temp name exists, so we never write through someone else's file or link.
    handle = await fs.open(tmp, 'wx', 0o644);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = null;
    await fs.rename(tmp, target);
  } catch (error) {
    if (handle !== null) await handle.close().catch(() => {});
    await fs.unlink(tmp).catch(() => {});
    throw error;
  }
  await syncDirectory(dir);
}

// Makes the rename itself durable on POSIX; Windows cannot open directories, and losing this
// only risks the rename after a power cut, so failures are ignored.
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const handle = await fsp.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort, see above.
  }
}

export class FileTooLargeError extends Error {
  constructor(
    readonly path: string,
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`"${basename(path)}" is ${formatBytes(bytes)}; Tidecast opens files up to ${formatBytes(limit)}.`);
    this.name = 'FileTooLargeError';
  }
}

/** Reads a text file of at most `maxBytes` and decodes it (a BOM stays, for the CSV reader to report). */
export async function readTextFile(path: string, maxBytes: number): Promise<{ text: string; encoding: TextEncodingName; bytes: number }> {
  const info = await fsp.stat(path);
  if (!info.isFile()) throw new Error(`"${basename(path)}" is not a regular file.`);
  if (info.size > maxBytes) throw new FileTooLargeError(path, info.size, maxBytes);
  const bytes = await fsp.readFile(path);
  // The file may have grown between stat and read.
  if (bytes.length > maxBytes) throw new FileTooLargeError(path, bytes.length, maxBytes);
  return { ...decodeCsvBytes(bytes), bytes: bytes.length };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** Why a file operation failed, in words for the user (the errno codes people meet). */
export function fileErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'the file or folder does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the disk is read-only';
    case 'EISDIR':
      return 'that is a folder';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
