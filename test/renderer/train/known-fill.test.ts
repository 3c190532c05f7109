// The fill-in table's rules: which steps of a known covariate the file leaves empty over the
// horizon (inside the file and past its end), the engine's own message naming the first missing
// time while any is unfilled, and the run's rows carrying the typed values where the file has none.
import { describe, expect, it } from 'vitest';
import { datasetFrom } from '../../../electron/runs';
import { fillSeries, rawSeriesFromDataset } from '../../../engine/forecast/prepare';
import { datasetPayload } from '../../../renderer/shared/dataset-payload';
import { forecastTimes, missingKnown, payloadWithFills } from '../../../renderer/train/known-fill';
import { promotionDataset } from '../../engine/forecast/promotion';

const DAY = 86_400_000;
// 220 days of sales, then 5 days of plan; the plan's 4th day is left empty.
const ds = promotionDataset({ days: 220, futureDays: 5, seed: 3 });
const promo = ds.columns[1]!.values;
promo[223] = Number.NaN;
const day = (row: number) => ds.time[0]! + row * DAY;

describe('the fill-in table', () => {
  it('lists the empty steps of the plan, inside the file and past its end, with the engine’s message', () => {
    expect(Array.from(forecastTimes(ds, 220, 7))).toEqual([220, 221, 222, 223, 224, 225, 226].map(day));
    const [missing, ...rest] = missingKnown(ds, 'sales', 220, ['promo'], 7, {});
    expect(rest).toEqual([]);
    expect(missing!.column).toBe('promo');
    expect(missing!.times).toEqual([223, 225, 226].map(day));
    // 2021-01-04 + 223 days = 2021-08-15.
    expect(missing!.message).toBe(
      'Column "promo" is known in advance but has no value at 2021-08-15 (and 2 more of the 7 forecast steps): fill in its planned values through 2021-08-18, or use it as a past-only covariate.',
    );
    // Within the file's plan only one step is empty.
    expect(missingKnown(ds, 'sales', 220, ['promo'], 5, {})[0]!.message).toMatch(/no value at 2021-08-15: fill in its planned values through 2021-08-16/);
    expect(missingKnown(ds, 'sales', 220, ['promo'], 3, {})).toEqual([]);
  });

  it('keeps the rows once filled, with no message, and the run carries the typed values where the file has none', () => {
    const fills = { promo: { [day(223)]: 1, [day(225)]: 0, [day(226)]: 1 } };
    const [missing] = missingKnown(ds, 'sales', 220, ['promo'], 7, fills);
    expect(missing).toEqual({ column: 'promo', times: [223, 225, 226].map(day), message: null });

    const payload = payloadWithFills(datasetPayload(ds), ds, 220, 7, fills);
    expect(Array.from(payload.time.subarray(220))).toEqual([220, 221, 222, 223, 224, 225, 226].map(day));
    const values = payload.columns[1]!.values;
    expect(Array.from(values.subarray(220))).toEqual([promo[220], promo[221], promo[222], 1, promo[224], 0, 1]);
    expect(payload.columns[0]!.values.length).toBe(227);
    expect(payload.columns[0]!.missing).toBe(7);
    expect(payload.columns[1]!.missing).toBe(0);
    // The engine accepts it: the known values over the horizon are the file's and the typed ones.
    const raw = rawSeriesFromDataset(datasetFrom(payload), 'sales', [], 7, { known: ['promo'], horizon: 7 });
    const series = fillSeries(raw).series;
    expect(Array.from(series.known!.values[0]!.subarray(220))).toEqual([promo[220], promo[221], promo[222], 1, promo[224], 0, 1]);
  });

  it('never writes over a value the file has', () => {
    const payload = payloadWithFills(datasetPayload(ds), ds, 220, 5, { promo: { [day(221)]: 7, [day(223)]: 2 } });
    expect(payload.columns[1]!.values[221]).toBe(promo[221]);
    expect(payload.columns[1]!.values[223]).toBe(2);
    expect(payload.time).toBe(ds.time);
  });
});
