// Timestamps of the forecast steps: the series' time index continued by its frequency.
import {
  MS_PER_DAY,
  businessOrdinal,
  civilFromDays,
  dayOf,
  daysFromBusinessOrdinal,
  daysInMonth,
  monthOrdinal,
  timeAtMonth,
  timeOfDay,
} from '../data/calendar';
import type { Frequency } from '../data/types';
import type { SeriesData } from './features';

const FIXED_MS: Record<string, number> = {
  millisecond: 1,
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: MS_PER_DAY,
  week: 7 * MS_PER_DAY,
};

/** The `count` times after the series' last one. */
export function futureTimes(series: SeriesData, count: number): Float64Array {
  return stepTimes(series.time[series.time.length - 1], series.frequency, count);
}

/** The `count` times after `last` by `frequency` (calendar months keep the day, month ends stay month ends). */
export function stepTimes(last: number, frequency: Frequency, count: number): Float64Array {
  const out = new Float64Array(count);
  const step = Math.max(1, frequency.step);
  const fixed = FIXED_MS[frequency.unit];
  if (fixed !== undefined) {
    for (let k = 0; k < count; k++) out[k] = last + (k + 1) * step * fixed;
    return out;
  }
  const clock = timeOfDay(last);
  if (frequency.unit === 'business-day') {
    const ordinal = businessOrdinal(dayOf(last));
    for (let k = 0; k < count; k++) out[k] = daysFromBusinessOrdinal(ordinal + (k + 1) * step) * MS_PER_DAY + clock;
    return out;
  }
  const months = frequency.unit === 'month' ? step : frequency.unit === 'quarter' ? 3 * step : 12 * step;
  const civil = new Int32Array(3);
  const ordinal = monthOrdinal(last, civil);
  civilFromDays(dayOf(last), civil);
  const anchor = civil[2] === daysInMonth(civil[0], civil[1]) && civil[2] > 28 ? 'end' : civil[2];
  for (let k = 0; k < count; k++) out[k] = timeAtMonth(ordinal + (k + 1) * months, anchor, clock);
  return out;
}
