// Numbers, dates, durations and sizes in the user's locale (Intl). Dataset times are epoch ms
// on the UTC wall clock (engine/data), so dates are always formatted in UTC: 1 Jan 00:00 in the
// file shows as 1 Jan 00:00 here, whatever this computer's time zone.
import { isNumberedIndex, ROW_NUMBER_FREQUENCY } from '../../engine/data/time-index';
import type { Frequency } from '../../engine/data/types';

const locale = undefined; // the user's (navigator.language)

const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });

export function formatInteger(n: number): string {
  return Number.isFinite(n) ? integer.format(n) : '—';
}

export function formatPercent(fraction: number): string {
  return Number.isFinite(fraction) ? percent.format(fraction) : '—';
}

const significantCache = new Map<number, Intl.NumberFormat>();

/** A measured value with `digits` significant digits (but never more decimals than needed). */
export function formatNumber(x: number, digits = 4): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  let f = significantCache.get(digits);
  if (f === undefined) {
    // Large values keep their integer digits (12 345, not 12 350).
    f = new Intl.NumberFormat(locale, { maximumSignificantDigits: digits });
    significantCache.set(digits, f);
  }
  return Math.abs(x) >= 10 ** digits ? integer.format(x) : f.format(x);
}

/** A loss or metric: 3 significant digits. */
export const formatMetric = (x: number): string => formatNumber(x, 3);

/** How to show one point in time for data of this frequency. */
function dateOptions(frequency: Frequency | null): Intl.DateTimeFormatOptions {
  const base: Intl.DateTimeFormatOptions = { timeZone: 'UTC' };
  switch (frequency?.unit) {
    case 'year':
      return { ...base, year: 'numeric' };
    case 'quarter':
    case 'month':
      return { ...base, year: 'numeric', month: 'short' };
    case 'week':
    case 'day':
    case 'business-day':
      return { ...base, dateStyle: 'medium' };
    case 'hour':
    case 'minute':
      return { ...base, dateStyle: 'medium', timeStyle: 'short' };
    case 'second':
    case 'millisecond':
      return { ...base, dateStyle: 'medium', timeStyle: 'medium' };
    default:
      return { ...base, dateStyle: 'medium', timeStyle: 'short' };
  }
}

const dateCache = new Map<string, Intl.DateTimeFormat>();

/**
 * True when `frequency` is one of the engine's numbered indexes — row numbers (no time column) or
 * a time column of period numbers (1, 2, 3, …) — whose times are counts, not epoch milliseconds.
 */
export function isNumberedTime(frequency: Frequency | null): boolean {
  return frequency !== null && isNumberedIndex(frequency);
}

export function formatTimestamp(ms: number, frequency: Frequency | null): string {
  if (!Number.isFinite(ms)) return '—';
  if (frequency !== null && isNumberedTime(frequency)) {
    return `${frequency.label === ROW_NUMBER_FREQUENCY.label ? 'Row' : 'Period'} ${integer.format(ms)}`;
  }
  const key = frequency ? `${frequency.unit}` : 'none';
  let f = dateCache.get(key);
  if (f === undefined) {
    f = new Intl.DateTimeFormat(locale, dateOptions(frequency));
    dateCache.set(key, f);
  }
  const text = f.format(ms);
  if (frequency?.unit === 'quarter') return `Q${Math.floor(new Date(ms).getUTCMonth() / 3) + 1} ${new Date(ms).getUTCFullYear()}`;
  return text;
}

/** 1 h 05 min, 42 s, 850 ms: for elapsed times and ETAs. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${integer.format(bytes)} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: value < 10 ? 1 : 0 }).format(value)} ${units[unit]}`;
}

/** "1 row" / "2 rows", with the count in the user's locale. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${formatInteger(n)} ${n === 1 ? word : many}`;
}
