// What every time format implements (one file per family in this folder, listed once in
// index.ts): detection on the first rows, a reader for every cell, and the style outputs are
// written in. The writing side (format and describe per TimeStyle kind) sits beside it.
import type { Problem, TimeStyle } from '../types';

/** How a column was found to be written: the format's kind and what it needs to read cells. */
export interface TimeFormat {
  kind: string;
  /** Day/month dates: the separator between the fields. */
  separator?: string;
  /** Spreadsheet day numbers: with a fraction of a day. */
  withTime?: boolean;
}

export interface TimeDetection {
  format: TimeFormat;
  /** Share of the non-empty sample cells this format reads. */
  share: number;
  /** What the sample showed about how cells are written (the format's own facts). */
  facts?: unknown;
}

/** What is known of a column tried as time, beyond its cells. */
export interface ColumnHint {
  /** Named like a time column ("date", "year", …), or chosen by the user: plain numbers may be times. */
  timeNamed: boolean;
  /**
   * Period numbers (1, 2, 3, …): 'named' for a column named like a period index ("t", "step",
   * "index", …), tried when they look like one; 'chosen' by the user, always tried; else 'no'.
   */
  periods: 'no' | 'named' | 'chosen';
}

/** Reads the cells of one column. Keeps its scratch in its own fields: one per column. */
export interface TimeCellReader {
  /** Epoch ms of `s[a, b)` (with two readings: the first), NaN when not a time in this format. */
  read(s: string, a: number, b: number, line: number): number;
}

/** A reader of cells that carry a UTC offset (ISO 8601 with ±hh:mm). */
export interface ZonedCellReader extends TimeCellReader {
  /** Minutes east of UTC of the last cell read (0 for Z or none). */
  readonly offsetMinutes: number;
}

/**
 * A reader of cells with two readings decided on the whole column (01/02/2024: 1 February
 * day-first, 2 January month-first), keeping the evidence for the decision.
 */
export interface TwoReadingCellReader extends TimeCellReader {
  /** The second reading of the last cell read; NaN when it is no valid date that way. */
  readonly second: number;
  /** Cells of the right shape that are no valid date in the first / second reading. */
  readonly invalidFirst: number;
  readonly invalidSecond: number;
  readonly firstInvalidFirst: { line: number; text: string } | undefined;
  readonly firstInvalidSecond: { line: number; text: string } | undefined;
}

export interface TimeFormatSpec<O extends string = string> {
  /** TimeFormat.kind of its detections. */
  readonly kind: string;
  /** Names a user may force to get this format (TimeFormatOption). */
  readonly options: readonly O[];
  /** A cell written this way, for the list of supported formats in messages. */
  readonly example: string;
  /** Consecutive cells written this way (what the registry's tests read, write back and read again). */
  readonly cells: readonly string[];
  /**
   * 'calendar' numbers (years, Unix times, day numbers) are tried only for a column named like
   * a time or a period index; 'period' numbers only for one named like a period index; both
   * when the user chose the column or the format. Other formats are tried on every column.
   */
  readonly plainNumbers?: 'calendar' | 'period';
  /**
   * The detection over the non-empty sample cells, or null when too few read. `forced` is the
   * user's choice of format ('auto' when none): a forced format accepts any share above 0.
   * `column` says how the column came to be tried (period numbers need a name or the user).
   */
  detect(values: readonly string[], forced: string, column: ColumnHint): TimeDetection | null;
  /** A reader for every cell of a column so detected. */
  reader(detection: TimeDetection): TimeCellReader;
  /** The style outputs write times in; `dayFirst` matters for two-reading formats only. */
  style(detection: TimeDetection, dayFirst: boolean): TimeStyle;
  /** Two readings per cell (day/month): reader() returns a TwoReadingCellReader. */
  readonly twoReadings?: boolean;
  /** Cells carry UTC offsets: reader() returns a ZonedCellReader. */
  zoned?(detection: TimeDetection): boolean;
  /** Dates without a time of day, which a separate time-of-day column may complete. */
  dateOnly?(detection: TimeDetection): boolean;
  /** Whole years, which a separate month or quarter column may complete. */
  readonly yearsOnly?: boolean;
  /** Times are whole period numbers, not epoch ms: the index steps by whole numbers, no calendar. */
  readonly numbered?: boolean;
  /** A note for the health panel when a column is read this way (what was assumed). */
  note?(column: string): Problem;
}

/** Share of sample cells a format must read for the column to count as time in that format. */
export const TIME_SHARE = 0.9;

/**
 * Enough cells read for a column to count as time: TIME_SHARE of them, or all but two when at
 * least three are read (a small file with a "Total" footer line is still a time series).
 */
export function enoughShare(ok: number, n: number): boolean {
  return ok >= TIME_SHARE * n || (n - ok <= 2 && ok >= 3);
}

/** Cells read / cells, and whether that is enough for detection (or, forced, anything at all). */
export function shareOf(values: readonly string[], read: (cell: string) => boolean, forced: boolean): number | null {
  let ok = 0;
  for (const c of values) if (read(c)) ok++;
  const share = ok / values.length;
  return enoughShare(ok, values.length) || (forced && share > 0) ? share : null;
}

/** Writes times in one TimeStyle kind and names that style for the import report. */
export interface StyleWriter<S extends TimeStyle> {
  format(ms: number, style: S): string;
  /** A short name of the style, e.g. "DD/MM/YYYY". */
  describe(style: S): string;
}

/** One writer per style kind, each typed with its own style. */
export type StyleWriters = { [K in TimeStyle['kind']]: StyleWriter<Extract<TimeStyle, { kind: K }>> };
