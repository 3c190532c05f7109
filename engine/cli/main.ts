// The `tidecast` command: read the CSV, train (or load a model), backtest, forecast, write the
// outputs. User errors become one line on stderr and exit code 2; no stack traces for them.
import { readFileSync, statSync } from 'node:fs';
import { MAX_MODEL_FILE_BYTES, bytesText } from '../limits';
import { basename } from 'node:path';
import { DataError, readDataset } from '../data';
import { readCsvFile } from '../data/read-file';
import type { Dataset } from '../data/types';
import { isCancellation, JobError } from '../jobs/protocol';
import { ForecastInputError } from '../models/errors';
import { forecastWithModel } from '../forecast/fromModel';
import { parseModelFile, type ModelFile } from '../forecast/modelFile';
import { runForecast, type ForecastRun } from '../forecast/pipeline';
import { forecastPanelWithModel, isPanel, runPanel, WIDE_ID_COLUMN } from '../forecast/panel';
import { applyShard, panelCsv, panelMetricsJson } from './panel';
import type { ForecastSubmitter } from '../forecast/pool';
import { HELP, STDIN, UsageError, flagOfSetting, parseCliArgs, type CliCommand, type CliOptions } from './args';
import { APP_VERSION } from '../forecast/version';
import { forecastCsv } from '../forecast/forecast-csv';
import type { IntervalForecast } from '../forecast/ensemble';
import { metricsJson } from './output';
import { buildOutputs, checkOutputTargets, writeOutputs, type Outputs } from './outputs';
import { createPlainProgress, createProgressBar, wantsPlainOutput } from './progressBar';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream | NodeJS.WritableStream;
  /** The environment (NO_COLOR, TERM); process.env when absent. */
  env?: NodeJS.ProcessEnv;
  /** Makes the job submitter (the worker pool) for `workers` threads; closed after the run. */
  createSubmitter(workers: number | null): { submitter: ForecastSubmitter; close(): Promise<void> };
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERRUPTED = 130;

/** Runs the command; resolves with the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let options: CliOptions | CliCommand;
  try {
    options = parseCliArgs(argv);
  } catch (error) {
    return fail(io, error);
  }
  if (options === 'help' || options === 'version') {
    io.stdout.write(options === 'help' ? HELP + '\n' : `tidecast ${APP_VERSION}\n`);
    return EXIT_OK;
  }
  const tty = 'isTTY' in io.stderr && io.stderr.isTTY === true && !options.quiet;
  const plain = wantsPlainOutput(io.env ?? process.env);
  const bar = !tty ? null : plain ? createPlainProgress(io.stderr) : createProgressBar(io.stderr as NodeJS.WriteStream);
  const note = (message: string) => {
    if (options.quiet) return;
    bar?.clear();
    io.stderr.write(`tidecast: ${message}\n`);
  };
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.once('SIGINT', onSigint);
  let pool: { submitter: ForecastSubmitter; close(): Promise<void> } | null = null;
  try {
    checkOutputTargets(options);
    const saved = options.loadModel !== null ? readModelFile(options.loadModel) : null;
    // A panel's model names the columns its series are told apart by.
    const savedPanel = saved?.panel;
    const idColumns = options.idColumns !== undefined ? options.idColumns : savedPanel ? (savedPanel.wide ? null : savedPanel.idColumns) : undefined;
    const read = loadDataset(options.input, options.time, idColumns);
    for (const p of read.problems) if (p.severity !== 'info') note(problemLine(read.source, p));
    const { dataset, settings } = applyShard(options, read);
    pool = io.createSubmitter(options.workers);
    if (saved !== null && (savedPanel || options.shard || isPanel(dataset, settings))) {
      checkPanelOutputs({ ...options, loadModel: null });
      const name = basename(options.loadModel!);
      const result = await forecastPanelWithModel(dataset, saved, name, pool.submitter);
      for (const w of result.warnings) note(w);
      const json = JSON.stringify({ model: result.model, series: result.series.map((s) => ({ id: s.id, label: s.label, points: s.points })), skipped: result.skipped, seconds: result.seconds }, null, 2) + '\n';
      writeOutputs(options, buildOutputs(options, panelCsv(options, dataset, result.idColumns, result.series), json, saved), io.stdout);
      note(`${result.series.length} series forecast with the saved model: ${result.model}`);
    } else if (options.shard || isPanel(dataset, settings)) {
      checkPanelOutputs(options);
      const wideEmpty = Array.isArray(settings.series) && settings.series.length === 0;
      if (wideEmpty || dataset.series.length === 0) {
        // An empty shard still writes a valid file (the header), so shards' outputs merge the same way.
        note(`shard ${options.shard!.index}/${options.shard!.count} holds none of the file's series; the forecast has its header only.`);
        const csv = panelCsv(options, dataset, wideEmpty ? [WIDE_ID_COLUMN] : dataset.idColumns, []);
        const json = options.json !== null ? JSON.stringify({ series: [], skipped: [] }, null, 2) + '\n' : null;
        writeOutputs(options, { forecastCsv: csv, metricsJson: json, modelJson: null, onnx: null, javascript: null }, io.stdout);
        return EXIT_OK;
      }
      const run = await runPanel(dataset, settings, pool.submitter, {
        onProgress: (p) => bar?.update(p),
        onWarning: note,
        signal: abort.signal,
        nameSetting: flagOfSetting,
      });
      bar?.clear();
      const idColumns = run.modelFile.panel?.idColumns ?? dataset.idColumns;
      writeOutputs(options, buildOutputs(options, panelCsv(options, dataset, idColumns, run.series), panelMetricsJson(run), run.modelFile), io.stdout);
      for (const s of run.skipped.slice(0, 5)) note(`series ${s.label} skipped: ${s.reason}`);
      if (run.skipped.length > 5) note(`… and ${run.skipped.length - 5} more series skipped.`);
      note(`${run.series.length} series: ${run.model}`);
      note(run.verdict);
    } else if (saved !== null) {
      const outputs = await forecastFromSaved(options, saved, dataset, pool.submitter, note);
      writeOutputs(options, outputs, io.stdout);
    } else {
      const run = await runForecast(dataset, options.settings, pool.submitter, {
        onProgress: (p) => bar?.update(p),
        onWarning: note,
        signal: abort.signal,
        nameSetting: flagOfSetting,
      });
      bar?.clear();
      writeOutputs(options, trainedOutputs(options, dataset, run), io.stdout);
      note(run.basis);
      note(run.verdict);
    }
    return EXIT_OK;
  } catch (error) {
    bar?.clear();
    return fail(io, error, options.input);
  } finally {
    process.removeListener('SIGINT', onSigint);
    await pool?.close();
  }
}

/**
 * The input, `-` for standard input: its size checked before it is read (engine/limits.ts), then
 * decoded (UTF-8 with or without BOM, UTF-16 or Windows-1252, as spreadsheets export) and read.
 */
function loadDataset(path: string, timeColumn: string | null, idColumns: string[] | null | undefined): Dataset {
  const { text } = readCsvFile(path === STDIN ? '/dev/stdin' : path);
  const source = path === STDIN ? 'standard input' : basename(path);
  return readDataset(text, { source, ...(timeColumn !== null ? { timeColumn } : {}), ...(idColumns !== undefined ? { idColumns } : {}) }).dataset;
}

/** Outputs a run over many series cannot give yet, refused before anything trains. */
function checkPanelOutputs(options: CliOptions): void {
  const unsupported = [
    options.exportOnnx !== null ? '--export-onnx' : '',
    options.exportJs !== null ? '--export-js' : '',
    options.loadModel !== null ? '--load-model' : '',
  ].filter(Boolean);
  if (unsupported.length) {
    throw new UsageError(`${unsupported.join(' and ')} work(s) on one series; this file holds many (see --id, --series): leave ${unsupported.length > 1 ? 'them' : 'it'} out.`);
  }
}

function trainedOutputs(options: CliOptions, dataset: Dataset, run: ForecastRun): Outputs {
  const metrics = metricsJson({
    model: run.model,
    backtest: run.backtest && run.backtest.metrics,
    baselines: run.backtest && run.backtest.baselines,
    seconds: run.seconds,
  });
  return buildOutputs(options, csvOf(options, run.forecast, dataset), metrics, run.modelFile);
}

/** The model file at `path`, its size checked before it is read, parsed and checked. */
function readModelFile(path: string): ModelFile {
  let text: string;
  try {
    const bytes = statSync(path).size;
    if (bytes > MAX_MODEL_FILE_BYTES) {
      throw new UsageError(`${path}: ${bytesText(bytes)} is more than a model file holds (at most ${bytesText(MAX_MODEL_FILE_BYTES)}); is this a model saved by Tidecast?`);
    }
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : (code ?? (error as Error).message);
    throw new UsageError(`${path}: cannot read the model file (${why}).`);
  }
  return parseModelFile(text, basename(path));
}

async function forecastFromSaved(
  options: CliOptions,
  model: ModelFile,
  dataset: Dataset,
  submitter: ForecastSubmitter,
  note: (m: string) => void,
): Promise<Outputs> {
  const path = options.loadModel as string;
  const result = await forecastWithModel(dataset, model, basename(path), submitter);
  for (const w of result.warnings) note(w);
  const b = result.metrics.backtest;
  const metrics = metricsJson({ model: result.model, backtest: b, baselines: b && b.baselines, seconds: result.seconds });
  return buildOutputs(options, csvOf(options, result.forecast, dataset), metrics, model);
}

/** The forecast in the one CSV layout: comma-separated, a decimal point, the input's date style. */
function csvOf(options: CliOptions, forecast: IntervalForecast & { time: Float64Array }, dataset: Dataset): string {
  return forecastCsv([{ ids: [], forecast }], { format: { delimiter: ',', decimal: '.', timeStyle: dataset.timeStyle }, levels: options.levels });
}

function problemLine(source: string, p: Dataset['problems'][number]): string {
  const where = [p.row !== undefined ? `row ${p.row}` : '', p.column !== undefined ? `column "${p.column}"` : '']
    .filter(Boolean)
    .join(', ');
  return `${source}${where ? ` (${where})` : ''}: ${p.message}`;
}

/** One line for a user error (exit 2); a stack trace only for bugs (exit 1). */
function fail(io: CliIo, error: unknown, input?: string): number {
  if (error instanceof UsageError) {
    io.stderr.write(`tidecast: ${error.message}\n`);
    return EXIT_USAGE;
  }
  if (error instanceof DataError) {
    const where = [error.row !== undefined ? `row ${error.row}` : '', error.column !== undefined ? `column "${error.column}"` : '']
      .filter(Boolean)
      .join(', ');
    const file = input ? basename(input) : '';
    const named = error.message.startsWith(file) || (input !== undefined && error.message.startsWith(input));
    const prefix = file && !named ? `${file}${where ? ` (${where})` : ''}: ` : '';
    io.stderr.write(`tidecast: ${prefix}${error.message}\n`);
    return EXIT_USAGE;
  }
  if (error instanceof ForecastInputError) {
    io.stderr.write(`tidecast: ${error.message}\n`);
    return EXIT_USAGE;
  }
  if (isCancellation(error)) {
    io.stderr.write('tidecast: cancelled.\n');
    return EXIT_INTERRUPTED;
  }
  if (error instanceof JobError && error.code === 'out-of-memory') {
    io.stderr.write(
      `tidecast: a training job ran out of memory (${error.message}); lower --hidden, --layers, --lookback or --batch-size, or forecast a shorter part of the series.\n`,
    );
    return EXIT_USAGE;
  }
  io.stderr.write(`tidecast: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
  return EXIT_FAILURE;
}
