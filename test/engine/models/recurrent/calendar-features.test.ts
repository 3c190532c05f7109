// Calendar features: phases come from the date, not from the row number, and each frequency
// gets the features it has.
import { describe, expect, it } from 'vitest';
import { absoluteStep, calendarFeatureNames, calendarFeatures } from '../../../../engine/models/recurrent/calendar-features';
import { futureTimes } from '../../../../engine/forecast/timeAxis';
import type { SeriesData } from '../../../../engine/models/types';
import type { Frequency } from '../../../../engine/data/types';

const monthly: Frequency = { unit: 'month', step: 1, label: 'monthly' };
const halfHourly: Frequency = { unit: 'minute', step: 30, label: 'half-hourly' };
const daily: Frequency = { unit: 'day', step: 1, label: 'daily' };

describe('calendar features', () => {
  it('give monthly data only the season phase, equal for the same month in any year', () => {
    expect(calendarFeatureNames(monthly, 12)).toEqual(['season_sin', 'season_cos']);
    const jan1980 = Date.UTC(1980, 0, 1);
    const jan1994 = Date.UTC(1994, 0, 1);
    const apr1994 = Date.UTC(1994, 3, 1);
    const f = calendarFeatures([jan1980, jan1994, apr1994], monthly, 12, ['season_sin', 'season_cos']);
    expect(f[0]).toBeCloseTo(f[2], 6);
    expect(f[1]).toBeCloseTo(f[3], 6);
    // April is a quarter of a year after January: the phase turns by 90°
    expect(Math.atan2(f[4], f[5]) - Math.atan2(f[0], f[1])).toBeCloseTo(Math.PI / 2, 5);
  });

  it('give half-hourly data with a daily season the day of week and a weekend flag', () => {
    expect(calendarFeatureNames(halfHourly, 48)).toEqual(['season_sin', 'season_cos', 'week_sin', 'week_cos', 'weekend']);
    expect(calendarFeatureNames(halfHourly, 336)).toEqual(['season_sin', 'season_cos', 'day_sin', 'day_cos', 'weekend']);
    const saturdayNoon = Date.UTC(2000, 7, 26, 12);
    const mondayNoon = Date.UTC(2000, 7, 28, 12);
    const f = calendarFeatures([saturdayNoon, mondayNoon], halfHourly, 48, ['weekend']);
    expect(Array.from(f)).toEqual([1, 0]);
  });

  it('give rows without a time column no clock features (their steps are row numbers)', () => {
    const rowNumbers: Frequency = { unit: 'millisecond', step: 1, label: 'row number' };
    expect(calendarFeatureNames(rowNumbers, 1)).toEqual([]);
    expect(calendarFeatureNames(rowNumbers, 12)).toEqual(['season_sin', 'season_cos']);
  });

  it('count daily and business-day phases from a fixed origin', () => {
    expect(calendarFeatureNames(daily, 7)).toEqual(['season_sin', 'season_cos', 'weekend']);
    const monday = Date.UTC(2024, 0, 1);
    const nextMonday = Date.UTC(2024, 0, 8);
    expect(absoluteStep(nextMonday, daily) - absoluteStep(monday, daily)).toBe(7);
    const bday: Frequency = { unit: 'business-day', step: 1, label: 'business-daily' };
    const friday = Date.UTC(2024, 0, 5);
    expect(absoluteStep(nextMonday, bday) - absoluteStep(friday, bday)).toBe(1);
    expect(absoluteStep(nextMonday, bday) - absoluteStep(monday, bday)).toBe(5);
  });
});

describe('future time steps', () => {
  const series = (last: number, frequency: Frequency): SeriesData => ({
    time: Float64Array.of(last),
    target: Float64Array.of(1),
    covariates: [],
    covariateNames: [],
    frequency,
    season: 1,
  });
  const days = (times: Float64Array) => Array.from(times, (t) => new Date(t).toISOString().slice(0, 10));
  it('continue months after the last row', () => {
    expect(days(futureTimes(series(Date.UTC(1994, 7, 1), monthly), 3))).toEqual(['1994-09-01', '1994-10-01', '1994-11-01']);
  });
  it('skip weekends for business days and step sub-daily data by its step', () => {
    const bday: Frequency = { unit: 'business-day', step: 1, label: 'business-daily' };
    expect(days(futureTimes(series(Date.UTC(1989, 2, 31), bday), 2))).toEqual(['1989-04-03', '1989-04-04']);
    const last = Date.UTC(2000, 7, 27, 23, 30);
    expect(new Date(futureTimes(series(last, halfHourly), 1)[0]).toISOString()).toBe('2000-08-28T00:00:00.000Z');
  });
});
