// The import worker's protocol: a discriminated union, each message carrying its read's id.
// The page sends one 'read' per import; the worker answers with progress, then done or failed.
import type { DateOrder, DetectedFormat, ReadResult } from '../../engine/data';
import type { TextEncoding } from '../../engine/data/decode';
import type { PackedSeries } from './series-pack';

/** What the user chose in the preview; omitted = detect. */
export interface ImportOptions {
  /** A header name, or null to number the rows. */
  timeColumn?: string | null;
  dateOrder?: DateOrder;
  /** The columns naming the series of a long file; null or [] = one series (engine/data ReadOptions). */
  idColumns?: string[] | null;
}

export type ImportSource =
  /** A dropped file: the worker streams it, decoding as it goes. */
  | { kind: 'file'; file: File }
  /** Text main already read and decoded (Open CSV…, a sample, a project). */
  | { kind: 'text'; name: string; text: string; encoding: TextEncoding; bytes: number };

export type ToImportWorker = { type: 'read'; id: number; source: ImportSource; options: ImportOptions };

export interface ImportFailure {
  /** engine/data's DataError code, or 'read-failed' when the file itself could not be read. */
  code: string;
  message: string;
  row?: number;
  column?: string;
}

/**
 * What the worker read: the dataset (time and columns as transferred Float64Arrays, every series'
 * rows one after the other; `dataset.series` and `dataset.idColumns` say which rows are which
 * series), the preview and what was detected (`detected.idColumns`, `detected.idCandidates`).
 */
export interface ImportedData extends ReadResult {
  name: string;
  bytes: number;
  encoding: TextEncoding;
  /** Wall time of the read in the worker, ms. */
  readMs: number;
}

export type FromImportWorker =
  | { type: 'progress'; id: number; fraction: number; rows: number }
  /** `data.dataset.series` is empty: the series travel packed in `series` (series-pack.ts). */
  | { type: 'done'; id: number; data: ImportedData; series: PackedSeries }
  | { type: 'failed'; id: number; error: ImportFailure };

export type { DetectedFormat };
