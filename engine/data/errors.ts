// The one error type for data a user cannot go on with (empty file, no numeric column, …),
// and helpers that turn many similar findings into a few row-level problems plus a summary.
import { bytesText, MAX_CELL_CHARS, MAX_COLUMNS, MAX_FILE_BYTES, MAX_LINE_CHARS, MAX_ROWS } from '../limits';
import type { Problem } from './types';

export type DataErrorCode =
  | 'empty-file' | 'binary-file' | 'spreadsheet-file' | 'utf16-text' | 'no-header' | 'no-data-rows'
  | 'single-row' | 'no-numeric-column' | 'unterminated-quote' | 'unknown-column'
  | 'unreadable-time-column' | 'no-time-values' | 'duplicate-time' | 'irregular-time' | 'sparse-time'
  | 'invalid-option' | 'no-values' | 'not-enough-data' | 'unreadable-file' | 'no-usable-series'
  // A size limit of engine/limits.ts passed:
  | 'file-too-large' | 'line-too-long' | 'too-many-columns' | 'too-many-rows' | 'cell-too-long';

/** A problem that makes the data unusable. `message` says what, where and what to do. */
export class DataError extends Error {
  readonly code: DataErrorCode;
  /** Line number in the file (header = 1), when the error is about one row. */
  readonly row?: number;
  readonly column?: string;

  constructor(code: DataErrorCode, message: string, where: { row?: number; column?: string } = {}) {
    super(message);
    this.name = 'DataError';
    this.code = code;
    if (where.row !== undefined) this.row = where.row;
    if (where.column !== undefined) this.column = where.column;
  }

  /** The error as a health-panel entry. */
  toProblem(): Problem {
    const p: Problem = { severity: 'error', code: this.code, message: this.message };
    if (this.row !== undefined) p.row = this.row;
    if (this.column !== undefined) p.column = this.column;
    return p;
  }
}

/** How many individual rows a repeated finding lists before the rest is summarised. */
export const ROWS_LISTED = 5;

/**
 * Collects occurrences of one kind of finding: the first ROWS_LISTED become their own problems
 * (with row numbers), the rest one summary problem carrying the count.
 */
export class FindingList {
  readonly items: Problem[] = [];
  total = 0;

  add(make: () => Problem): void {
    this.total++;
    if (this.items.length < ROWS_LISTED) this.items.push(make());
  }

  /** Whether the next finding is listed: hot loops count the rest with `skip` and make no closure. */
  get listing(): boolean {
    return this.items.length < ROWS_LISTED;
  }

  skip(): void {
    this.total++;
  }

  /** The listed problems plus, when some were not listed, a summary saying how many more. */
  problems(summary: (more: number, total: number) => Problem): Problem[] {
    const out = this.items.slice();
    if (this.total > this.items.length) out.push(summary(this.total - this.items.length, this.total));
    return out;
  }
}

/** "line 12" or "lines 12–14". */
export function linesText(first: number, last = first): string {
  return first === last ? `line ${first}` : `lines ${first}–${last}`;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
}

/** A cell value quoted for a message, shortened when long. */
export function quoteCell(text: string): string {
  const t = text.length > 40 ? `${text.slice(0, 37)}…` : text;
  return `"${t}"`;
}

// ---------------------------------------------------------------------------------------------
// Refusals at the size limits (engine/limits.ts): what, where, which limit, what to do.

/** A file (or text) of `size` bytes or characters, past MAX_FILE_BYTES. */
export function fileTooLarge(source: string, size: number | null): DataError {
  const how = size === null ? 'is larger than' : `is ${bytesText(size)}, larger than`;
  return new DataError('file-too-large', `${source} ${how} the ${bytesText(MAX_FILE_BYTES)} Tidecast reads (the file-size limit). ` +
    'Split it (by period or by series), or remove columns you do not need, and open the parts.');
}

/** A record starting on `line` that runs past MAX_LINE_CHARS. */
export function lineTooLong(source: string, line: number): DataError {
  return new DataError('line-too-long', `${source}: line ${line} is longer than ${MAX_LINE_CHARS.toLocaleString('en-US')} characters ` +
    '(the line-length limit): the file has no line breaks there, or a quote (") opened on that line is never closed. ' +
    'Check that line, or save the file again as CSV.', { row: line });
}

/** A record on `line` with more than MAX_COLUMNS fields. */
export function tooManyColumns(source: string, line: number, delimiter: string): DataError {
  const shown = delimiter === '\t' ? 'tab' : `"${delimiter}"`;
  return new DataError('too-many-columns', `${source}: line ${line} has more than ${MAX_COLUMNS.toLocaleString('en-US')} fields ` +
    `(the column limit). Check that ${shown} separates the columns, or keep only the columns to forecast with.`, { row: line });
}

/** The data row on `line` is one past MAX_ROWS. */
export function tooManyRows(source: string, line: number): DataError {
  return new DataError('too-many-rows', `${source} has more than ${MAX_ROWS.toLocaleString('en-US')} data rows (the row limit; ` +
    `line ${line} is the first past it). Aggregate the data to a coarser step, or split it into several files.`, { row: line });
}

/** A cell of `length` characters on `line` in `column`, past MAX_CELL_CHARS. */
export function cellTooLong(source: string, line: number, column: string, length: number): DataError {
  return new DataError('cell-too-long', `${source}: line ${line}, column "${column}" holds ${length.toLocaleString('en-US')} characters, ` +
    `more than the ${MAX_CELL_CHARS.toLocaleString('en-US')} of the cell-length limit. Numbers and dates are short: check the ` +
    'quotes (") on that line, or remove that column.', { row: line, column });
}
