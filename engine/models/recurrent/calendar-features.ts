// Calendar inputs from the time index: sine/cosine of the position in the season, and, where
// the frequency has them, time of day, day of week and a weekend flag. Positions are counted
// from a fixed origin (not from the first row), so a saved model sees the same phases on a
// new file that starts elsewhere.
import type { Frequency, FrequencyUnit } from '../../data/types';

/** Every calendar feature a network may read, in channel order. */
export const CALENDAR_FEATURES = ['season_sin', 'season_cos', 'day_sin', 'day_cos', 'week_sin', 'week_cos', 'weekend'] as const;

export type CalendarFeature = (typeof CALENDAR_FEATURES)[number];

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** Length of one step in ms for fixed-length units (undefined for months, quarters, years, business days). */
const FIXED_UNIT_MS: Partial<Record<FrequencyUnit, number>> = {
  millisecond: 1,
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: DAY_MS,
  week: WEEK_MS,
};

/** Which calendar features a series of this frequency and season gets. */
export function calendarFeatureNames(frequency: Frequency, season: number): CalendarFeature[] {
  const names: CalendarFeature[] = [];
  if (season > 1) names.push('season_sin', 'season_cos');
  const unitMs = FIXED_UNIT_MS[frequency.unit];
  const stepMs = unitMs === undefined ? undefined : unitMs * frequency.step;
  const seasonMs = stepMs === undefined ? undefined : stepMs * season;
  // Clock phases need a clock: steps under a second are row numbers (files without a time
  // column) or sensor samples, where a day spans millions of steps and a phase means nothing.
  const subDaily = stepMs !== undefined && stepMs >= 1000 && stepMs < DAY_MS;
  const daily = frequency.unit === 'day' && frequency.step === 1;
  // A season that is exactly one day (or one week) already gives that phase.
  if (subDaily && seasonMs !== DAY_MS) names.push('day_sin', 'day_cos');
  if ((subDaily || daily) && seasonMs !== WEEK_MS) names.push('week_sin', 'week_cos');
  if (subDaily || daily) names.push('weekend');
  return names;
}

/**
 * Calendar features for every time in `time` (epoch ms, UTC wall clock), row-major
 * (T, names.length), as Float32.
 */
export function calendarFeatures(
  time: ArrayLike<number>,
  frequency: Frequency,
  season: number,
  names: readonly CalendarFeature[],
): Float32Array {
  const C = names.length;
  const out = new Float32Array(time.length * C);
  if (C === 0) return out;
  for (let t = 0; t < time.length; t++) {
    const ms = time[t];
    const seasonPhase = season > 1 ? positiveMod(absoluteStep(ms, frequency), season) / season : 0;
    const dayPhase = positiveMod(ms, DAY_MS) / DAY_MS;
    const dayOfWeek = mondayBasedDayOfWeek(ms);
    const weekPhase = (dayOfWeek + dayPhase) / 7;
    for (let c = 0; c < C; c++) {
      let v: number;
      switch (names[c]) {
        case 'season_sin': v = Math.sin(2 * Math.PI * seasonPhase); break;
        case 'season_cos': v = Math.cos(2 * Math.PI * seasonPhase); break;
        case 'day_sin': v = Math.sin(2 * Math.PI * dayPhase); break;
        case 'day_cos': v = Math.cos(2 * Math.PI * dayPhase); break;
        case 'week_sin': v = Math.sin(2 * Math.PI * weekPhase); break;
        case 'week_cos': v = Math.cos(2 * Math.PI * weekPhase); break;
        case 'weekend': v = dayOfWeek >= 5 ? 1 : 0; break;
      }
      out[t * C + c] = v;
    }
  }
  return out;
}

/**
 * The number of frequency steps from a fixed origin (1970-01-01 / year 0) to `ms`, so that
 * (absoluteStep mod season) is the position in the season whatever row a file starts on.
 */
export function absoluteStep(ms: number, frequency: Frequency): number {
  const step = Math.max(1, frequency.step);
  const unitMs = FIXED_UNIT_MS[frequency.unit];
  if (unitMs !== undefined) {
    // Weeks count from a Monday (1970-01-05) so weekly phases do not depend on the epoch's Thursday.
    const origin = frequency.unit === 'week' ? 4 * DAY_MS : 0;
    return Math.floor(Math.round((ms - origin) / unitMs) / step);
  }
  const date = new Date(ms);
  const months = date.getUTCFullYear() * 12 + date.getUTCMonth();
  switch (frequency.unit) {
    case 'month': return Math.floor(months / step);
    case 'quarter': return Math.floor(months / (3 * step));
    case 'year': return Math.floor(date.getUTCFullYear() / step);
    case 'business-day': {
      const days = Math.floor(ms / DAY_MS);
      const dow = mondayBasedDayOfWeek(ms);
      const mondayDays = days - dow;
      return Math.floor((5 * Math.round(mondayDays / 7) + Math.min(dow, 5)) / step);
    }
    default:
      throw new RangeError(`Unknown frequency unit "${frequency.unit}".`);
  }
}

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
function mondayBasedDayOfWeek(ms: number): number {
  return positiveMod(Math.floor(ms / DAY_MS) + 3, 7);
}

function positiveMod(a: number, m: number): number {
  return ((a % m) + m) % m;
}
