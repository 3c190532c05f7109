// Times written as plain numbers: years (1990), Unix seconds or milliseconds, spreadsheet day
// numbers. A number is only a time in a column named like one (or chosen by the user); the
// magnitude decides which: Unix seconds 1e8–1e10 (1973–2286), milliseconds 1e11–1e13, day
// numbers 20000–80000 (1954–2119), years 100–9999.
import { civilFromDays, dayOf, daysFromCivil, MS_PER_DAY } from '../calendar';
import type { TimeStyle } from '../types';
import { CellScanner, at, trimEnd, trimStart } from './scan';
import type { ColumnHint, StyleWriter, TimeCellReader, TimeDetection, TimeFormatSpec } from './spec';
import { enoughShare } from './spec';

const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;

/** The sample's plain-number cells as numbers and their share, when enough (or, forced, any). */
function plainNumbers(values: readonly string[], forced: boolean): { nums: number[]; share: number } | null {
  const nums = values.map((c) => c.trim()).filter((c) => PLAIN_NUMBER.test(c)).map(Number);
  const share = nums.length / values.length;
  return enoughShare(nums.length, values.length) || (forced && share > 0) ? { nums, share } : null;
}

const within = (nums: number[], lo: number, hi: number): boolean => nums.every((v) => Math.abs(v) >= lo && Math.abs(v) < hi);

/**
 * A plain-number format: chosen when forced, or on its own when the sample's magnitudes fit
 * (`fits`, told what is known of the column).
 */
function numberFormat<K extends string>(kind: K, example: string, cells: readonly string[],
  fits: (nums: number[], column: ColumnHint) => boolean,
  reader: (d: TimeDetection) => TimeCellReader, style: (d: TimeDetection) => TimeStyle,
  withTime = false): TimeFormatSpec<K> {
  return {
    kind,
    options: [kind],
    example,
    cells,
    plainNumbers: 'calendar',
    detect(values, forced, column) {
      const found = plainNumbers(values, forced !== 'auto');
      if (found === null || (forced === 'auto' && !fits(found.nums, column))) return null;
      const format = withTime ? { kind, withTime: !found.nums.every((v) => Number.isInteger(v)) } : { kind };
      return { format, share: found.share };
    },
    reader,
    style,
  };
}

/** Unix time of a plain number cell, NaN otherwise. */
export function parseUnix(s: string, a: number, b: number, millis: boolean): number {
  const text = s.slice(a, b).trim();
  if (!PLAIN_NUMBER.test(text)) return NaN;
  const v = Number(text);
  return millis ? Math.round(v) : Math.round(v * 1000);
}

/** Excel's 1900 date system: day 25569 is 1970-01-01 (its 1900 leap-year bug only affects day 60). */
export function parseExcelSerial(s: string, a: number, b: number): number {
  const text = s.slice(a, b).trim();
  if (!/^\d+(?:\.\d+)?$/.test(text)) return NaN;
  return Math.round((Number(text) - 25569) * MS_PER_DAY / 1000) * 1000;
}

class YearReader implements TimeCellReader {
  private readonly scan = new CellScanner();

  read(s: string, a: number, b: number): number {
    a = trimStart(s, a, b);
    b = trimEnd(s, a, b);
    let i = a, sign = 1;
    const c = at(s, i, b);
    if (c === 45 || c === 43) {
      sign = c === 45 ? -1 : 1;
      i++;
    }
    if (!this.scan.digits(s, i, b, 6) || this.scan.end !== b) return NaN;
    return daysFromCivil(sign * this.scan.value, 1, 1) * MS_PER_DAY;
  }
}

/** A year as a whole number (optionally signed, up to 6 digits): 1 January of it. */
export function parseYear(s: string, a: number, b: number): number {
  return new YearReader().read(s, a, b);
}

export const unixSecondsFormat = numberFormat('unix-seconds', 'Unix seconds', ['1706659200', '1706662800'], (n) => within(n, 1e8, 1e10),
  () => ({ read: (s, a, b) => parseUnix(s, a, b, false) }), () => ({ kind: 'unix-seconds' }));

export const unixMillisFormat = numberFormat('unix-millis', 'Unix milliseconds', ['1706659200000', '1706659260000'],
  (n) => n.every((v) => Number.isInteger(v)) && within(n, 1e11, 1e13),
  () => ({ read: (s, a, b) => parseUnix(s, a, b, true) }), () => ({ kind: 'unix-millis' }));

export const excelSerialFormat: TimeFormatSpec<'excel-serial'> = {
  ...numberFormat('excel-serial', 'spreadsheet day numbers', ['45322.5', '45323.5'],
    // Only in a column named like a date: a period index may well run through 20000–80000.
    (n, column) => column.timeNamed && within(n, 20000, 80000) && n.every((v) => v > 0),
    () => ({ read: parseExcelSerial }),
    (d) => (d.format.withTime ? { kind: 'iso-datetime', zone: 'none', seconds: false, millis: false, separator: ' ' } : { kind: 'iso-date' }),
    true),
  note: (column) => ({ severity: 'info', code: 'excel-serial-dates', column,
    message: `Column "${column}" holds spreadsheet day numbers (e.g. 45292 = 2024-01-01); they were read as dates.` }),
};

export const yearFormat: TimeFormatSpec<'year'> = {
  // A column named like a period index holds years only if they look like this era's.
  ...numberFormat('year', '2024', ['2023', '2024'],
    (n, column) => n.every((v) => Number.isInteger(v)) && (column.timeNamed ? within(n, 100, 10000) : within(n, 1000, 3000)),
    () => new YearReader(), () => ({ kind: 'year' })),
  yearsOnly: true,
};

type Style<K extends TimeStyle['kind']> = Extract<TimeStyle, { kind: K }>;

export const plainNumberWriters: {
  year: StyleWriter<Style<'year'>>;
  'unix-seconds': StyleWriter<Style<'unix-seconds'>>;
  'unix-millis': StyleWriter<Style<'unix-millis'>>;
} = {
  year: {
    format(ms) {
      const civil = [0, 0, 0];
      civilFromDays(dayOf(ms), civil);
      return String(civil[0]);
    },
    describe: () => 'YYYY',
  },
  'unix-seconds': { format: (ms) => String(ms / 1000), describe: () => 'Unix seconds' },
  'unix-millis': { format: (ms) => String(Math.round(ms)), describe: () => 'Unix milliseconds' },
};
