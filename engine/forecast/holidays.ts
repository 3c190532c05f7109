// Public holidays of a country (and state or region) as a covariate known in advance, from the
// offline `date-holidays` tables: for daily and sub-daily rows 1 on a holiday's date and 0
// otherwise; for weekly rows the number of holiday dates in the week the row starts.
// Dates compare as wall-clock dates: the time index is UTC wall clock (engine/data).
import Holidays from 'date-holidays';
import type { Frequency } from '../data/types';
import { ForecastInputError } from '../models/errors';

const DAY_MS = 86_400_000;

/** A place whose public holidays are known: ISO country code, then optional state and region codes. */
export interface HolidayRegion {
  /** "US-CA": country, state and region joined by "-", as written in settings and model files. */
  code: string;
  country: string;
  state?: string;
  region?: string;
  /** "United States, California", for messages and the app's picker. */
  name: string;
}

const HOW_TO_FIND =
  'Codes are ISO 3166 country codes with an optional state or region after a dash (e.g. US, US-CA, DE-BY, GB-ENG); ' +
  'the app lists them in its holiday picker (engine: holidayCountries() and holidayStates(country)).';

/** Every country with holiday tables, code → name. */
export function holidayCountries(): Record<string, string> {
  return new Holidays().getCountries('en');
}

/** The states (or provinces, regions) of a country with their own holidays, code → name; {} when none. */
export function holidayStates(country: string): Record<string, string> {
  return new Holidays().getStates(country.toUpperCase(), 'en') ?? {};
}

/** Checks a code such as "US-CA" against the holiday tables; throws a message that lists choices. */
export function parseHolidayRegion(code: string): HolidayRegion {
  const parts = code.trim().split('-');
  const dh = new Holidays();
  const countries = dh.getCountries('en');
  const country = parts[0].toUpperCase();
  if (!(country in countries) || parts.length > 3 || parts.some((p) => p === '')) {
    throw new ForecastInputError(`"${code}" is not a country or region with holiday tables. ${HOW_TO_FIND}`, { field: 'holidays' });
  }
  const region: HolidayRegion = { code: country, country, name: countries[country] };
  if (parts.length > 1) {
    const states = dh.getStates(country, 'en') ?? {};
    const state = Object.keys(states).find((s) => s.toUpperCase() === parts[1].toUpperCase());
    if (state === undefined) {
      const list = Object.keys(states);
      throw new ForecastInputError(
        `${countries[country]} has no state or region "${parts[1]}" with holiday tables; ` +
          (list.length ? `its codes are ${list.map((s) => `${country}-${s}`).join(', ')}.` : `use "${country}" alone.`),
        { field: 'holidays' },
      );
    }
    region.state = state;
    region.code += `-${state}`;
    region.name += `, ${states[state]}`;
    if (parts.length > 2) {
      const regions = dh.getRegions(country, state, 'en') ?? {};
      const sub = Object.keys(regions).find((r) => r.toUpperCase() === parts[2].toUpperCase());
      if (sub === undefined) {
        const list = Object.keys(regions);
        throw new ForecastInputError(
          `${region.name} has no region "${parts[2]}" with holiday tables; ` +
            (list.length ? `its codes are ${list.map((r) => `${region.code}-${r}`).join(', ')}.` : `use "${region.code}".`),
          { field: 'holidays' },
        );
      }
      region.region = sub;
      region.code += `-${sub}`;
      region.name += `, ${regions[sub]}`;
    }
  }
  return region;
}

/** The name of the holiday covariate of a region, e.g. "holidays US-CA". */
export function holidayColumnName(code: string): string {
  return `holidays ${code}`;
}

/** Holidays are features of rows a day long or shorter, or a week long. */
export function holidaysApply(frequency: Frequency): boolean {
  const { unit, step } = frequency;
  if (unit === 'week') return step === 1;
  if (unit === 'day') return step === 1;
  return unit === 'business-day' || unit === 'hour' || unit === 'minute' || unit === 'second';
}

/** Public holiday dates as day numbers (days since 1970-01-01), per year, for one region. */
class HolidayCalendar {
  private readonly tables: Holidays;
  private readonly years = new Map<number, Set<number>>();

  constructor(region: HolidayRegion) {
    const options = { types: ['public' as const] };
    this.tables =
      region.state === undefined
        ? new Holidays(region.country, options)
        : region.region === undefined
          ? new Holidays(region.country, region.state, options)
          : new Holidays(region.country, region.state, region.region, options);
  }

  isHoliday(day: number): boolean {
    const year = new Date(day * DAY_MS).getUTCFullYear();
    let days = this.years.get(year);
    if (days === undefined) {
      days = new Set();
      // A holiday may straddle the new year: read the neighbours' tables too.
      for (const y of [year - 1, year, year + 1]) {
        for (const h of this.tables.getHolidays(y)) {
          if (h.type !== 'public') continue;
          const first = Math.floor(Date.parse(h.date.slice(0, 10) + 'T00:00:00Z') / DAY_MS);
          const length = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY_MS));
          for (let d = first; d < first + length; d++) days.add(d);
        }
      }
      this.years.set(year, days);
    }
    return days.has(day);
  }
}

/**
 * The holiday covariate at each time (epoch ms, UTC wall clock): 1 on a public holiday's date
 * (daily, business-day and sub-daily rows), or the number of holiday dates in the 7 days from
 * the row's date (weekly rows).
 */
export function holidayFeature(time: ArrayLike<number>, frequency: Frequency, region: HolidayRegion): Float64Array {
  if (!holidaysApply(frequency)) {
    throw new ForecastInputError(
      `Holidays are features of daily, hourly and weekly data; this file is ${frequency.label}. Leave holidays off for it.`,
      { field: 'holidays' },
    );
  }
  const calendar = new HolidayCalendar(region);
  const weekly = frequency.unit === 'week';
  const out = new Float64Array(time.length);
  for (let i = 0; i < time.length; i++) {
    const day = Math.floor(time[i] / DAY_MS);
    if (!weekly) out[i] = calendar.isHoliday(day) ? 1 : 0;
    else for (let d = 0; d < 7; d++) out[i] += calendar.isHoliday(day + d) ? 1 : 0;
  }
  return out;
}
