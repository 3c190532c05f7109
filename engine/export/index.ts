// Models that leave the app: the ONNX export (one graph per network + a JSON sidecar) and the
// standalone JavaScript predictor, as bytes and text (for Electron's main process) or written
// to disk all or nothing (for the command line).
import type { ModelFile } from '../forecast/modelFile';
import { APP_VERSION } from '../forecast/version';
import { exportableModel } from './fromModelFile';
import { javascriptPredictor } from './javascript';
import { onnxExport, type ExportFile } from './onnxExport';
import { stageExportFolder, stageFile, writeAllOrNothing, type StagedWrite } from './write';

export type { ExportableModel, ExportableNetwork } from './types';
export type { ExportFile } from './onnxExport';
export { exportableModel, exportableNetwork } from './fromModelFile';
export { onnxExport, ONNX_SIDECAR_NAME } from './onnxExport';
export { javascriptPredictor } from './javascript';
export { ONNX_INPUT, ONNX_OUTPUT, ONNX_OPSET, ONNX_IR_VERSION } from './onnxGraph';

/** The ONNX export of a saved model: member-01.onnx, … and model.json, to write into one folder. */
export function onnxFilesOfModel(model: ModelFile): ExportFile[] {
  return onnxExport(exportableModel(model), APP_VERSION);
}

/** The standalone JavaScript predictor of a saved model: the text of one ES module (.mjs). */
export function javascriptOfModel(model: ModelFile): string {
  return javascriptPredictor(exportableModel(model), APP_VERSION);
}

export interface ExportTargets {
  /** Folder for the ONNX export (created, or replaced if empty or an earlier export). */
  onnxDir: string | null;
  /** File for the JavaScript module. */
  jsFile: string | null;
}

/** Write the requested exports of `model`: all of them or, on any failure, none. */
export function writeModelExports(model: ModelFile, targets: ExportTargets): void {
  const stages: (() => StagedWrite)[] = [];
  // Build every export before writing anything: a model that cannot be exported writes nothing.
  if (targets.onnxDir !== null) {
    const files = onnxFilesOfModel(model);
    const dir = targets.onnxDir;
    stages.push(() => stageExportFolder(dir, files));
  }
  if (targets.jsFile !== null) {
    const text = javascriptOfModel(model);
    const file = targets.jsFile;
    stages.push(() => stageFile(file, text));
  }
  writeAllOrNothing(stages);
}
