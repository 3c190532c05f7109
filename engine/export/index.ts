// Models that leave the app: the ONNX export (one graph per network + a JSON sidecar) and the
// standalone JavaScript predictor, as bytes and text; the CLI and the app write them.
import type { ModelFile } from '../forecast/modelFile';
import { APP_VERSION } from '../forecast/version';
import { exportableModel } from './fromModelFile';
import { javascriptPredictor } from './javascript';
import { onnxExport, type ExportFile } from './onnxExport';

export type { ExportableModel, ExportableNetwork } from './types';
export type { ExportFile } from './onnxExport';
export { exportableModel, exportableNetwork } from './fromModelFile';
export { onnxExport, ONNX_SIDECAR_NAME, isOnnxExportFileName } from './onnxExport';
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
