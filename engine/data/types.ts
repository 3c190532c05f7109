// The shapes every layer agrees on for a dataset read from a CSV: a time index, named numeric
// columns and the problems found while reading it (see DESIGN.md, "Data conventions").

/** Something found while reading or preparing data, shown to the user in the health panel. */
export interface Problem {
  /** 'error' makes the data unusable; 'warning' changed or dropped something; 'info' is a note. */
  severity: 'error' | 'warning' | 'info';
  /** Stable machine code, e.g. 'unparsable-cell', 'gap-filled', 'duplicate-time', 'unsorted'. */
  code: string;
  /** One sentence: what happened, where, and what to do about it. */
  message: string;
  /** Line number in the file, 1-based, the header being line 1 (omitted when not about a row). */
  row?: number;
  /** Column name as written in the header. */
  column?: string;
  /** How many cells/rows this entry stands for when it summarises several. */
  count?: number;
}

/** Calendar step of a regular time index. */
export type FrequencyUnit =
  | 'millisecond' | 'second' | 'minute' | 'hour' | 'day' | 'business-day'
  | 'week' | 'month' | 'quarter' | 'year';

export interface Frequency {
  unit: FrequencyUnit;
  /** Multiple of the unit, e.g. 30 minutes → { unit: 'minute', step: 30 }. */
  step: number;
  /** Human label, e.g. "half-hourly", "monthly", "every 3 days". */
  label: string;
  /**
   * Month, quarter and year steps only: the day of the month every step falls on ('end' = the
   * last day, e.g. 2024-01-31, 2024-02-29, …). Absent when the day varies (or for other units):
   * continuing the index then keeps the last timestamp's day.
   */
  anchorDay?: number | 'end';
}

/** How the input wrote its timestamps, so outputs can continue in the same style. */
export type TimeStyle =
  | { kind: 'iso-date'; separator?: string }   // 2024-01-31 (separator '/' or '.': 2024/01/31)
  | {
      kind: 'iso-datetime'; zone: 'none' | 'utc' | 'offset'; seconds: boolean; millis: boolean;
      /** Between date and time: 'T' (default) or ' ' (2024-01-31 13:00:00). */
      separator?: 'T' | ' ';
      /** Between date parts when not '-' (2024/01/31 13:00). */
      dateSeparator?: string;
      /** zone 'offset': the offset written back, in minutes east of UTC (the input's last one). */
      offsetMinutes?: number;
    }                                          // 2024-01-31T13:00[:00][.000][Z|+01:00]
  | { kind: 'year-month' }                     // 2024-01
  | { kind: 'year' }                           // 2024
  | { kind: 'expanded-year' }                  // -006000-01-01 (ISO 8601 expanded)
  | ({ kind: 'day-first'; separator: string } & DayMonthStyle)   // 31/01/2024
  | ({ kind: 'month-first'; separator: string } & DayMonthStyle) // 01/31/2024
  | {
      kind: 'month-name'; order: 'my' | 'dmy' | 'mdy'; separator: string; yearDigits: 2 | 4;
      /** January rather than Jan. Names are written in English whatever the input's language. */
      longNames?: boolean;
    }                                          // Jan 2024, Jan-24, 31-Jan-2024, January 31, 2024
  | { kind: 'year-quarter'; pattern: QuarterPattern } // 2024-Q1, 2024 Q1, 2024Q1, Q1 2024
  | { kind: 'unix-seconds' }
  | { kind: 'unix-millis' }
  | { kind: 'period-number' }                  // 1, 2, 3, … (or any constant whole step) in a time column
  | { kind: 'row-number' };                    // no time column: rows numbered 1, 2, 3, … (see Dataset.time)

/** How a quarter is written: YYYY = year, q = quarter number. */
export type QuarterPattern = `YYYY${'' | ' ' | '-' | '/'}Qq` | `Qq${'' | ' ' | '-' | '/'}YYYY`;

/** Optional details of day/month dates, so outputs look like the input. */
export interface DayMonthStyle {
  /** false: 1/5/2024 rather than 01/05/2024 (default true). */
  padded?: boolean;
  /** 2: 31/01/24 (default 4). */
  yearDigits?: 2 | 4;
  /** Time of day after the date (default none). */
  clock?: 'hh:mm' | 'hh:mm:ss';
  /** 12-hour clock with AM/PM (1/31/2024 1:05 PM). */
  twelveHour?: boolean;
}

/**
 * A regular time series table ready for modelling. `time` is epoch milliseconds (UTC wall
 * clock for zone-less inputs), strictly increasing by `frequency`; every column has the same
 * length; NaN marks a missing value. Without a time column (timeStyle 'row-number') `time` holds
 * the row numbers 1, 2, 3, … and `frequency` is { unit: 'millisecond', step: 1, label: 'row
 * number' }, so nextTimes/formatTime continue it as 151, 152, …. A time column of period numbers
 * (timeStyle 'period-number') keeps its numbers in `time` the same way, with frequency
 * { unit: 'millisecond', step, label: 'period number' or 'every N periods' } (isNumberedIndex).
 */
export interface Dataset {
  /** File name the data came from (no directories). */
  source: string;
  timeColumn: string;
  timeStyle: TimeStyle;
  /**
   * Every row, grouped by series: each series' rows are contiguous, time-ascending and on its
   * own regular grid (see `series`). A one-series file is the case of one group.
   */
  time: Float64Array;
  /** Every column holds all rows in the order of `time`. */
  columns: NumericColumn[];
  frequency: Frequency;
  /** Default season length from the frequency (hourly 24, daily 7, monthly 12, …). */
  season: number;
  /** File-level findings (for many series: summaries; each series has its own in `series`). */
  problems: Problem[];
  /** The columns whose values name a series (long format: store, product); [] for one series. */
  idColumns: string[];
  /** The series in order of first appearance; one entry covering all rows for a one-series file. */
  series: SeriesSlice[];
}

/** One series of a dataset: rows offset … offset + length − 1 of `time` and every column. */
export interface SeriesSlice {
  /** Display name: the id values joined with " / "; '' for a one-series file. */
  id: string;
  /** One value per id column, as written in the file. */
  keys: string[];
  offset: number;
  length: number;
  /** Missing steps inserted as empty values, and rows merged into an earlier one with the same time. */
  gaps: number;
  duplicates: number;
  /** This series' own findings (order, duplicates, gaps), each naming the file's lines. */
  problems: Problem[];
  /** Why it cannot be forecast, if so (its length is then 0). */
  unusable?: string;
}

export interface NumericColumn {
  name: string;
  values: Float64Array;
  /** Cells that were empty or not numbers in the file. */
  missing: number;
}

/** The one series of a file without id columns: all `length` rows. */
export function wholeSeries(length: number, gaps = 0, duplicates = 0, problems: Problem[] = []): SeriesSlice {
  return { id: '', keys: [], offset: 0, length, gaps, duplicates, problems };
}
