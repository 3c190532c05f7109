// Public holidays as a known covariate, against dates anyone can check: the US (federal and
// California), Germany (Bavaria's Epiphany, which Berlin does not keep), Great Britain
// (England's bank holidays) and Japan; daily, hourly and weekly rows.
import { describe, expect, it } from 'vitest';
import { makeFrequency } from '../../../engine/data/time-index';
import { holidayFeature, holidayStates, parseHolidayRegion } from '../../../engine/forecast/holidays';
import { resolveSettings } from '../../../engine/forecast/settings';
import { ForecastInputError } from '../../../engine/models/errors';
import { promotionDataset } from './promotion';

const daily = makeFrequency('day', 1);
const day = (date: string) => Date.parse(`${date}T00:00:00Z`);
/** The holiday feature on each date of `dates` for `code`. */
const on = (code: string, dates: string[]) => Array.from(holidayFeature(dates.map(day), daily, parseHolidayRegion(code)));

describe('holidayFeature', () => {
  it('marks US federal holidays and California’s own (César Chávez Day), not ordinary days', () => {
    expect(on('US', ['2024-07-04', '2024-11-28', '2024-12-25', '2024-01-15', '2024-07-05', '2024-03-31'])).toEqual([1, 1, 1, 1, 0, 0]);
    expect(on('US-CA', ['2024-03-31', '2024-07-04'])).toEqual([1, 1]);
  });

  it('marks Epiphany (6 January) in Bavaria but not in Berlin, and German Unity Day in both', () => {
    expect(on('DE-BY', ['2024-01-06', '2024-10-03', '2024-10-04'])).toEqual([1, 1, 0]);
    expect(on('DE-BE', ['2024-01-06', '2024-10-03'])).toEqual([0, 1]);
  });

  it('marks England’s bank holidays (Easter Monday, the summer bank holiday), not Mother’s Day', () => {
    expect(on('GB-ENG', ['2024-04-01', '2024-08-26', '2024-03-10', '2024-12-26'])).toEqual([1, 1, 0, 1]);
  });

  it('marks Japan’s Constitution Memorial Day and a substitute holiday', () => {
    expect(on('JP', ['2024-05-03', '2024-02-12', '2024-02-13'])).toEqual([1, 1, 0]);
  });

  it('marks every hour of a holiday in hourly data, and counts holiday dates in each week of weekly data', () => {
    const hours = [day('2024-07-04') + 13 * 3_600_000, day('2024-07-05') + 1 * 3_600_000];
    expect(Array.from(holidayFeature(hours, makeFrequency('hour', 1), parseHolidayRegion('US')))).toEqual([1, 0]);
    const weeks = [day('2024-12-23'), day('2024-12-30'), day('2024-07-08')];
    const weekly = makeFrequency('week', 1);
    expect(Array.from(holidayFeature(weeks, weekly, parseHolidayRegion('US')))).toEqual([1, 1, 0]); // Christmas; New Year
    expect(Array.from(holidayFeature(weeks, weekly, parseHolidayRegion('GB-ENG')))).toEqual([2, 1, 0]); // + Boxing Day
  });
});

describe('holiday regions', () => {
  it('accepts codes in any case and names them', () => {
    expect(parseHolidayRegion('us-ca')).toMatchObject({ code: 'US-CA', country: 'US', state: 'CA', name: 'United States of America, California' });
    expect(holidayStates('DE')).toHaveProperty('BY');
  });

  it('refuses an unknown country saying how to find codes, and an unknown state listing the country’s', () => {
    expect(() => parseHolidayRegion('XX')).toThrow(/"XX" is not a country or region with holiday tables\. Codes are ISO 3166 country codes/);
    expect(() => parseHolidayRegion('DE-ZZ')).toThrow(/Germany has no state or region "ZZ" with holiday tables; its codes are DE-BB, .*DE-BY/);
  });

  it('is checked with the settings, named as the caller names the setting, and refused for monthly data', () => {
    const ds = promotionDataset({ days: 60 });
    expect(resolveSettings(ds, { holidays: 'us' }).holidays).toBe('US');
    expect(() => resolveSettings(ds, { holidays: 'Atlantis' }, (f) => `--${f}`)).toThrow(/^--holidays: "Atlantis" is not a country/);
    const monthly = { ...ds, frequency: makeFrequency('month', 1, 1), season: 12 };
    let error: unknown;
    try {
      resolveSettings(monthly, { holidays: 'US' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ForecastInputError);
    expect((error as Error).message).toMatch(/holidays are features of daily, hourly and weekly data; promotion\.csv is monthly/);
  });
});
