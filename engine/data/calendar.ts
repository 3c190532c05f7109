// Proleptic Gregorian calendar arithmetic on epoch days/milliseconds (UTC, astronomical years,
// so year 0 and negative years work). Date.UTC is avoided: it maps years 0–99 to 1900–1999.

export const MS_PER_SECOND = 1000;
export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a civil date (month 1–12). H. Hinnant's days_from_civil. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * Civil date of an epoch day, written into `out` as [year, month (1–12), day] so hot loops
 * need no allocation.
 */
export function civilFromDays(days: number, out: Int32Array | number[]): void {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  out[0] = yoe + era * 400 + (m <= 2 ? 1 : 0);
  out[1] = m;
  out[2] = d;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1];
}

/** Day of week of an epoch day: 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekday(days: number): number {
  return (((days + 3) % 7) + 7) % 7;
}

/** Epoch day of a timestamp (floor, so negative times land on the right day). */
export function dayOf(ms: number): number {
  return Math.floor(ms / MS_PER_DAY);
}

/** Milliseconds since midnight UTC. */
export function timeOfDay(ms: number): number {
  return ms - Math.floor(ms / MS_PER_DAY) * MS_PER_DAY;
}

/**
 * Business-day ordinal of a Monday–Friday epoch day: consecutive weekdays get consecutive
 * numbers (Friday n, Monday n + 1). Weekend days return NaN.
 */
export function businessOrdinal(days: number): number {
  const dow = weekday(days);
  if (dow >= 5) return NaN;
  const monday = days - dow;
  // Monday 1969-12-29 is epoch day −3; weeks counted from there.
  return ((monday + 3) / 7) * 5 + dow;
}

/** Inverse of businessOrdinal. */
export function daysFromBusinessOrdinal(ordinal: number): number {
  const week = Math.floor(ordinal / 5);
  const dow = ordinal - week * 5;
  return week * 7 - 3 + dow;
}

/** Month ordinal (year·12 + month − 1) of a timestamp, with the civil date in `civil`. */
export function monthOrdinal(ms: number, civil: Int32Array): number {
  civilFromDays(dayOf(ms), civil);
  return civil[0] * 12 + civil[1] - 1;
}

/**
 * Timestamp of the month `ordinal` (year·12 + month − 1) on `anchorDay` (clamped to the month's
 * length; 'end' = last day) at `timeMs` after midnight.
 */
export function timeAtMonth(ordinal: number, anchorDay: number | 'end', timeMs: number): number {
  const year = Math.floor(ordinal / 12);
  const month = ordinal - year * 12 + 1;
  const last = daysInMonth(year, month);
  const day = anchorDay === 'end' ? last : Math.min(anchorDay, last);
  return daysFromCivil(year, month, day) * MS_PER_DAY + timeMs;
}
