// Reading timestamp cells: ISO 8601 (dates, date-times with or without zone, expanded years),
// YYYY-MM, years, DD/MM/YYYY or MM/DD/YYYY, Unix seconds or milliseconds — straight from char
// codes (Date.parse per cell is slow and locale-dependent), plus format detection on a sample.
import { daysFromCivil, daysInMonth, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from './calendar';
import { newMonthNameFacts, parseMonthName, parseQuarter } from './named-dates';
import type { MonthNameFacts } from './named-dates';
import type { QuarterPattern, TimeStyle } from './types';

/** How a time column is read. 'day-month' keeps both readings until the data decides. */
export type TimeFormat =
  | { kind: 'iso' }
  | { kind: 'year-month' }
  | { kind: 'year' }
  | { kind: 'day-month'; separator: string }
  | { kind: 'month-name' }
  | { kind: 'year-quarter' }
  | { kind: 'excel-serial'; withTime: boolean }
  | { kind: 'unix-seconds' }
  | { kind: 'unix-millis' };

/** What a user may force instead of detection. */
export type TimeFormatOption = 'auto' | 'iso' | 'year-month' | 'year' | 'day-first' | 'month-first'
  | 'month-name' | 'year-quarter' | 'excel-serial' | 'unix-seconds' | 'unix-millis';

const C_0 = 48;

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - C_0;
  return c >= 0 && c <= 9 ? c : -1;
}

/** Value of the run of 1..max digits at `i` (returned in `run`), or -1 when there is none. */
const run = { value: 0, end: 0 };
function digitsRun(s: string, i: number, b: number, max: number): boolean {
  let v = 0, j = i;
  while (j < b && j - i < max) {
    const d = digit(s, j);
    if (d < 0) break;
    v = v * 10 + d;
    j++;
  }
  if (j === i) return false;
  run.value = v;
  run.end = j;
  return true;
}

/** Char code at `i`, or -1 past the end `b` of the cell (cells are ranges of a longer text). */
function at(s: string, i: number, b: number): number {
  return i < b ? s.charCodeAt(i) : -1;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

/** Facts about the ISO cells seen, gathered on the sample to write timestamps back alike. */
export interface IsoFacts {
  dates: number;
  dateTimes: number;
  seconds: boolean;
  millis: boolean;
  zoneUtc: boolean;
  zoneOffset: boolean;
  lastOffsetMinutes: number;
  spaceSeparator: boolean;
  expanded: boolean;
  dateSeparator: string;
}

export function newIsoFacts(): IsoFacts {
  return { dates: 0, dateTimes: 0, seconds: false, millis: false, zoneUtc: false, zoneOffset: false,
    lastOffsetMinutes: 0, spaceSeparator: false, expanded: false, dateSeparator: '-' };
}

/** The UTC offset (minutes) of the last cell parseIso read with an explicit offset; 0 for Z or none. */
export const lastIsoOffset = { minutes: 0 };

/**
 * Epoch ms of an ISO 8601 date or date-time in `s[a, b)`, NaN when it is not one. Accepts
 * `YYYY-MM-DD`, expanded `±YYYYYY-MM-DD`, `YYYY/MM/DD`, then optionally `T` or a space,
 * `HH:MM[:SS[.fff]]` and `Z` / `±HH[:MM]`. Without a zone the wall clock is read as UTC, so
 * daylight-saving changes never create gaps or duplicates in the index.
 */
export function parseIso(s: string, a: number, b: number, facts: IsoFacts | null = null): number {
  lastIsoOffset.minutes = 0;
  while (a < b && isSpace(s.charCodeAt(a))) a++;
  while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
  let i = a;
  let year: number;
  let expanded = false;
  const c0 = at(s, i, b);
  if (c0 === 43 /* + */ || c0 === 45 /* - */) {
    if (!digitsRun(s, i + 1, b, 9) || run.end - (i + 1) < 4) return NaN;
    year = c0 === 45 ? -run.value : run.value;
    i = run.end;
    expanded = true;
  } else {
    if (!digitsRun(s, i, b, 4) || run.end - i !== 4) return NaN;
    year = run.value;
    i = run.end;
  }
  const sep = at(s, i, b);
  if (sep !== 45 /* - */ && sep !== 47 /* / */ && sep !== 46 /* . */) return NaN;
  if (expanded && sep !== 45) return NaN;
  if (!digitsRun(s, i + 1, b, 2)) return NaN;
  const month = run.value;
  i = run.end;
  if (at(s, i, b) !== sep || !digitsRun(s, i + 1, b, 2)) return NaN;
  const day = run.value;
  i = run.end;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  let ms = daysFromCivil(year, month, day) * MS_PER_DAY;
  if (facts !== null) {
    facts.expanded ||= expanded;
    facts.dateSeparator = String.fromCharCode(sep);
  }
  if (i === b) {
    if (facts !== null) facts.dates++;
    return ms;
  }
  const t = at(s, i, b);
  if (t !== 84 /* T */ && t !== 116 /* t */ && t !== 32) return NaN;
  if (facts !== null && t === 32) facts.spaceSeparator = true;
  const clock = parseClock(s, i + 1, b);
  if (clock < 0) return NaN;
  ms += clock;
  i = clockEnd;
  if (facts !== null) {
    facts.dateTimes++;
    facts.seconds ||= clockSeconds;
    facts.millis ||= clockMillis;
  }
  if (i === b) return ms;
  const z = at(s, i, b);
  if ((z === 90 /* Z */ || z === 122) && i + 1 === b) {
    if (facts !== null) facts.zoneUtc = true;
    return ms;
  }
  if (z !== 43 && z !== 45) return NaN;
  if (!digitsRun(s, i + 1, b, 2) || run.end - (i + 1) !== 2) return NaN;
  const oh = run.value;
  i = run.end;
  let om = 0;
  if (i < b) {
    if (at(s, i, b) === 58 /* : */) i++;
    if (!digitsRun(s, i, b, 2) || run.end - i !== 2) return NaN;
    om = run.value;
    i = run.end;
  }
  if (i !== b || oh > 18 || om > 59) return NaN;
  const offset = (z === 45 ? -1 : 1) * (oh * 60 + om);
  lastIsoOffset.minutes = offset;
  if (facts !== null) {
    facts.zoneOffset = true;
    facts.lastOffsetMinutes = offset;
  }
  return ms - offset * MS_PER_MINUTE;
}

let clockEnd = 0;
let clockSeconds = false;
let clockMillis = false;

/** `H[H]:MM[:SS[.fff]]` at `i`: ms after midnight, or -1. Sets clockEnd/clockSeconds/clockMillis. */
function parseClock(s: string, i: number, b: number): number {
  if (!digitsRun(s, i, b, 2)) return -1;
  const hour = run.value;
  i = run.end;
  if (at(s, i, b) !== 58 || !digitsRun(s, i + 1, b, 2) || run.end - (i + 1) !== 2) return -1;
  const minute = run.value;
  i = run.end;
  let second = 0, millis = 0;
  clockSeconds = false;
  clockMillis = false;
  if (at(s, i, b) === 58) {
    if (!digitsRun(s, i + 1, b, 2) || run.end - (i + 1) !== 2) return -1;
    second = run.value;
    i = run.end;
    clockSeconds = true;
    const f = at(s, i, b);
    if (f === 46 || f === 44) {
      let j = i + 1, scale = 100;
      while (j < b && digit(s, j) >= 0) {
        millis += digit(s, j) * scale;
        scale /= 10;
        j++;
      }
      if (j === i + 1) return -1;
      millis = Math.round(millis);
      clockMillis = true;
      i = j;
    }
  }
  if (hour > 23 || minute > 59 || second > 60) return -1;
  clockEnd = i;
  return hour * MS_PER_HOUR + minute * MS_PER_MINUTE + Math.min(second, 59) * 1000 + millis;
}

/** Facts about a separate time-of-day column, to write it back. */
export interface ClockFacts {
  seconds: boolean;
  twelveHour: boolean;
}

/**
 * A time-of-day cell `H:MM[:SS[.fff]]` with optional AM/PM (a "Time" column next to a "Date"
 * column): ms after midnight, NaN otherwise.
 */
export function parseClockCell(s: string, a: number, b: number, facts: ClockFacts | null = null): number {
  while (a < b && isSpace(s.charCodeAt(a))) a++;
  while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
  let clock = parseClock(s, a, b);
  if (clock < 0) return NaN;
  let i = clockEnd;
  const seconds = clockSeconds;
  while (i < b && at(s, i, b) === 32) i++;
  let twelveHour = false;
  if (i < b) {
    const m1 = at(s, i, b) | 32, m2 = at(s, i + 1, b) | 32;
    if (i + 2 !== b || (m1 !== 97 && m1 !== 112) || m2 !== 109) return NaN;
    const hour = Math.floor(clock / MS_PER_HOUR);
    if (hour < 1 || hour > 12) return NaN;
    if (m1 === 97 && hour === 12) clock -= 12 * MS_PER_HOUR;
    if (m1 === 112 && hour !== 12) clock += 12 * MS_PER_HOUR;
    twelveHour = true;
  }
  if (facts !== null) {
    facts.seconds ||= seconds;
    facts.twelveHour ||= twelveHour;
  }
  return clock;
}

/** `YYYY-MM` (or `YYYY/MM`): the first of that month. */
export function parseYearMonth(s: string, a: number, b: number): number {
  while (a < b && isSpace(s.charCodeAt(a))) a++;
  while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
  if (b - a !== 7) return NaN;
  if (!digitsRun(s, a, b, 4) || run.end !== a + 4) return NaN;
  const year = run.value;
  const sep = at(s, a + 4, b);
  if (sep !== 45 && sep !== 47) return NaN;
  if (!digitsRun(s, a + 5, b, 2) || run.end !== b) return NaN;
  const month = run.value;
  if (month < 1 || month > 12) return NaN;
  return daysFromCivil(year, month, 1) * MS_PER_DAY;
}

/** A year as a whole number (optionally signed, up to 6 digits): 1 January of it. */
export function parseYear(s: string, a: number, b: number): number {
  while (a < b && isSpace(s.charCodeAt(a))) a++;
  while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
  let i = a, sign = 1;
  const c = at(s, i, b);
  if (c === 45 || c === 43) {
    sign = c === 45 ? -1 : 1;
    i++;
  }
  if (!digitsRun(s, i, b, 6) || run.end !== b) return NaN;
  return daysFromCivil(sign * run.value, 1, 1) * MS_PER_DAY;
}

/** Facts about day/month cells, gathered on the sample. */
export interface DayMonthFacts {
  /** Some day or month written with one digit (1/5/2024), so writing back does not pad. */
  unpadded: boolean;
  shortYear: boolean;
  clock: 'none' | 'hh:mm' | 'hh:mm:ss';
  twelveHour: boolean;
}

export function newDayMonthFacts(): DayMonthFacts {
  return { unpadded: false, shortYear: false, clock: 'none', twelveHour: false };
}

/**
 * Splits `D/M/Y` (separator `/`, `-` or `.`, 2- or 4-digit year, optional time with AM/PM) into
 * out = [first, second, year, ms after midnight]. Returns false when the cell has another shape.
 * Two-digit years follow the POSIX strptime pivot: 69–99 → 1900s, 00–68 → 2000s.
 */
export function splitDayMonth(s: string, a: number, b: number, separator: number, out: Float64Array,
  facts: DayMonthFacts | null = null): boolean {
  while (a < b && isSpace(s.charCodeAt(a))) a++;
  while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
  if (!digitsRun(s, a, b, 2)) return false;
  const first = run.value;
  let unpadded = run.end - a === 1;
  let i = run.end;
  if (at(s, i, b) !== separator || !digitsRun(s, i + 1, b, 2)) return false;
  const second = run.value;
  unpadded ||= run.end - (i + 1) === 1;
  i = run.end;
  if (at(s, i, b) !== separator || !digitsRun(s, i + 1, b, 4)) return false;
  const yearDigits = run.end - (i + 1);
  if (yearDigits !== 2 && yearDigits !== 4) return false;
  let year = run.value;
  if (yearDigits === 2) year += year >= 69 ? 1900 : 2000;
  i = run.end;
  let clock = 0;
  let twelveHour = false;
  if (i < b) {
    const t = at(s, i, b);
    if (t !== 32 && t !== 84) return false;
    while (i < b && at(s, i, b) === 32) i++;
    if (t === 84) i++;
    const c = parseClock(s, i, b);
    if (c < 0) return false;
    clock = c;
    i = clockEnd;
    while (i < b && at(s, i, b) === 32) i++;
    if (i < b) {
      const m1 = at(s, i, b) | 32, m2 = at(s, i + 1, b) | 32;
      if (i + 2 !== b || (m1 !== 97 && m1 !== 112) || m2 !== 109) return false;
      const hour = Math.floor(clock / MS_PER_HOUR);
      if (hour < 1 || hour > 12) return false;
      if (m1 === 97 && hour === 12) clock -= 12 * MS_PER_HOUR; // 12:30 AM = 00:30
      if (m1 === 112 && hour !== 12) clock += 12 * MS_PER_HOUR;
      twelveHour = true;
    }
    if (facts !== null) {
      const precision = clockSeconds ? 'hh:mm:ss' : 'hh:mm';
      if (facts.clock !== 'hh:mm:ss') facts.clock = precision;
      facts.twelveHour ||= twelveHour;
    }
  }
  if (facts !== null) {
    facts.unpadded ||= unpadded;
    facts.shortYear ||= yearDigits === 2;
  }
  out[0] = first;
  out[1] = second;
  out[2] = year;
  out[3] = clock;
  return true;
}

/** Epoch ms of a split day/month cell read as day-first (or month-first), NaN if invalid. */
export function dayMonthToTime(parts: Float64Array, dayFirst: boolean): number {
  const day = dayFirst ? parts[0] : parts[1];
  const month = dayFirst ? parts[1] : parts[0];
  const year = parts[2];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  return daysFromCivil(year, month, day) * MS_PER_DAY + parts[3];
}

/** The separator of a day/month cell (`/`, `-` or `.`), or '' when the cell has none. */
export function dayMonthSeparator(cell: string): string {
  const m = /^\s*\d{1,2}([/.-])\d{1,2}\1(?:\d{4}|\d{2})(?:[ T].*)?$/.exec(cell);
  return m ? m[1] : '';
}

/** Excel's 1900 date system: day 25569 is 1970-01-01 (its 1900 leap-year bug only affects day 60). */
export function parseExcelSerial(s: string, a: number, b: number): number {
  const text = s.slice(a, b).trim();
  if (!/^\d+(?:\.\d+)?$/.test(text)) return NaN;
  return Math.round((Number(text) - 25569) * MS_PER_DAY / 1000) * 1000;
}

/** Unix time of a plain number cell, NaN otherwise. */
export function parseUnix(s: string, a: number, b: number, millis: boolean): number {
  const text = s.slice(a, b).trim();
  if (!/^-?\d+(?:\.\d+)?$/.test(text)) return NaN;
  const v = Number(text);
  return millis ? Math.round(v) : Math.round(v * 1000);
}

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

export interface TimeDetection {
  format: TimeFormat;
  /** Share of the non-empty sample cells this format reads. */
  share: number;
  /** Readings of the sample under the format (for ISO / day-month, facts to write times back). */
  iso?: IsoFacts;
  dayMonth?: DayMonthFacts;
  monthName?: MonthNameFacts;
  quarter?: QuarterPattern;
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

/**
 * The format that reads at least TIME_SHARE of the non-empty sample cells, or null. Years and
 * Unix times are plain numbers, so they are only considered for a time-like column name or
 * when forced; Unix magnitude decides seconds (1973–2286) vs milliseconds.
 */
export function detectTimeFormat(cells: readonly string[], nameIsTimeLike: boolean,
  forced: TimeFormatOption = 'auto'): TimeDetection | null {
  const values = cells.filter((c) => c.trim().length > 0);
  if (values.length === 0) return null;
  const shareOf = (read: (c: string) => boolean): number => {
    let ok = 0;
    for (const c of values) if (read(c)) ok++;
    return ok / values.length;
  };
  const want = (kind: TimeFormatOption): boolean => forced === 'auto' || forced === kind;
  if (want('iso')) {
    const facts = newIsoFacts();
    const share = shareOf((c) => !Number.isNaN(parseIso(c, 0, c.length, facts)));
    if (enoughShare(Math.round(share * values.length), values.length) || (forced === 'iso' && share > 0)) return { format: { kind: 'iso' }, share, iso: facts };
  }
  if (want('day-first') || want('month-first')) {
    const seps = new Map<string, number>();
    for (const c of values) {
      const sep = dayMonthSeparator(c);
      if (sep) seps.set(sep, (seps.get(sep) ?? 0) + 1);
    }
    let best = '', bestCount = 0;
    for (const [sep, count] of seps) if (count > bestCount) { best = sep; bestCount = count; }
    if (best) {
      const facts = newDayMonthFacts();
      const parts = new Float64Array(4);
      const code = best.charCodeAt(0);
      const share = shareOf((c) => splitDayMonth(c, 0, c.length, code, parts, facts)
        && (!Number.isNaN(dayMonthToTime(parts, true)) || !Number.isNaN(dayMonthToTime(parts, false))));
      if (enoughShare(Math.round(share * values.length), values.length) || (forced !== 'auto' && share > 0)) {
        return { format: { kind: 'day-month', separator: best }, share, dayMonth: facts };
      }
    }
  }
  if (want('year-month')) {
    const share = shareOf((c) => !Number.isNaN(parseYearMonth(c, 0, c.length)));
    if (enoughShare(Math.round(share * values.length), values.length) || (forced === 'year-month' && share > 0)) return { format: { kind: 'year-month' }, share };
  }
  if (want('month-name')) {
    const facts = newMonthNameFacts();
    const share = shareOf((c) => !Number.isNaN(parseMonthName(c, facts)));
    if (enoughShare(Math.round(share * values.length), values.length) || (forced === 'month-name' && share > 0)) return { format: { kind: 'month-name' }, share, monthName: facts };
  }
  if (want('year-quarter')) {
    const facts: { pattern: QuarterPattern | null } = { pattern: null };
    const share = shareOf((c) => !Number.isNaN(parseQuarter(c, facts)));
    if (enoughShare(Math.round(share * values.length), values.length) || (forced === 'year-quarter' && share > 0)) {
      return { format: { kind: 'year-quarter' }, share, quarter: facts.pattern ?? 'YYYY-Qq' };
    }
  }
  if (nameIsTimeLike || forced !== 'auto') {
    const nums = values.map((c) => c.trim()).filter((c) => /^-?\d+(?:\.\d+)?$/.test(c)).map(Number);
    const numShare = nums.length / values.length;
    if (enoughShare(nums.length, values.length) || (forced !== 'auto' && numShare > 0)) {
      const integers = nums.every((v) => Number.isInteger(v));
      const within = (lo: number, hi: number): boolean => nums.every((v) => Math.abs(v) >= lo && Math.abs(v) < hi);
      if (forced === 'unix-seconds' || (forced === 'auto' && within(1e8, 1e10))) {
        return { format: { kind: 'unix-seconds' }, share: numShare };
      }
      if (forced === 'unix-millis' || (forced === 'auto' && integers && within(1e11, 1e13))) {
        return { format: { kind: 'unix-millis' }, share: numShare };
      }
      // Spreadsheet day numbers (days since 1899-12-30): 20000–80000 is 1954–2119.
      if (forced === 'excel-serial' || (forced === 'auto' && within(20000, 80000) && nums.every((v) => v > 0))) {
        return { format: { kind: 'excel-serial', withTime: !integers }, share: numShare };
      }
      if (forced === 'year' || (forced === 'auto' && integers && within(100, 10000))) {
        return { format: { kind: 'year' }, share: numShare };
      }
    }
  }
  return null;
}

/** The style to write timestamps back in, from the detected format and the sample facts. */
export function styleOf(detection: TimeDetection, dayFirst: boolean): TimeStyle {
  const f = detection.format;
  switch (f.kind) {
    case 'iso': {
      const facts = detection.iso ?? newIsoFacts();
      if (facts.expanded) return { kind: 'expanded-year' };
      if (facts.dateTimes === 0) {
        return facts.dateSeparator === '-' ? { kind: 'iso-date' } : { kind: 'iso-date', separator: facts.dateSeparator };
      }
      const style: TimeStyle = {
        kind: 'iso-datetime',
        zone: facts.zoneOffset ? 'offset' : facts.zoneUtc ? 'utc' : 'none',
        seconds: facts.seconds || facts.millis,
        millis: facts.millis,
      };
      if (facts.spaceSeparator) style.separator = ' ';
      if (facts.zoneOffset) style.offsetMinutes = facts.lastOffsetMinutes;
      if (facts.dateSeparator !== '-') style.dateSeparator = facts.dateSeparator;
      return style;
    }
    case 'year-month': return { kind: 'year-month' };
    case 'year': return { kind: 'year' };
    case 'month-name': {
      const facts = detection.monthName ?? newMonthNameFacts();
      const style: TimeStyle = { kind: 'month-name', order: facts.order ?? 'my', separator: facts.separator, yearDigits: facts.yearDigits };
      if (facts.longNames) style.longNames = true;
      return style;
    }
    case 'year-quarter': return { kind: 'year-quarter', pattern: detection.quarter ?? 'YYYY-Qq' };
    case 'excel-serial':
      return f.withTime ? { kind: 'iso-datetime', zone: 'none', seconds: false, millis: false, separator: ' ' } : { kind: 'iso-date' };
    case 'unix-seconds': return { kind: 'unix-seconds' };
    case 'unix-millis': return { kind: 'unix-millis' };
    case 'day-month': {
      const facts = detection.dayMonth ?? newDayMonthFacts();
      const style: Extract<TimeStyle, { kind: 'day-first' }> | Extract<TimeStyle, { kind: 'month-first' }> =
        { kind: dayFirst ? 'day-first' : 'month-first', separator: f.separator };
      if (facts.unpadded) style.padded = false;
      if (facts.shortYear) style.yearDigits = 2;
      if (facts.clock !== 'none') style.clock = facts.clock;
      if (facts.twelveHour) style.twelveHour = true;
      return style;
    }
  }
}
