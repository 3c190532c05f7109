// Writing exports to disk all or nothing: every file and folder is first written in full under a
// temporary name beside its target (same file system), then renamed into place; a failure
// before that removes what was written. A folder is only replaced when it is empty or holds an
// earlier export, so a mistyped path never deletes someone's files.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ForecastInputError } from '../models/errors';
import { ONNX_SIDECAR_NAME, type ExportFile } from './onnxExport';

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
  if (isDirectory(target)) throw new ForecastInputError(`${path} is a folder; give a file name to write to.`);
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

/** Stage a folder holding exactly `files`, replacing an empty folder or an earlier ONNX export. */
export function stageExportFolder(path: string, files: readonly ExportFile[]): StagedWrite {
  const target = resolve(path);
  const existing = listFolder(path, target);
  const foreign = existing?.find((name) => !isExportFileName(name));
  if (foreign !== undefined) {
    throw new ForecastInputError(
      `${path} already holds other files (e.g. "${foreign}"); choose a new or empty folder for the ONNX export.`,
    );
  }
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

/** Files an ONNX export folder holds: member graphs and the sidecar. */
export function isExportFileName(name: string): boolean {
  return /^member-\d+\.onnx$/.test(name) || name === ONNX_SIDECAR_NAME;
}

/** The folder's entries, or null when there is no such folder. */
function listFolder(path: string, target: string): string[] | null {
  try {
    return readdirSync(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'ENOTDIR') throw new ForecastInputError(`${path} is a file; give a folder name for the ONNX export.`);
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

function writeError(path: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT' ? 'its folder does not exist' :
    code === 'EACCES' || code === 'EPERM' ? 'permission denied' :
    code === 'ENOSPC' ? 'the disk is full' :
    code === 'EROFS' ? 'the file system is read-only' :
    (error as Error).message;
  return new ForecastInputError(`Cannot write ${path} (${why}); choose another place to export to.`);
}
