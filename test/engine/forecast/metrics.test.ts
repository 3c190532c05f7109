// Accuracy measures against hand computations and against R's forecast package on the shared
// real series (anchors.csv: our naive / seasonal naive scores must equal R's).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { naiveForecast, seasonalNaiveForecast, driftForecast } from '../../../engine/models/naive/forecasts';
import { coverage, maseSeason, pointMetrics, seasonalNaiveScale } from '../../../engine/forecast/metrics';
import { SHARED_DATA, manifest, sharedDataset } from './sharedData';

describe('point metrics', () => {
  it('match a hand computation', () => {
    // errors 0.5, 0, -1 (actual − forecast = -0.5, 0, 1)
    const m = pointMetrics([1, 2, 3], [1.5, 2, 2], 0.25);
    expect(m.mae).toBeCloseTo(0.5, 12);
    expect(m.rmse).toBeCloseTo(Math.sqrt(1.25 / 3), 12);
    // 100/3 · (2·0.5/2.5 + 0 + 2·1/5) = 100/3 · 0.8
    expect(m.smape).toBeCloseTo(80 / 3, 10);
    expect(m.mase).toBeCloseTo(2, 12);
  });

  it('skip hidden points that are missing and count a 0/0 sMAPE term as no error', () => {
    const m = pointMetrics([0, NaN, 4], [0, 100, 2], 1);
    expect(m.mae).toBeCloseTo(1, 12); // (0 + 2) / 2
    expect(m.smape).toBeCloseTo(((0 + (2 * 2) / 6) / 2) * 100, 10);
  });

  it('scale MASE by the in-sample seasonal naive error, with m = 1 below 3·m points', () => {
    // m = 3: |4−1|, |5−2|, |6−3|, |7−4|, |8−5| are 3 and |10−6| is 4, over 6 pairs
    expect(seasonalNaiveScale([1, 2, 3, 4, 5, 6, 7, 8, 10], 3)).toBeCloseTo((5 * 3 + 4) / 6, 12);
    expect(maseSeason(23, 12)).toBe(1);
    expect(maseSeason(36, 12)).toBe(12);
    // 5 points < 3·4: falls back to lag 1: |2−1| + |4−2| + |7−4| + |11−7| = 10 over 4
    expect(seasonalNaiveScale([1, 2, 4, 7, 11], 4)).toBeCloseTo(2.5, 12);
    // pairs touching a missing value are skipped
    expect(seasonalNaiveScale([1, NaN, 4, 8], 1)).toBeCloseTo(4, 12);
  });

  it('coverage counts points inside closed intervals, ignoring missing actuals', () => {
    expect(coverage([1, 2, 3, NaN], [0, 2, 3.5, 0], [1, 3, 4, 1])).toBeCloseTo(2 / 3, 12);
  });
});

describe('baselines', () => {
  const y = [10, 20, 30, 40, 50, 60, 70];
  it('naive repeats the last value', () => {
    expect(Array.from(naiveForecast(y, 3))).toEqual([70, 70, 70]);
  });
  it('seasonal naive repeats the last season, wrapping past one season', () => {
    expect(Array.from(seasonalNaiveForecast(y, 5, 3))).toEqual([50, 60, 70, 50, 60]);
    expect(Array.from(seasonalNaiveForecast([1, 2], 2, 3))).toEqual([2, 2]);
  });
  it('drift follows the line through the first and last values', () => {
    expect(Array.from(driftForecast(y, 2))).toEqual([80, 90]);
  });
});

describe("baselines on the shared real series equal R's forecast package (anchors.csv)", () => {
  const anchors = readFileSync(resolve(SHARED_DATA, 'anchors.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const anchor = (id: string, method: string) => {
    const row = anchors.find((r) => r[0] === id && r[5] === method);
    if (!row) throw new Error(`no anchor ${id} ${method}`);
    return { smape: Number(row[6]), mase: Number(row[7]) };
  };
  for (const entry of manifest()) {
    it(`${entry.id}: naive and seasonal naive sMAPE and MASE`, () => {
      const ds = sharedDataset(entry);
      const y = ds.columns.find((c) => c.name === entry.target)!.values;
      const cut = y.length - entry.h;
      const train = y.subarray(0, cut);
      const test = y.subarray(cut);
      const scale = seasonalNaiveScale(train, entry.m);
      const sn = pointMetrics(test, seasonalNaiveForecast(train, entry.h, entry.m), scale);
      const nv = pointMetrics(test, naiveForecast(train, entry.h), scale);
      const rSn = anchor(entry.id, 'snaive');
      const rNv = anchor(entry.id, 'naive');
      // anchors.csv keeps 6 significant digits: agreement to a relative 1e-5
      const close = (ours: number, r: number) => expect(Math.abs(ours - r)).toBeLessThanOrEqual(1e-5 * Math.abs(r));
      close(sn.smape, rSn.smape);
      close(sn.mase, rSn.mase);
      close(nv.smape, rNv.smape);
      close(nv.mase, rNv.mase);
    });
  }
});
