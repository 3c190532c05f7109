// The IPC contract: every channel between the renderer and the main process, in one file.
// Main validates requests with these schemas; the preload builds `window.tidecast` from the
// same names; the renderer imports only types from here (never a hand-written copy).
import { TIME_STYLE_KINDS } from '../engine/data/time-formats';
import * as v from 'valibot';
import type { TextEncoding } from '../engine/data/decode';
import type { Frequency, TimeStyle } from '../engine/data/types';
import type { ModelForecast } from '../engine/forecast/fromModel';
import type { PanelRun } from '../engine/forecast/panel/types';
import type { ForecastRun, PipelineProgress } from '../engine/forecast/pipeline';
import type { IntervalForecast } from '../engine/forecast/ensemble';
import type { ForecastSettings } from '../engine/forecast/settings';
import type { JobState } from '../engine/jobs/protocol';

// ---------------------------------------------------------------------------------------------
// Results. Electron keeps only the `message` of an error thrown through `handle`, and custom
// properties are lost over contextBridge, so failures cross IPC as values.

export type ErrorCode =
  /** The message did not come from the main frame of a Tidecast window. */
  | 'forbidden-sender'
  /** The request did not match the channel's schema; `where` names the field. */
  | 'invalid-payload'
  /** A named thing (sample, file) does not exist. */
  | 'not-found'
  /** A file is larger than the app accepts. */
  | 'too-large'
  /** Reading or writing a file failed (permissions, disk full, …). */
  | 'io-failed'
  /** The data, settings or model file cannot be used as sent (too short, wrong columns, …). */
  | 'invalid-input'
  /** A run id this window does not own, or one already finished. */
  | 'unknown-run'
  /** Too many runs are waiting already: the request was not queued. */
  | 'queue-full'
  /** The IPC transport itself failed (no handler, window closing). */
  | 'ipc-failed'
  /** A bug: the handler threw something unexpected. */
  | 'internal';

export interface IpcError {
  code: ErrorCode;
  /** One or two sentences for a person: what went wrong and what to do. */
  message: string;
  /** Where it happened: the channel, plus the field or the file when known. */
  where: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

// ---------------------------------------------------------------------------------------------
// Payload shapes.

export interface AppInfo {
  name: string;
  version: string;
  electron: string;
  chrome: string;
  node: string;
  v8: string;
  platform: string;
  arch: string;
  /** The log file main writes; error reports should attach it. */
  logFile: string;
}

export interface SampleInfo {
  /** File name, the key for `samples:open`. */
  name: string;
  title: string;
  description: string;
  bytes: number;
}

export type TextEncodingName = TextEncoding;

/** A text file read by main on the renderer's behalf (the renderer never sends paths). */
export interface TextFile {
  /** File name without directories. */
  name: string;
  text: string;
  bytes: number;
  /** How the bytes were decoded (engine/data/decode.ts); a byte-order mark stays as U+FEFF at
   *  the start of `text`, for the CSV reader to strip and report. */
  encoding: TextEncodingName;
}

export type OpenResult = { canceled: true } | ({ canceled: false } & TextFile);

/** What a file the user opens is to the app: data to read (CSV, TSV, text) or a saved project. */
export type DocumentKind = 'data' | 'project';

/** A file opened from the app's own Open dialog, which offers data and projects alike. */
export type OpenDocumentResult = { canceled: true } | ({ canceled: false; kind: DocumentKind } & TextFile);

/** A file to open that came from outside the page (file manager, second launch, Open Recent). */
export type OpenRequest = Result<{ kind: DocumentKind } & TextFile>;

export const SAVE_KINDS = ['csv', 'png', 'json', 'project', 'html'] as const;
export type SaveKind = (typeof SAVE_KINDS)[number];

/**
 * Forms a trained model leaves the app in (engine/export): 'onnx' is a folder (one ONNX graph per
 * network, `member-01.onnx`, …, and the `model.json` sidecar); 'javascript' one ES module (.mjs).
 */
export const MODEL_EXPORT_KINDS = ['onnx', 'javascript'] as const;
export type ModelExportKind = (typeof MODEL_EXPORT_KINDS)[number];

export type SaveResult =
  | { canceled: true }
  | { canceled: false; name: string; path: string; bytes: number };

/** A model export written: the folder or file, and how many files it holds (ONNX: members + sidecar). */
export type ModelExportResult = { canceled: true } | { canceled: false; name: string; path: string; bytes: number; files: number };

/**
 * Commands main forwards to the page: the File, Help and app menus' items, and 'save-and-close'
 * when the user chose Save in the prompt for unsaved changes (the page saves, then closes).
 */
export const MENU_COMMANDS = ['open', 'open-sample', 'save-project', 'save-project-as', 'export', 'export-onnx', 'export-javascript', 'about', 'save-and-close'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

// Limits shared by both sides, so the renderer can explain a refusal before sending.
// Literal types (not `256 * 1024 * 1024`), so the renderer can pin its copy with `typeof`
// and a type-only import: the page never loads this module (and valibot) at runtime.
/** Largest CSV main reads into memory, 256 MiB (V8 strings top out near 512 M characters). */
export const MAX_OPEN_BYTES = 268_435_456;
/** Largest export the renderer may hand to `file:save`, 256 MiB. */
export const MAX_SAVE_BYTES = 268_435_456;
export const MAX_NAME_LENGTH = 255;
/** Rows a dataset sent for training may have (a 256 MiB CSV holds fewer useful rows). */
export const MAX_DATASET_ROWS = 20_000_000;
/** Target plus covariates sent with a run. */
export const MAX_DATASET_COLUMNS = 64;
/** Series a dataset sent for training may hold (long format: one per id). */
export const MAX_DATASET_SERIES = 100_000;
/** Largest model file text `forecast:apply` accepts, 64 MiB. */
export const MAX_MODEL_CHARS = 67_108_864;

// ---------------------------------------------------------------------------------------------
// Jobs: a forecast run (train) or a forecast with a saved model (apply) runs in main's worker
// pool; the page gets an id at once and follows the run through `run:*` events.

/** The columns a run needs, as typed arrays (only the target and covariates cross). */
export interface DatasetPayload {
  source: string;
  timeColumn: string;
  timeStyle: TimeStyle;
  frequency: Frequency;
  season: number;
  /** Epoch ms, strictly increasing (within each series when `series` is given). */
  time: Float64Array;
  columns: { name: string; values: Float64Array; missing: number }[];
  /** Long format: the columns naming the series ([] or absent: one series). */
  idColumns?: string[];
  /**
   * Long format: each series' rows, one after the other in the order of `time` (absent: all rows
   * are one series). Each series' times strictly increase.
   */
  series?: SeriesPayload[];
}

/** One series of a long-format dataset: rows offset … offset + length − 1. */
export interface SeriesPayload {
  /** The id values joined for display ("A / 3"). */
  id: string;
  /** One value per id column. */
  keys: string[];
  offset: number;
  length: number;
  /** Why it cannot be forecast (its length is then 0). */
  unusable?: string;
}

/** Settings of a run: the engine's ForecastSettings, every field explicit. */
export type RunSettings = ForecastSettings;

/** One epoch end of one training job of a run: a point of the loss curves. */
export interface EpochPoint {
  /** 1-based index of the training job within its run. */
  job: number;
  label: string;
  epoch: number;
  trainLoss: number;
  /** NaN when the job has no validation windows. */
  validationLoss: number;
}

export interface RunProgressEvent {
  runId: number;
  phase: string;
  /** 0..1 over the whole run. */
  fraction: number;
  elapsedMs: number;
  /** NaN while unknown. */
  etaMs: number;
  /** Training windows per second over the training jobs running now. */
  samplesPerSecond: number;
  /** The training job that reported last: its label, epoch and how many it may run. */
  current: { job: number; label: string; epoch: number; epochs: number } | null;
  /** Training jobs finished / started so far. */
  modelsDone: number;
  modelsStarted: number;
  /** Epoch ends since the previous event, in order. */
  points: EpochPoint[];
}

export interface RunStateEvent {
  runId: number;
  state: JobState;
  /** Queued only: runs ahead of this one (0 = next). */
  ahead?: number;
  /** Failed only: what went wrong, for a person. */
  error?: IpcError;
}

/** A finished training run: the engine's ForecastRun, with the model file as its saved text. */
export type TrainedRun = Omit<ForecastRun, 'modelFile'> & { modelText: string };

/** A finished run over many series: the engine's PanelRun, with the model file as its saved text. */
export type TrainedPanelRun = Omit<PanelRun, 'modelFile'> & {
  modelText: string;
  /** The columns naming the series in exports: the file's id columns, or for a wide file one column of the series' names. */
  idColumns: string[];
};

export type RunOutcome =
  | { kind: 'trained'; run: TrainedRun }
  | { kind: 'panel'; run: TrainedPanelRun }
  | { kind: 'applied'; modelName: string; forecast: ModelForecast };

/** The outcome of a run over one series (what the one-series results and exports read). */
export type SeriesOutcome = Exclude<RunOutcome, { kind: 'panel' }>;

export interface RunResultEvent {
  runId: number;
  outcome: RunOutcome;
}

export interface RunControlReply {
  runId: number;
  state: JobState;
}

/** Re-exported for the page, which imports types only. */
export type { JobState, PipelineProgress };

// ---------------------------------------------------------------------------------------------
// Holidays and what-if forecasts.

/** A country, or a state or region of one, with public holiday tables (date-holidays, offline). */
export interface HolidayPlace {
  /** "US", "US-CA": what settings and model files record. */
  code: string;
  /** "United States", "California". */
  name: string;
}

/** Known covariates' future values by name, one number per forecast step. */
export interface KnownColumn {
  name: string;
  values: Float64Array;
}

/** The forecast of a what-if, with its times. */
export type WhatIfForecast = IntervalForecast & { time: Float64Array };

/** A trained model made ready for what-if forecasts of the open file (no retraining). */
export interface WhatIfSession {
  sessionId: number;
  /** The covariates known in advance, each with the file's future values (the first scenario). */
  known: KnownColumn[];
  /** The forecast with the file's values. */
  forecast: WhatIfForecast;
  /**
   * Null when the networks forecast; else the name in prose of the baseline whose forecast the
   * run kept (auto mode's guard), which reads no covariate, so edits leave the forecast as it is.
   */
  baseline: string | null;
}

/** What-if sessions one window keeps at once; opening another closes its oldest. */
export const MAX_WHAT_IF_SESSIONS = 4;

// ---------------------------------------------------------------------------------------------
// Invoke channels: request schema (validated in main) → response type (inside a Result).

const noRequest = v.undefined();

const fileName = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_NAME_LENGTH));
const columnName = v.pipe(v.string(), v.maxLength(1024));
const wholeNumber = v.pipe(v.number(), v.integer(), v.minValue(0));
/** A Float64Array (any buffer: the page's may come from a transfer). */
const float64 = v.custom<Float64Array>((x) => x instanceof Float64Array, 'must be a Float64Array');
const runId = v.strictObject({ runId: v.pipe(v.number(), v.integer(), v.minValue(1)) });

const FREQUENCY_UNITS = ['millisecond', 'second', 'minute', 'hour', 'day', 'business-day', 'week', 'month', 'quarter', 'year'] as const;

/**
 * Finite times strictly increasing within each series, every column as long as the index, and
 * the series (when given) one after the other over every row, each with one key per id column.
 */
function datasetProblem(d: {
  time: Float64Array;
  columns: { name: string; values: Float64Array }[];
  idColumns?: string[] | undefined;
  series?: { id: string; keys: string[]; offset: number; length: number }[] | undefined;
}): string | null {
  const n = d.time.length;
  if (n < 2) return `has ${n} row(s); a series needs at least 2`;
  if (n > MAX_DATASET_ROWS) return `has ${n} rows; at most ${MAX_DATASET_ROWS} are accepted`;
  for (const column of d.columns) {
    if (column.values.length !== n) return `column "${column.name}" has ${column.values.length} values for ${n} times`;
  }
  if (new Set(d.columns.map((c) => c.name)).size !== d.columns.length) return 'has two columns with the same name';
  const series = d.series ?? [{ id: '', keys: [], offset: 0, length: n }];
  const ids = d.series === undefined ? 0 : (d.idColumns?.length ?? 0);
  let next = 0;
  for (const [j, s] of series.entries()) {
    if (s.offset !== next) return `series ${j + 1} ("${s.id}") starts at row ${s.offset + 1}; the one before ended at row ${next}`;
    if (s.keys.length !== ids) return `series ${j + 1} ("${s.id}") has ${s.keys.length} key(s) for ${ids} id column(s)`;
    next = s.offset + s.length;
    if (next > n) return `series ${j + 1} ("${s.id}") ends at row ${next}, past the ${n} rows`;
    for (let i = s.offset; i < next; i++) {
      const t = d.time[i]!;
      if (!Number.isFinite(t)) return `time ${i + 1} is not a finite number`;
      if (i > s.offset && t <= d.time[i - 1]!) return `times are not strictly increasing at row ${i + 1}${s.id ? ` (series "${s.id}")` : ''}`;
    }
  }
  if (next !== n) return `its series cover ${next} of the ${n} rows`;
  return null;
}

const seriesSchema = v.strictObject({
  id: v.pipe(v.string(), v.maxLength(4096)),
  keys: v.pipe(v.array(v.pipe(v.string(), v.maxLength(1024))), v.maxLength(MAX_DATASET_COLUMNS)),
  offset: v.pipe(v.number(), v.integer(), v.minValue(0)),
  length: v.pipe(v.number(), v.integer(), v.minValue(0)),
  unusable: v.optional(v.pipe(v.string(), v.maxLength(2000))),
});

const datasetSchema = v.pipe(
  v.strictObject({
    source: fileName,
    timeColumn: columnName,
    // Only the kind is checked: the engine writes the other fields itself and reads them with
    // defaults; main only stores the style in the model file.
    timeStyle: v.custom<TimeStyle>(
      (s) => typeof s === 'object' && s !== null && (TIME_STYLE_KINDS as readonly unknown[]).includes((s as { kind?: unknown }).kind),
      `must be an object whose kind is one of ${TIME_STYLE_KINDS.join(', ')}`,
    ),
    frequency: v.strictObject({
      unit: v.picklist(FREQUENCY_UNITS),
      step: v.pipe(v.number(), v.integer(), v.minValue(1)),
      label: v.pipe(v.string(), v.maxLength(200)),
      anchorDay: v.optional(v.union([v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(31)), v.literal('end')])),
    }),
    season: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000)),
    time: float64,
    columns: v.pipe(
      v.array(v.strictObject({ name: columnName, values: float64, missing: wholeNumber })),
      v.minLength(1),
      v.maxLength(MAX_DATASET_COLUMNS),
    ),
    idColumns: v.optional(v.pipe(v.array(columnName), v.maxLength(MAX_DATASET_COLUMNS))),
    series: v.optional(v.pipe(v.array(seriesSchema), v.minLength(1), v.maxLength(MAX_DATASET_SERIES))),
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const problem = datasetProblem(dataset.value);
    if (problem !== null) addIssue({ message: `the dataset ${problem}` });
  }),
);

const nullableCount = v.nullable(v.pipe(v.number(), v.integer()));
/** "US", "US-CA", "DE-BY-AUX": letters and digits in up to three parts; the tables are checked in the engine. */
const holidayCode = v.pipe(v.string(), v.maxLength(32), v.regex(/^[A-Za-z0-9]{1,8}(-[A-Za-z0-9]{1,8}){0,2}$/, 'must be a code such as US or US-CA'));
/** Forecast steps a what-if edits; the engine checks the count against the model's horizon. */
const MAX_WHAT_IF_STEPS = 10_000;
const knownColumns = v.pipe(
  v.array(
    v.strictObject({
      name: columnName,
      values: v.pipe(
        float64,
        v.check((x) => x.length >= 1 && x.length <= MAX_WHAT_IF_STEPS, `must hold 1 to ${MAX_WHAT_IF_STEPS} values`),
      ),
    }),
  ),
  v.maxLength(MAX_DATASET_COLUMNS + 1),
);
const sessionId = v.pipe(v.number(), v.integer(), v.minValue(1));
/** Shapes only: ranges and the data-dependent checks are the engine's (resolveSettings). */
const settingsSchema = v.strictObject({
  target: v.nullable(columnName),
  covariates: v.pipe(v.array(columnName), v.maxLength(MAX_DATASET_COLUMNS)),
  horizon: nullableCount,
  season: nullableCount,
  // A model choice the engine's registry knows; resolveSettings checks it (the registry stays out of the preload).
  model: v.pipe(v.string(), v.maxLength(40)),
  bidirectional: v.boolean(),
  layers: v.pipe(v.number(), v.integer()),
  hidden: v.pipe(v.number(), v.integer()),
  lookback: nullableCount,
  epochs: v.pipe(v.number(), v.integer()),
  seed: v.pipe(v.number(), v.integer()),
  timeBudgetSec: v.number(),
  backtest: v.boolean(),
  backtestOrigins: v.pipe(v.number(), v.integer()),
  learningRate: v.number(),
  batchSize: v.pipe(v.number(), v.integer()),
  futureCovariates: v.optional(v.nullable(v.pipe(v.array(columnName), v.maxLength(MAX_DATASET_COLUMNS)))),
  holidays: v.optional(v.nullable(holidayCode)),
  /** A wide file's columns forecast each as a series ('all': every numeric column). */
  series: v.optional(v.nullable(v.union([v.literal('all'), v.pipe(v.array(columnName), v.minLength(1), v.maxLength(MAX_DATASET_COLUMNS))]))),
});
const runLabel = v.pipe(v.string(), v.maxLength(200));

export const requestSchemas = {
  /** Versions shown in About; they come from the main process. */
  'app:info': noRequest,
  /** The bundled sample series. */
  'samples:list': noRequest,
  'samples:open': v.strictObject({ name: fileName }),
  /** Main's open dialog (CSV/TSV/TXT); main reads and decodes the chosen file. */
  'file:open-csv': noRequest,
  /** Main's save dialog for `kind`, then an atomic write of `content`. */
  'file:save': v.strictObject({
    kind: v.picklist(SAVE_KINDS),
    /** Proposed file name; main strips anything path-like from it. */
    suggestedName: v.pipe(v.string(), v.maxLength(MAX_NAME_LENGTH)),
    /** Text for csv/json/project/html, bytes for png. */
    content: v.union([
      v.pipe(v.string(), v.maxLength(MAX_SAVE_BYTES)),
      v.pipe(v.instance(Uint8Array), v.check((b) => b.byteLength <= MAX_SAVE_BYTES, `must be at most ${MAX_SAVE_BYTES} bytes`)),
    ]),
  }),
  /**
   * Exports a model file's networks (engine/export): main checks the model and builds the export,
   * then asks where (a new folder for ONNX, a .mjs file for JavaScript) and writes it all or
   * nothing. A model that cannot be exported (a combination with non-network members) is refused
   * with the engine's message before any dialog opens.
   */
  'file:export-model': v.strictObject({
    kind: v.picklist(MODEL_EXPORT_KINDS),
    /** Proposed folder or file name; main strips anything path-like from it. */
    suggestedName: v.pipe(v.string(), v.maxLength(MAX_NAME_LENGTH)),
    /** Named in messages about the model (the saved model's file name, or the run's label). */
    modelName: fileName,
    modelText: v.pipe(v.string(), v.maxLength(MAX_MODEL_CHARS)),
  }),
  /** Main's open dialog for a saved model (JSON); the text comes back for `forecast:apply`. */
  'file:open-model': noRequest,
  /** Main's open dialog for a project file (.tidecast). */
  'file:open-project': noRequest,
  /** Main's open dialog for data or a project (File > Open); the kind follows the extension. */
  'file:open': noRequest,
  /**
   * Saves the project text: to the file this window last opened or saved as a project
   * (`target: 'current'`, no dialog), or wherever the user picks in a save dialog ('new', or no
   * project file yet).
   */
  'file:save-project': v.strictObject({
    suggestedName: v.pipe(v.string(), v.maxLength(MAX_NAME_LENGTH)),
    content: v.pipe(v.string(), v.maxLength(MAX_SAVE_BYTES)),
    target: v.picklist(['current', 'new']),
  }),
  /**
   * Whether the page has unsaved changes, and what it calls its document (the project's name,
   * else the data file's): the macOS close button and the question asked on closing use them.
   */
  'window:set-edited': v.strictObject({ edited: v.boolean(), document: v.pipe(v.string(), v.maxLength(MAX_NAME_LENGTH)) }),
  /** Closes the sending window (after the page saved on the way out). */
  'window:close': noRequest,
  /** Shows the log file in the file manager (Help > Show Logs, or an error's "Show logs"). */
  'app:show-logs': noRequest,
  /** Queues a forecast run (train, backtest, forecast) on the worker pool → its job id. */
  'forecast:start': v.strictObject({ label: runLabel, dataset: datasetSchema, settings: settingsSchema }),
  /** Forecasts `dataset` with a saved model's networks (no training) → a job id. */
  'forecast:apply': v.strictObject({
    label: runLabel,
    dataset: datasetSchema,
    modelName: fileName,
    modelText: v.pipe(v.string(), v.maxLength(MAX_MODEL_CHARS)),
  }),
  'forecast:cancel': runId,
  'forecast:pause': runId,
  'forecast:resume': runId,
  /** Countries with holiday tables (country null), or the states and regions of one. */
  'holidays:places': v.strictObject({ country: v.nullable(holidayCode) }),
  /** Prepares a trained model's what-if forecasts of `dataset` (its file's future values as the start). */
  'whatif:open': v.strictObject({
    dataset: datasetSchema,
    modelName: fileName,
    modelText: v.pipe(v.string(), v.maxLength(MAX_MODEL_CHARS)),
  }),
  /** The session's forecast with these future values of its known covariates (the rest keep the file's). */
  'whatif:forecast': v.strictObject({ sessionId, known: knownColumns }),
  'whatif:close': v.strictObject({ sessionId }),
} satisfies { [C in keyof InvokeResponses]: v.GenericSchema };

export interface InvokeResponses {
  'app:info': AppInfo;
  'samples:list': SampleInfo[];
  'samples:open': TextFile;
  'file:open-csv': OpenResult;
  'file:save': SaveResult;
  'file:export-model': ModelExportResult;
  'file:open-model': OpenResult;
  'file:open-project': OpenResult;
  'file:open': OpenDocumentResult;
  'file:save-project': SaveResult;
  'window:set-edited': null;
  'window:close': null;
  'app:show-logs': null;
  'forecast:start': { runId: number };
  'forecast:apply': { runId: number };
  'forecast:cancel': RunControlReply;
  'forecast:pause': RunControlReply;
  'forecast:resume': RunControlReply;
  'holidays:places': HolidayPlace[];
  'whatif:open': WhatIfSession;
  'whatif:forecast': WhatIfForecast;
  'whatif:close': null;
}

/** The channels electron/runs.ts answers; the rest are electron/handlers.ts's. */
export const RUN_CHANNELS = ['forecast:start', 'forecast:apply', 'forecast:cancel', 'forecast:pause', 'forecast:resume'] as const;
export type RunChannel = (typeof RUN_CHANNELS)[number];

/** The channels electron/what-if.ts answers. */
export const WHAT_IF_CHANNELS = ['whatif:open', 'whatif:forecast', 'whatif:close'] as const;
export type WhatIfChannel = (typeof WHAT_IF_CHANNELS)[number];

export type InvokeChannel = keyof InvokeResponses;
/** What the renderer passes (schema input). */
export type RequestOf<C extends InvokeChannel> = v.InferInput<(typeof requestSchemas)[C]>;
/** What a handler receives after validation (schema output). */
export type ParsedRequestOf<C extends InvokeChannel> = v.InferOutput<(typeof requestSchemas)[C]>;
export type ResponseOf<C extends InvokeChannel> = InvokeResponses[C];

export const invokeChannels = Object.keys(requestSchemas) as InvokeChannel[];

// ---------------------------------------------------------------------------------------------
// Events pushed from main to the renderer: channel → payload.

export interface EventPayloads {
  /** An application-menu item the page acts on (open, save, export, about). */
  'menu:command': { command: MenuCommand };
  /** A file to open, read by main: from the file manager, a second launch, or Open Recent. */
  'file:open-request': OpenRequest;
  /** A job's state changed (queued, running, paused, done, failed, cancelled). */
  'run:state': RunStateEvent;
  /** A running job's progress, at most every 100 ms, with the epoch ends since the last one. */
  'run:progress': RunProgressEvent;
  /** A job's result; sent just before its 'done' state. */
  'run:result': RunResultEvent;
}

export type EventChannel = keyof EventPayloads;

const eventChannelSet = { 'menu:command': true, 'file:open-request': true, 'run:state': true, 'run:progress': true, 'run:result': true } satisfies {
  [C in EventChannel]: true;
};
export const eventChannels = Object.keys(eventChannelSet) as EventChannel[];

// ---------------------------------------------------------------------------------------------
// API names on `window.tidecast`: 'file:open-csv' → fileOpenCsv(), 'menu:command' → onMenuCommand().

type CamelCase<S extends string> = S extends `${infer Head}:${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S extends `${infer Head}-${infer Tail}`
    ? `${Head}${Capitalize<CamelCase<Tail>>}`
    : S;

export type MethodName<C extends InvokeChannel> = CamelCase<C>;
export type ListenerName<C extends EventChannel> = `on${Capitalize<CamelCase<C>>}`;

export function methodName<C extends InvokeChannel>(channel: C): MethodName<C> {
  return channel.replace(/[:-]([a-z])/g, (_m, c: string) => c.toUpperCase()) as MethodName<C>;
}

export function listenerName<C extends EventChannel>(channel: C): ListenerName<C> {
  const camel = channel.replace(/[:-]([a-z])/g, (_m, c: string) => c.toUpperCase());
  return `on${camel[0]!.toUpperCase()}${camel.slice(1)}` as ListenerName<C>;
}
