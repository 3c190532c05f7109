// Which column holds time, in which format, and whether a separate "Time" column completes a
// date-only "Date" column — decided on the first rows of the file (or from the user's choice).
import { DataError, quoteCell } from './errors';
import { detectTimeFormat, enoughShare, monthOfName, specOf, supportedFormats } from './time-formats';
import type { TimeDetection, TimeFormatOption } from './time-formats';
import { ClockReader } from './time-formats/clock';
import type { ClockFacts } from './time-formats/clock';

// Names people give a time column (lower-cased, compared as whole names or words in a name).
const TIME_NAMES = new Set(['date', 'time', 'timestamp', 'datetime', 'date_time', 'period', 'month', 'year',
  'ds', 'day', 'week', 'quarter', 'dt', 'ts', 'epoch', 'unix', 'when', 'fecha', 'datum', 'data', 'zeit',
  'jahr', 'monat', 'tag', 'jour', 'mois', 'annee', 'année', 'heure', 'anno', 'mese', 'giorno', 'ano', 'año',
  'mes', 'dia', 'día', 'yearmonth', 'year_month', 'date/time', 'time_stamp', 'observation_date', 'index']);
const TIME_WORDS = /(^|[^a-z])(date|time|timestamp|datetime|period|datum|zeit|fecha)([^a-z]|$)|date$|time$|^date|^time/;

/** True when a column name says it holds time (`date`, `Order Date`, `timestamp_utc`, `Jahr`…). */
export function isTimeLikeName(name: string): boolean {
  const n = name.trim().toLowerCase();
  if (TIME_NAMES.has(n)) return true;
  return TIME_WORDS.test(n);
}

// Names of a column of period numbers (1, 2, 3, …), compared whole, lower-cased, with spaces
// and dashes as underscores. Calendar parts (month, day, hour) are not among them: a "month"
// column of 1–12 repeating is no index.
const PERIOD_NAMES = new Set(['t', 'time', 'period', 'periods', 'period_number', 'step', 'steps', 'timestep',
  'time_step', 'index', 'idx', 'time_index', 'time_idx', 't_index', 'obs', 'observation', 'seq', 'sequence', 'tick',
  'row', 'row_number', 'ds']);

/** True when a column name says it numbers the periods (`t`, `period`, `step`, `index`, …). */
export function isPeriodLikeName(name: string): boolean {
  return PERIOD_NAMES.has(name.trim().toLowerCase().replace(/[\s-]+/g, '_'));
}

export interface TimeColumnChoice {
  /** Header position of the time column, -1 for none (rows are numbered). */
  index: number;
  detection: TimeDetection | null;
  /** Header position of a separate time-of-day column, -1 for none. */
  clockIndex: number;
  clockFacts: ClockFacts;
  /** A "Year" column completed by a "Month" or "Quarter" column: its position and kind, or -1. */
  periodIndex: number;
  periodKind: 'month' | 'quarter';
  /** With no time column: a time-like named column whose values no format reads. */
  unreadable?: { name: string; example: string };
}

const MONTH_NAMES = /^(month|mon|mo|m|monat|mois|mes|mese|maand|månad|miesiąc)$/i;
const QUARTER_NAMES = /^(quarter|qtr|q|quartal|trimestre|kwartaal|kvartal)$/i;

/** Month number of a cell: 1–12, or a month name (Jan, März…); NaN otherwise. */
export function parseMonthCell(cell: string): number {
  const t = cell.trim();
  if (/^\d{1,2}$/.test(t)) {
    const m = Number(t);
    return m >= 1 && m <= 12 ? m : NaN;
  }
  const m = monthOfName(t);
  return m > 0 ? m : NaN;
}

/** First month of the quarter in a cell: 1–4, Q1–Q4; NaN otherwise. */
export function parseQuarterCell(cell: string): number {
  const m = /^[Qq]?([1-4])$/.exec(cell.trim());
  return m ? 3 * Number(m[1]) - 2 : NaN;
}

export interface TimeColumnRequest {
  /** The user's choice: a name, null for none, undefined to detect. */
  timeColumn?: string | null;
  timeFormat?: TimeFormatOption;
  source: string;
}

/**
 * The user's column (refused with DataError when missing or unreadable), or else the first
 * column whose sample cells read as times — a time-like name ("date", "Datum", …) first.
 * `cellsOf(j)` gives the sample cells of column j; `lineOf(k)` the file line of sample row k.
 */
export function chooseTimeColumn(header: string[], cellsOf: (j: number) => string[], lineOf: (k: number) => number,
  request: TimeColumnRequest): TimeColumnChoice {
  const none: TimeColumnChoice = { index: -1, detection: null, clockIndex: -1, clockFacts: { seconds: false, twelveHour: false },
    periodIndex: -1, periodKind: 'month' };
  const wanted = request.timeColumn;
  const forced = request.timeFormat ?? 'auto';
  if (wanted === null) return none;
  if (wanted !== undefined) {
    let j = header.indexOf(wanted);
    if (j < 0) j = header.findIndex((h) => h.trim().toLowerCase() === wanted.trim().toLowerCase());
    if (j < 0) {
      throw new DataError('unknown-column', `${request.source} has no column "${wanted}". Its columns are: ${header.join(', ')}.`,
        { column: wanted });
    }
    const cells = cellsOf(j);
    const detection = detectTimeFormat(cells, true, forced, 'chosen');
    if (detection === null) {
      const k = cells.findIndex((c) => c.trim() !== '');
      throw new DataError('unreadable-time-column',
        `Column "${header[j]}" does not hold dates or times Tidecast can read` +
        (k >= 0 ? ` (line ${lineOf(k)} has ${quoteCell(cells[k])})` : '') +
        `. Supported: ${supportedFormats()}.`, { column: header[j], row: k >= 0 ? lineOf(k) : undefined });
    }
    return withClock(header, cellsOf, j, detection);
  }
  let best = -1;
  let bestDetection: TimeDetection | null = null;
  let bestNamed = false;
  let unreadable: { name: string; example: string } | undefined;
  for (let j = 0; j < header.length; j++) {
    const timeNamed = isTimeLikeName(header[j]);
    const periodNamed = isPeriodLikeName(header[j]);
    const named = timeNamed || periodNamed;
    const detection = detectTimeFormat(cellsOf(j), timeNamed, forced, periodNamed ? 'named' : 'no');
    if (detection === null) {
      if (timeNamed && unreadable === undefined) {
        const example = cellsOf(j).find((c) => c.trim() !== '');
        if (example !== undefined && !/^-?\d+([.,]\d+)?$/.test(example.trim())) unreadable = { name: header[j], example };
      }
      continue;
    }
    if (best < 0 || (named && !bestNamed)) {
      best = j;
      bestDetection = detection;
      bestNamed = named;
    }
  }
  if (best >= 0 && bestDetection !== null) return withClock(header, cellsOf, best, bestDetection);
  return unreadable ? { ...none, unreadable } : none;
}

/**
 * A date-only time column may have its time of day in another column ("Date" and "Time", as
 * data loggers write them): the column whose sample cells are clock times, a time-like name first.
 */
function withClock(header: string[], cellsOf: (j: number) => string[], index: number, detection: TimeDetection): TimeColumnChoice {
  const choice: TimeColumnChoice = { index, detection, clockIndex: -1, clockFacts: { seconds: false, twelveHour: false },
    periodIndex: -1, periodKind: 'month' };
  const spec = specOf(detection);
  if (spec.yearsOnly) {
    // "Year" + "Month" (or "Quarter") columns, as statistics offices publish tables.
    for (let j = 0; j < header.length && choice.periodIndex < 0; j++) {
      const kind = MONTH_NAMES.test(header[j].trim()) ? 'month' : QUARTER_NAMES.test(header[j].trim()) ? 'quarter' : null;
      if (j === index || kind === null) continue;
      const cells = cellsOf(j).filter((c) => c.trim() !== '');
      const read = kind === 'month' ? parseMonthCell : parseQuarterCell;
      if (cells.length > 0 && enoughShare(cells.filter((c) => !Number.isNaN(read(c))).length, cells.length)) {
        choice.periodIndex = j;
        choice.periodKind = kind;
      }
    }
    return choice;
  }
  if (!spec.dateOnly?.(detection)) return choice;
  const clock = new ClockReader();
  for (let j = 0; j < header.length; j++) {
    if (j === index) continue;
    const cells = cellsOf(j).filter((c) => c.trim() !== '');
    if (cells.length === 0) continue;
    const facts: ClockFacts = { seconds: false, twelveHour: false };
    const ok = cells.filter((c) => !Number.isNaN(clock.read(c, 0, c.length, facts))).length;
    if (!enoughShare(ok, cells.length)) continue;
    if (choice.clockIndex < 0 || (isTimeLikeName(header[j]) && !isTimeLikeName(header[choice.clockIndex]))) {
      choice.clockIndex = j;
      choice.clockFacts = facts;
    }
  }
  return choice;
}
