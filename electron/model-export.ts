// Models that leave the app, main's side: the model file the page holds is checked and turned
// into the engine's ONNX export (a folder: one graph per network and the model.json sidecar) or
// its standalone JavaScript module, then written all or nothing (engine/cli/write.ts, as the CLI).
import { UsageError } from '../engine/cli/args';
import { stageFile, stageFolder, writeAllOrNothing } from '../engine/cli/write';
import { isOnnxExportFileName, javascriptOfModel, onnxFilesOfModel, type ExportFile } from '../engine/export';
import { parseModelFile } from '../engine/forecast/modelFile';
import { ForecastInputError } from '../engine/models/errors';
import type { ModelExportKind } from './contract';

/** What one export kind writes and how the save dialog offers it. */
export interface ModelExportSpec {
  /** A folder (its name has no extension) or one file with this extension. */
  target: 'folder' | 'file';
  extension: string | null;
  title: string;
  filters: { name: string; extensions: string[] }[];
  /** Named in messages ("the ONNX export"). */
  what: string;
}

export const MODEL_EXPORT_SPECS: Readonly<Record<ModelExportKind, ModelExportSpec>> = {
  onnx: { target: 'folder', extension: null, title: 'Export ONNX: name a new folder', filters: [], what: 'the ONNX export' },
  javascript: {
    target: 'file',
    extension: 'mjs',
    title: 'Export as JavaScript',
    filters: [{ name: 'JavaScript module', extensions: ['mjs'] }],
    what: 'the JavaScript module',
  },
};

/** The files of an export, built before anything asks where: a folder's files, or one file's text. */
export type BuiltExport = { target: 'folder'; files: ExportFile[] } | { target: 'file'; text: string };

/** Reasons the model itself cannot be exported; the handler turns them into 'invalid-input'. */
export class ModelExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelExportError';
  }
}

/**
 * The export of `modelText` (named `modelName` in messages): the model file checked as every model
 * file read is (engine/forecast/modelFile.ts), then the engine's export. A model that cannot be
 * exported — a combination with members that are not networks — throws ModelExportError with the
 * engine's message.
 */
export function buildModelExport(kind: ModelExportKind, modelText: string, modelName: string): BuiltExport {
  try {
    const model = parseModelFile(modelText, modelName);
    return kind === 'onnx' ? { target: 'folder', files: onnxFilesOfModel(model) } : { target: 'file', text: javascriptOfModel(model) };
  } catch (error) {
    if (error instanceof ForecastInputError) throw new ModelExportError(error.message);
    throw error;
  }
}

/** Bytes an export holds, over all its files. */
export function exportBytes(built: BuiltExport): number {
  return built.target === 'folder' ? built.files.reduce((n, f) => n + f.bytes.byteLength, 0) : Buffer.byteLength(built.text, 'utf8');
}

/**
 * Writes the export at `path`, all or nothing: every file in full under a temporary name beside
 * it, synced, then renamed into place. A folder replaces only an empty one or an earlier ONNX
 * export; anything else at the path is refused with a sentence saying what to choose instead
 * (thrown as UsageError, with nothing written).
 */
export function writeModelExport(path: string, built: BuiltExport, kind: ModelExportKind): void {
  const spec = MODEL_EXPORT_SPECS[kind];
  writeAllOrNothing([
    built.target === 'folder' ? () => stageFolder(path, built.files, spec.what, isOnnxExportFileName) : () => stageFile(path, built.text),
  ]);
}

/** True for the errors writeModelExport words for the user (bad target, permissions, full disk). */
export function isWriteRefusal(error: unknown): error is Error {
  return error instanceof UsageError;
}
