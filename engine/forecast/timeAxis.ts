// Timestamps of the forecast steps: the series' time index continued by its frequency
// (engine/data's calendar stepping: months keep their day, business days skip weekends).
import { nextTimes } from '../data/time-index';
import type { SeriesData } from '../models/types';

/** The `count` times after the series' last one. */
export function futureTimes(series: SeriesData, count: number): Float64Array {
  return nextTimes(series.time[series.time.length - 1], series.frequency, count);
}
