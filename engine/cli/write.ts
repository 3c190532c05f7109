// Writing the command's outputs all or nothing: every file and folder is first written in full
// (and synced) under a temporary name beside its target (same file system), then all are
// renamed into place; a failure before that removes what was written. A folder is only replaced
// when it is empty or holds what `mayReplace` allows (an earlier export of the same kind), so a
// mistyped path never deletes someone's files.
import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from './args';

/** A file of a folder output. */
export interface FolderFile {
  name: string;
  bytes: Uint8Array;
}

/** A write done except for its final rename. */
export interface StagedWrite {
  commit(): void;
  abort(): void;
}

/** Write every staged output, or none: if one fails to stage, the others are removed. */
export function writeAllOrNothing(stages: (() => StagedWrite)[]): void {
  const staged: StagedWrite[] = [];
  try {
    for (const stage of stages) staged.push(stage());
  } catch (error) {
    for (const s of staged) s.abort();
    throw error;
  }
  for (const s of staged) s.commit();
}

/** Stage `bytes` for `path` (a file). */
export function stageFile(path: string, bytes: Uint8Array | string): StagedWrite {
  const target = resolve(path);
  checkFileTarget(path);
  const temp = tempName(target);
  try {
    writeSynced(temp, typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes);
  } catch (error) {
    rmSync(temp, { force: true });
    throw writeError(path, error);
  }
  return {
    commit: () => renameSync(temp, target),
    abort: () => rmSync(temp, { force: true }),
  };
}

/**
 * Stage a folder holding exactly `files`, replacing an empty folder or one whose every entry
 * `mayReplace` accepts. `what` names the output in messages (e.g. "the ONNX export").
 */
export function stageFolder(path: string, files: readonly FolderFile[], what: string, mayReplace: (name: string) => boolean): StagedWrite {
  const target = resolve(path);
  const existing = checkFolderTarget(path, what, mayReplace);
  const temp = tempName(target);
  try {
    mkdirSync(temp);
    for (const f of files) writeSynced(join(temp, f.name), f.bytes);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw writeError(path, error);
  }
  return {
    commit() {
      if (existing === null) {
        renameSync(temp, target);
        return;
      }
      const old = `${temp}.old`;
      renameSync(target, old);
      try {
        renameSync(temp, target);
      } catch (error) {
        renameSync(old, target);
        throw error;
      }
      rmSync(old, { recursive: true, force: true });
    },
    abort: () => rmSync(temp, { recursive: true, force: true }),
  };
}

/**
 * Refuse a file output that cannot be written — a folder at the path, a missing or unwritable
 * folder around it — before any work is done.
 */
export function checkFileTarget(path: string): void {
  const target = resolve(path);
  if (isDirectory(target)) throw new UsageError(`${path} is a folder; give a file name to write to.`);
  checkParent(path, target);
}

/** The same for a folder output; returns its current entries (null when it does not exist yet). */
export function checkFolderTarget(path: string, what: string, mayReplace: (name: string) => boolean): string[] | null {
  const target = resolve(path);
  let existing: string[] | null;
  try {
    existing = readdirSync(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') throw new UsageError(`${path} is a file; give a folder name for ${what}.`);
    if (code !== 'ENOENT') throw writeError(path, error);
    existing = null;
  }
  const foreign = existing?.find((name) => !mayReplace(name));
  if (foreign !== undefined) throw new UsageError(`${path} already holds other files (e.g. "${foreign}"); choose a new or empty folder for ${what}.`);
  checkParent(path, target);
  return existing;
}

function checkParent(path: string, target: string): void {
  const parent = dirname(target);
  try {
    if (!statSync(parent).isDirectory()) throw new UsageError(`Cannot write ${path}: ${parent} is not a folder.`);
    accessSync(parent, constants.W_OK);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw writeError(path, error);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function tempName(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

function writeSynced(path: string, bytes: Uint8Array): void {
  const fd = openSync(path, 'wx');
  try {
    for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A write that failed for a reason the user can fix, said in one line (no stack trace). */
function writeError(path: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT' ? 'its folder does not exist' :
    code === 'EACCES' || code === 'EPERM' ? 'permission denied' :
    code === 'ENOSPC' ? 'the disk is full' :
    code === 'EDQUOT' ? 'the disk quota is used up' :
    code === 'EROFS' ? 'the file system is read-only' :
    code === 'ENAMETOOLONG' ? 'the name is too long' :
    code === 'EISDIR' ? 'it is a folder' :
    code === 'ENOTDIR' ? 'a part of the path is a file, not a folder' :
    (error as Error).message;
  return new UsageError(`Cannot write ${path} (${why}); choose another place to write it.`);
}
