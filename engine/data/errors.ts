// The one error type for data a user cannot go on with (empty file, no numeric column, …),
// and helpers that turn many similar findings into a few row-level problems plus a summary.
import type { Problem } from './types';

export type DataErrorCode =
  | 'empty-file' | 'binary-file' | 'spreadsheet-file' | 'utf16-text' | 'no-header' | 'no-data-rows'
  | 'single-row' | 'no-numeric-column' | 'unterminated-quote' | 'unknown-column'
  | 'unreadable-time-column' | 'no-time-values' | 'duplicate-time' | 'irregular-time' | 'sparse-time'
  | 'invalid-option' | 'no-values' | 'not-enough-data';

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
