// Every size limit of the engine in one place, each with its reason. Inputs past a limit are
// refused early with a message that names the limit, where it was passed and what to do, so a
// hostile or mistaken input costs seconds and megabytes, never minutes and gigabytes.
// Plain constants and no imports: every layer (data, nn, forecast, the CLI, the app) may read them.

// ---------------------------------------------------------------------------------------------
// CSV files (engine/data).

/**
 * Largest CSV file read: 256 MiB. The reader works on the file's text, and a V8 string tops out
 * near 512 M characters; 256 MiB of numbers is also more rows than a forecast needs (the app's
 * own open and drop limits are the same number).
 */
export const MAX_FILE_BYTES = 268_435_456;

/**
 * Longest line (one record, quoted line breaks included): 4 MiB. A real row is under a few
 * hundred kilobytes even with MAX_COLUMNS columns; past this the text has no line breaks or a
 * quote is never closed, and keeping it would hold the whole rest of the file in memory.
 */
export const MAX_LINE_CHARS = 4_194_304;

/**
 * Most fields in one record: 10,000. A wide file with one column per series stays readable,
 * while every column costs a growing Float64Array and a sample of its first rows as text.
 */
export const MAX_COLUMNS = 10_000;

/**
 * Most data rows: 20,000,000 (the rows a dataset sent for training may have). Each row costs
 * 8 bytes per column plus its time and line number.
 */
export const MAX_ROWS = 20_000_000;

/**
 * Longest cell: 65,536 characters. A number or a date is under a hundred; longer cells are text
 * that is shown in the import preview and quoted in messages, which must stay small.
 */
export const MAX_CELL_CHARS = 65_536;

// ---------------------------------------------------------------------------------------------
// Forecasts and networks (engine/forecast settings, saved models).

/** Longest horizon: 10,000 steps (a year of hourly data). Every step is a network output and a row of every interval. */
export const MAX_HORIZON = 10_000;

/** Most stacked recurrent layers: 4. Deeper stacks learn nothing more from one series and train slowly. */
export const MAX_LAYERS = 4;

/** Most hidden units per layer and direction: 512. A layer's weights grow with its square (LSTM 512: 2 M floats). */
export const MAX_HIDDEN = 512;

/** Longest lookback: 10,000 steps. Training keeps every step's activations of a batch. */
export const MAX_LOOKBACK = 10_000;

/** Most epochs: 100,000 (a work budget stops training long before in practice). */
export const MAX_EPOCHS = 100_000;

/** Largest batch: 4,096 windows. */
export const MAX_BATCH_SIZE = 4_096;

/**
 * Largest model file read: 64 MiB. A model of the largest network the settings allow, with its
 * seeds and ensemble, is a few megabytes; the file is parsed whole as JSON.
 */
export const MAX_MODEL_FILE_BYTES = 67_108_864;

// ---------------------------------------------------------------------------------------------
// Worker threads (engine/jobs pools in the CLI and the app).

/**
 * V8 heap of one training worker: 2 GiB. Networks and windows live in typed arrays and
 * WebAssembly memory outside this heap; a job past it is a runaway (a huge lookback or series)
 * and fails alone, with advice to lower the settings that size it, while the app goes on.
 */
export const WORKER_HEAP_MB = 2048;

/** A size as people read it: "256 MiB", "100.0 MiB", "512 KiB", "900 bytes". */
export function bytesText(bytes: number): string {
  if (bytes >= 1_048_576) return `${Number.isInteger(bytes / 1_048_576) ? bytes / 1_048_576 : (bytes / 1_048_576).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}
