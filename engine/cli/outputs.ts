// What one command writes, built in full before anything touches the disk, then written all
// or nothing: the forecast (a file, or standard output once the files are in place), the
// metrics JSON, the saved model and the exports. A failed command leaves no file behind.
import { isOnnxExportFileName, javascriptOfModel, onnxFilesOfModel, type ExportFile } from '../export';
import { serializeModel, type ModelFile } from '../forecast/modelFile';
import { withCard } from '../report/card';
import { STDOUT, type CliOptions } from './args';
import { checkFileTarget, checkFolderTarget, stageFile, stageFolder, writeAllOrNothing, type StagedWrite } from './write';

const ONNX = 'the ONNX export';

/** Every output a command produces, as text and bytes. */
export interface Outputs {
  forecastCsv: string;
  metricsJson: string | null;
  modelJson: string | null;
  onnx: ExportFile[] | null;
  javascript: string | null;
}

/** Refuse outputs that could not be written, before the data is read or anything trains. */
export function checkOutputTargets(options: CliOptions): void {
  for (const path of [forecastFile(options), options.json, options.saveModel, options.exportJs]) if (path !== null) checkFileTarget(path);
  if (options.exportOnnx !== null) checkFolderTarget(options.exportOnnx, ONNX, isOnnxExportFileName);
}

/** The outputs the options ask for; the model's exports are built here, so a model that cannot be exported writes nothing. */
export function buildOutputs(options: CliOptions, forecastCsv: string, metricsJson: string | null, model: ModelFile): Outputs {
  return {
    forecastCsv,
    metricsJson: options.json !== null ? metricsJson : null,
    // A saved model carries its card: the record a reader without Tidecast can use.
    modelJson: options.saveModel !== null ? serializeModel(withCard(model)) : null,
    onnx: options.exportOnnx !== null ? onnxFilesOfModel(model) : null,
    javascript: options.exportJs !== null ? javascriptOfModel(model) : null,
  };
}

/** Write every file output or none; the forecast goes to `stdout` when no --out was given, after the files. */
export function writeOutputs(options: CliOptions, outputs: Outputs, stdout: NodeJS.WritableStream): void {
  const stages: (() => StagedWrite)[] = [];
  const file = (path: string | null, text: string | null) => {
    if (path !== null && text !== null) stages.push(() => stageFile(path, text));
  };
  file(forecastFile(options), outputs.forecastCsv);
  file(options.json, outputs.metricsJson);
  file(options.saveModel, outputs.modelJson);
  file(options.exportJs, outputs.javascript);
  const onnxDir = options.exportOnnx;
  const onnx = outputs.onnx;
  if (onnxDir !== null && onnx !== null) stages.push(() => stageFolder(onnxDir, onnx, ONNX, isOnnxExportFileName));
  writeAllOrNothing(stages);
  if (forecastFile(options) === null) stdout.write(outputs.forecastCsv);
}

/** The file the forecast goes to; null = standard output (no --out, or --out -). */
function forecastFile(options: CliOptions): string | null {
  return options.out === STDOUT ? null : options.out;
}
