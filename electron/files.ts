// File operations main does for the renderer: the one atomic write every save goes through,
// checks on renderer-supplied names, and reading a text file with its encoding detected.
import { randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join } from 'node:path';
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
  const lastPart = suggested.split(/[/\\]/).pop() ?? '';
  let stem = lastPart
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .replace(/[. ]+$/, '');
  if (stem.toLowerCase().endsWith(`.${extension}`)) stem = stem.slice(0, -(extension.length + 1)).replace(/[. ]+$/, '');
  if (stem === '' || WINDOWS_RESERVED.test(stem.split('.')[0]!)) stem = fallback;
  const maxStem = 200 - extension.length - 1;
  if (stem.length > maxStem) stem = stem.slice(0, maxStem).trimEnd();
  return `${stem}.${extension}`;
}

/** `path` with `.${extension}` appended when it has no extension (GTK dialogs do not add one). */
export function withExtension(path: string, extension: string): string {
  return extname(path) === '' ? `${path}.${extension}` : path;
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

/** Decodes file bytes: BOM first, then strict UTF-8, else Windows-1252 (Excel's "CSV" on Windows). */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

// Windows-1252 differs from Latin-1 only in 0x80–0x9F. Decoded by hand because Node's
// TextDecoder('windows-1252') maps those bytes as Latin-1 (0x80 → U+0080 instead of €).
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const chunk = 8192;
  for (let start = 0; start < bytes.length; start += chunk) {
    const end = Math.min(start + chunk, bytes.length);
    const codes = new Array<number>(end - start);
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      codes[i - start] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b;
    }
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
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

/** Reads a text file of at most `maxBytes` and decodes it. */
export async function readTextFile(path: string, maxBytes: number): Promise<{ text: string; encoding: TextEncodingName; bytes: number }> {
  const info = await fsp.stat(path);
  if (!info.isFile()) throw new Error(`"${basename(path)}" is not a regular file.`);
  if (info.size > maxBytes) throw new FileTooLargeError(path, info.size, maxBytes);
  const bytes = await fsp.readFile(path);
  // The file may have grown between stat and read.
  if (bytes.length > maxBytes) throw new FileTooLargeError(path, bytes.length, maxBytes);
  return { ...decodeText(bytes), bytes: bytes.length };
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
