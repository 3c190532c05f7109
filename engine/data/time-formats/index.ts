// The registry of time formats: every format Tidecast reads, in the order detection tries
// them, and one writer per output style. A new date format is one file in this folder (its
// detection, cell reader, style and writer; see spec.ts) plus its entry in the two lists below.
import type { TimeStyle } from '../types';
import { dayMonthFormat, dayMonthWriters } from './day-month';
import { isoFormat, isoWriters } from './iso';
import { monthNameFormat, namedDateWriters, quarterFormat } from './named-dates';
import { numberedWriters, periodNumberFormat } from './numbered';
import { excelSerialFormat, plainNumberWriters, unixMillisFormat, unixSecondsFormat, yearFormat } from './plain-numbers';
import type { ColumnHint, StyleWriter, StyleWriters, TimeDetection, TimeFormatSpec } from './spec';
import { yearMonthFormat, yearMonthWriters } from './year-month';

/**
 * Detection order: the first format that reads enough sample cells wins. Formats with
 * separators first; plain numbers last, by magnitude (Unix seconds before day numbers before
 * years before period numbers), and only where the column's name or the user says the numbers
 * are times.
 */
export const TIME_FORMATS = [
  isoFormat, dayMonthFormat, yearMonthFormat, monthNameFormat, quarterFormat,
  unixSecondsFormat, unixMillisFormat, excelSerialFormat, yearFormat, periodNumberFormat,
] as const;

/** What a user may force instead of detection. */
export type TimeFormatOption = 'auto' | (typeof TIME_FORMATS)[number]['options'][number];

export const TIME_FORMAT_OPTIONS: readonly TimeFormatOption[] = ['auto', ...TIME_FORMATS.flatMap((f) => f.options)];

/** One writer per TimeStyle kind (the type makes a missing one a compile error). */
const STYLE_WRITERS: StyleWriters = {
  ...isoWriters, ...dayMonthWriters, ...yearMonthWriters, ...namedDateWriters, ...plainNumberWriters, ...numberedWriters,
};

/** Every TimeStyle kind, for validating a style that crossed a process boundary. */
export const TIME_STYLE_KINDS = Object.keys(STYLE_WRITERS) as readonly TimeStyle['kind'][];

/** The writer of a style. The cast pairs each kind with its own writer, as STYLE_WRITERS is typed. */
export function styleWriter(style: TimeStyle): StyleWriter<TimeStyle> {
  return STYLE_WRITERS[style.kind] as StyleWriter<TimeStyle>;
}

/** The registry entry of a detection. */
export function specOf(detection: TimeDetection): TimeFormatSpec {
  const spec = TIME_FORMATS.find((f) => f.kind === detection.format.kind);
  if (spec === undefined) throw new Error(`no time format "${detection.format.kind}"`);
  return spec;
}

/**
 * The format that reads at least TIME_SHARE of the non-empty sample cells, or null. Calendar
 * numbers (years, Unix times) are only considered for a column named like a time or a period
 * index, period numbers for a column named like a period index or chosen by the user; any
 * format when forced.
 */
export function detectTimeFormat(cells: readonly string[], nameIsTimeLike: boolean,
  forced: TimeFormatOption = 'auto', periods: ColumnHint['periods'] = 'no'): TimeDetection | null {
  const values = cells.filter((c) => c.trim().length > 0);
  if (values.length === 0) return null;
  const column: ColumnHint = { timeNamed: nameIsTimeLike, periods };
  for (const spec of TIME_FORMATS as readonly TimeFormatSpec[]) {
    if (forced !== 'auto' && !spec.options.includes(forced)) continue;
    if (forced === 'auto' && spec.plainNumbers === 'calendar' && !nameIsTimeLike && periods !== 'named') continue;
    if (forced === 'auto' && spec.plainNumbers === 'period' && periods === 'no') continue;
    const detection = spec.detect(values, forced, column);
    if (detection !== null) return detection;
  }
  return null;
}

/** The style to write timestamps back in, from the detected format and the sample facts. */
export function styleOf(detection: TimeDetection, dayFirst: boolean): TimeStyle {
  return specOf(detection).style(detection, dayFirst);
}

/** True when a time format other than plain numbers reads the cell (a header cell that is data). */
export function readsAsTime(cell: string): boolean {
  for (const spec of TIME_FORMATS as readonly TimeFormatSpec[]) {
    if (spec.plainNumbers === undefined && spec.detect([cell], 'auto', { timeNamed: false, periods: 'no' }) !== null) return true;
  }
  return false;
}

/** The formats read, for messages: "2024-01-31, 2024-01, …, Unix seconds or 2024". */
export function supportedFormats(): string {
  const examples = TIME_FORMATS.map((f) => f.example);
  return `${examples.slice(0, -1).join(', ')} or ${examples[examples.length - 1]}`;
}

export { enoughShare, TIME_SHARE } from './spec';
export type { ColumnHint, TimeCellReader, TimeDetection, TimeFormat, TimeFormatSpec, TwoReadingCellReader, ZonedCellReader } from './spec';
export { newIsoFacts, parseIso } from './iso';
export type { IsoFacts } from './iso';
export { dayMonthSeparator, dayMonthToTime, newDayMonthFacts, splitDayMonth } from './day-month';
export type { DayMonthFacts } from './day-month';
export { parseYearMonth } from './year-month';
export { parseExcelSerial, parseUnix, parseYear } from './plain-numbers';
export { parsePeriodNumber } from './numbered';
export { formatMonthName, formatQuarter, monthOfName, newMonthNameFacts, parseMonthName, parseQuarter } from './named-dates';
