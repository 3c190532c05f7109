// Day/month dates: 31/01/2024, 01.31.24, 1-31-2024 1:05 PM. Read both ways (day-first and
// month-first) until the whole column decides (a field above 12, or the regular reading).
// Two-digit years follow the POSIX strptime pivot: 69–99 → 1900s, 00–68 → 2000s.
import { civilFromDays, dayOf, daysFromCivil, daysInMonth, MS_PER_DAY, MS_PER_HOUR, timeOfDay } from '../calendar';
import type { TimeStyle } from '../types';
import { clockText, pad } from './iso';
import { at, CellScanner, trimEnd, trimStart } from './scan';
import { shareOf } from './spec';
import type { StyleWriter, TimeDetection, TimeFormatSpec, TwoReadingCellReader } from './spec';

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

/** Splits day/month cells into their fields; one per reader (it keeps its scanner). */
class DayMonthSplitter {
  private readonly scan = new CellScanner();

  /**
   * Splits `D/M/Y` (separator `/`, `-` or `.`, 2- or 4-digit year, optional time with AM/PM)
   * into out = [first, second, year, ms after midnight]. False when the cell has another shape.
   */
  split(s: string, a: number, b: number, separator: number, out: Float64Array, facts: DayMonthFacts | null): boolean {
    const scan = this.scan;
    a = trimStart(s, a, b);
    b = trimEnd(s, a, b);
    if (!scan.digits(s, a, b, 2)) return false;
    const first = scan.value;
    let unpadded = scan.end - a === 1;
    let i = scan.end;
    if (at(s, i, b) !== separator || !scan.digits(s, i + 1, b, 2)) return false;
    const second = scan.value;
    unpadded ||= scan.end - (i + 1) === 1;
    i = scan.end;
    if (at(s, i, b) !== separator || !scan.digits(s, i + 1, b, 4)) return false;
    const yearDigits = scan.end - (i + 1);
    if (yearDigits !== 2 && yearDigits !== 4) return false;
    let year = scan.value;
    if (yearDigits === 2) year += year >= 69 ? 1900 : 2000;
    i = scan.end;
    let clock = 0;
    if (i < b) {
      const t = at(s, i, b);
      if (t !== 32 && t !== 84) return false;
      while (i < b && at(s, i, b) === 32) i++;
      if (t === 84) i++;
      const c = scan.clock(s, i, b);
      if (c < 0) return false;
      clock = scan.meridiem(s, scan.clockEnd, b, c);
      if (clock < 0) return false;
      if (facts !== null) {
        const precision = scan.clockSeconds ? 'hh:mm:ss' : 'hh:mm';
        if (facts.clock !== 'hh:mm:ss') facts.clock = precision;
        facts.twelveHour ||= scan.twelveHour;
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
}

/** See DayMonthSplitter.split. */
export function splitDayMonth(s: string, a: number, b: number, separator: number, out: Float64Array,
  facts: DayMonthFacts | null = null): boolean {
  return new DayMonthSplitter().split(s, a, b, separator, out, facts);
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

/** Reads day-first (returned) and month-first (`second`), counting cells invalid either way. */
class DayMonthReader implements TwoReadingCellReader {
  private readonly splitter = new DayMonthSplitter();
  private readonly parts = new Float64Array(4);
  private readonly separator: number;
  second = NaN;
  invalidFirst = 0;
  invalidSecond = 0;
  firstInvalidFirst: { line: number; text: string } | undefined;
  firstInvalidSecond: { line: number; text: string } | undefined;

  constructor(separator: string) {
    this.separator = separator.charCodeAt(0);
  }

  read(s: string, a: number, b: number, line: number): number {
    if (!this.splitter.split(s, a, b, this.separator, this.parts, null)) {
      this.second = NaN;
      return NaN;
    }
    const t = dayMonthToTime(this.parts, true);
    const m = dayMonthToTime(this.parts, false);
    this.second = m;
    if (t !== t) {
      this.invalidFirst++;
      this.firstInvalidFirst ??= { line, text: s.slice(a, b).trim() };
    }
    if (m !== m) {
      this.invalidSecond++;
      this.firstInvalidSecond ??= { line, text: s.slice(a, b).trim() };
    }
    return t;
  }
}

const factsOf = (d: TimeDetection): DayMonthFacts => (d.facts as DayMonthFacts | undefined) ?? newDayMonthFacts();

export const dayMonthFormat: TimeFormatSpec<'day-first' | 'month-first'> = {
  kind: 'day-month',
  options: ['day-first', 'month-first'],
  example: '31/01/2024, 01/31/2024',
  cells: ['31.01.24 1:05 PM', '01.02.24 1:05 PM'],
  twoReadings: true,
  detect(values, forced) {
    const seps = new Map<string, number>();
    for (const c of values) {
      const sep = dayMonthSeparator(c);
      if (sep) seps.set(sep, (seps.get(sep) ?? 0) + 1);
    }
    let best = '', bestCount = 0;
    for (const [sep, count] of seps) if (count > bestCount) { best = sep; bestCount = count; }
    if (!best) return null;
    const facts = newDayMonthFacts();
    const splitter = new DayMonthSplitter();
    const parts = new Float64Array(4);
    const code = best.charCodeAt(0);
    const share = shareOf(values, (c) => splitter.split(c, 0, c.length, code, parts, facts)
      && (!Number.isNaN(dayMonthToTime(parts, true)) || !Number.isNaN(dayMonthToTime(parts, false))), forced !== 'auto');
    return share === null ? null : { format: { kind: 'day-month', separator: best }, share, facts };
  },
  reader: (detection) => new DayMonthReader(detection.format.separator ?? '/'),
  style(detection, dayFirst) {
    const facts = factsOf(detection);
    const style: Extract<TimeStyle, { kind: 'day-first' | 'month-first' }> =
      { kind: dayFirst ? 'day-first' : 'month-first', separator: detection.format.separator ?? '/' };
    if (facts.unpadded) style.padded = false;
    if (facts.shortYear) style.yearDigits = 2;
    if (facts.clock !== 'none') style.clock = facts.clock;
    if (facts.twelveHour) style.twelveHour = true;
    return style;
  },
  dateOnly: (detection) => factsOf(detection).clock === 'none',
};

// ---------------------------------------------------------------------------------------------
// Writing.

type DayMonthStyle = Extract<TimeStyle, { kind: 'day-first' | 'month-first' }>;

function formatDayMonth(ms: number, style: DayMonthStyle): string {
  const civil = [0, 0, 0];
  civilFromDays(dayOf(ms), civil);
  const width = style.padded === false ? 1 : 2;
  const day = pad(civil[2], width);
  const month = pad(civil[1], width);
  const year = style.yearDigits === 2 ? pad(((civil[0] % 100) + 100) % 100, 2) : String(civil[0]);
  const sep = style.separator;
  let out = style.kind === 'day-first' ? `${day}${sep}${month}${sep}${year}` : `${month}${sep}${day}${sep}${year}`;
  if (style.clock) {
    const seconds = style.clock === 'hh:mm:ss';
    if (style.twelveHour) {
      const tod = timeOfDay(ms);
      const h24 = Math.floor(tod / MS_PER_HOUR);
      const h12 = h24 % 12 === 0 ? 12 : h24 % 12;
      const rest = clockText(ms, seconds, false).slice(2);
      out += ` ${h12}${rest} ${h24 < 12 ? 'AM' : 'PM'}`;
    } else {
      out += ` ${clockText(ms, seconds, false)}`;
    }
  }
  return out;
}

function describeDayMonth(style: DayMonthStyle): string {
  const s = style.separator;
  const y = style.yearDigits === 2 ? 'YY' : 'YYYY';
  const d = style.kind === 'day-first' ? `DD${s}MM${s}${y}` : `MM${s}DD${s}${y}`;
  return style.clock ? `${d} hh:mm${style.clock === 'hh:mm:ss' ? ':ss' : ''}${style.twelveHour ? ' AM/PM' : ''}` : d;
}

export const dayMonthWriters: {
  'day-first': StyleWriter<Extract<TimeStyle, { kind: 'day-first' }>>;
  'month-first': StyleWriter<Extract<TimeStyle, { kind: 'month-first' }>>;
} = {
  'day-first': { format: formatDayMonth, describe: describeDayMonth },
  'month-first': { format: formatDayMonth, describe: describeDayMonth },
};
