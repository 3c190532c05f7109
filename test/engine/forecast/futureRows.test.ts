// Rows after the target's last value are the future: found from the Dataset's columns, never
// filled as history; columns with values there are known in advance, and a planned value
// missing over the horizon is refused naming the column and the time.
import { describe, expect, it } from 'vitest';
import { readDataset } from '../../../engine/data';
import { detectFutureRows } from '../../../engine/forecast/futureRows';
import { fillSeries, rawSeriesFromDataset } from '../../../engine/forecast/prepare';
import { resolveSettings } from '../../../engine/forecast/settings';
import { futureTimes } from '../../../engine/forecast/timeAxis';
import { ForecastInputError } from '../../../engine/models/errors';

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** 40 days of sales, then `future` rows of plan: promo on every one, price on `priced` of them. */
function planCsv(future: number, priced: number, opts: { trailingEmptyLine?: boolean; dayFirst?: boolean } = {}): string {
  const lines = ['date,sales,promo,price,temperature'];
  for (let t = 0; t < 40 + future; t++) {
    const d = new Date(Date.UTC(2024, 0, 1 + t));
    const date = opts.dayFirst
      ? `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`
      : iso(d.getTime());
    const past = t < 40;
    const sales = past ? String(100 + (t % 7) + (t === 20 ? NaN : 0)) : '';
    const promo = String(t % 5 === 0 ? 1 : 0);
    const price = past || t - 40 < priced ? String(9.5 + (t % 3) / 10) : '';
    const temperature = past ? String(5 + (t % 4)) : '';
    lines.push([date, sales === 'NaN' ? '' : sales, promo, price, temperature].join(','));
  }
  return lines.join('\n') + (opts.trailingEmptyLine ? '\n\n' : '\n');
}

describe('detectFutureRows', () => {
  it('finds the history end after the target’s last value and the columns with values after it', () => {
    const { dataset } = readDataset(planCsv(14, 14), { source: 'plan.csv' });
    const f = detectFutureRows(dataset, 'sales');
    expect(f).toEqual({ history: 40, futureRows: 14, knownInAdvance: ['promo', 'price'], futureValues: { promo: 14, price: 14 } });
  });

  it('ignores a trailing empty line, and reports future rows that only some covariates fill', () => {
    const { dataset } = readDataset(planCsv(10, 4, { trailingEmptyLine: true }), { source: 'plan.csv' });
    const f = detectFutureRows(dataset, 'sales');
    expect(f.history).toBe(40);
    expect(f.futureRows).toBe(10);
    expect(f.knownInAdvance).toEqual(['promo', 'price']);
    expect(f.futureValues).toEqual({ promo: 10, price: 4 });
  });

  it('finds no future rows in a file that ends with a target value', () => {
    const { dataset } = readDataset(planCsv(0, 0), { source: 'plan.csv' });
    expect(detectFutureRows(dataset, 'sales')).toEqual({ history: 40, futureRows: 0, knownInAdvance: [], futureValues: {} });
  });
});

describe('the future rows in a forecast', () => {
  it('are never filled as history: the series ends at the last value and the forecast starts the next day', () => {
    const { dataset } = readDataset(planCsv(14, 14), { source: 'plan.csv' });
    const settings = resolveSettings(dataset, { target: 'sales' });
    expect(settings.horizon).toBe(14); // the file's future rows
    expect(settings.futureCovariates).toEqual(['promo', 'price']); // detected
    const raw = rawSeriesFromDataset(dataset, 'sales', [], 7, { known: settings.futureCovariates, horizon: 14 });
    const { series, carried, interpolated } = fillSeries(raw);
    expect(series.target.length).toBe(40);
    expect(carried).toBe(0);
    expect(interpolated).toBe(1); // the one interior gap (day 21)
    expect(iso(series.time[39])).toBe('2024-02-09');
    expect(iso(futureTimes(series, 14)[0])).toBe('2024-02-10');
    // Known values: the 40 history rows, then the 14 planned ones, as in the file.
    expect(series.known!.names).toEqual(['promo', 'price']);
    expect(series.known!.values[0].length).toBe(54);
    expect(Array.from(series.known!.values[0].subarray(40))).toEqual(Array.from(dataset.columns[1].values.subarray(40, 54)));
  });

  it('leaves columns named as past-only out of the detected known ones, and a setting of none uses none', () => {
    const { dataset } = readDataset(planCsv(14, 14), { source: 'plan.csv' });
    expect(resolveSettings(dataset, { target: 'sales', covariates: ['price'] }).futureCovariates).toEqual(['promo']);
    expect(resolveSettings(dataset, { target: 'sales', futureCovariates: [] }).futureCovariates).toEqual([]);
  });

  it('refuses a known column with no planned value at a forecast step, naming it and the first missing time in the file’s style', () => {
    const { dataset } = readDataset(planCsv(14, 5, { dayFirst: true }), { source: 'plan.csv' });
    const raw = rawSeriesFromDataset(dataset, 'sales', [], 7, { known: ['promo', 'price'], horizon: 14 });
    let error: unknown;
    try {
      fillSeries(raw);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ForecastInputError);
    expect((error as ForecastInputError).place.column).toBe('price');
    expect((error as Error).message).toBe(
      'Column "price" is known in advance but has no value at 15/02/2024 (and 8 more of the 14 forecast steps): ' +
        'fill in its planned values through 23/02/2024, or use it as a past-only covariate.',
    );
    // A horizon the plan covers is fine.
    expect(() => fillSeries(rawSeriesFromDataset(dataset, 'sales', [], 7, { known: ['promo', 'price'], horizon: 5 }))).not.toThrow();
  });

  it('refuses a horizon past the end of the file for a known column, at the first time after it', () => {
    const { dataset } = readDataset(planCsv(3, 3), { source: 'plan.csv' });
    const raw = rawSeriesFromDataset(dataset, 'sales', [], 7, { known: ['promo'], horizon: 5 });
    expect(() => fillSeries(raw)).toThrow(/Column "promo" is known in advance but has no value at 2024-02-13 \(and 1 more of the 5 forecast steps\)/);
  });

  it('refuses a column that is both past-only and known in advance', () => {
    const { dataset } = readDataset(planCsv(14, 14), { source: 'plan.csv' });
    expect(() => rawSeriesFromDataset(dataset, 'sales', ['promo'], 7, { known: ['promo'], horizon: 14 })).toThrow(
      /"promo" cannot be both a past-only covariate and one known in advance/,
    );
  });
});
