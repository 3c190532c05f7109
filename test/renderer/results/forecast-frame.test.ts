// The forecast chart's data: history, backtest and future on one time axis, the forecast line
// joined to the last actual value, other runs placed by their own times, recent history only.
import { describe, expect, it } from 'vitest';
import { forecastFrame } from '../../../renderer/results/forecast-frame';
import { trainedOutcome } from './fixtures';

const DAY = 86_400_000;
const t0 = Date.UTC(2024, 0, 1);
const history = { time: Float64Array.from([0, 1, 2], (k) => t0 + k * DAY), values: Float64Array.from([5, 7, 9]), name: 'load' };
const values = (a: Float64Array) => Array.from(a, (v) => (Number.isNaN(v) ? null : v));

describe('forecast frame', () => {
  it('aligns history, backtest, forecast and both bands on one axis', () => {
    const { frame, series, bands } = forecastFrame({ history, outcome: trainedOutcome(), others: [] });
    expect(Array.from(frame.x)).toEqual([0, 1, 2, 3, 4].map((k) => t0 + k * DAY));
    const [actual, backtest, mean, lo95, hi95, lo80, hi80] = frame.series.map(values);
    expect(actual).toEqual([5, 7, 9, null, null]);
    expect(backtest).toEqual([null, 7.5, 8.25, null, null]);
    // The forecast starts from the last actual value, so the line continues the history.
    expect(mean).toEqual([null, null, 9, 10, 11]);
    expect([lo95, lo80, hi80, hi95]).toEqual([
      [null, null, null, 8, 8.5],
      [null, null, null, 9, 9.5],
      [null, null, null, 11, 12.5],
      [null, null, null, 12, 13.5],
    ]);
    expect(series.map((s) => s.label)).toEqual(['load', 'Backtest forecast', 'Forecast', '95% lower', '95% upper', '80% lower', '80% upper']);
    expect(bands.map((b) => [series[b.upper]!.label, series[b.lower]!.label])).toEqual([
      ['95% upper', '95% lower'],
      ['80% upper', '80% lower'],
    ]);
  });

  it('adds compared runs by their own forecast times, even beyond this run’s horizon', () => {
    const other = trainedOutcome();
    if (other.kind !== 'trained') throw new Error();
    other.run.forecast = { ...other.run.forecast, time: Float64Array.from([3, 4, 5], (k) => t0 + k * DAY), mean: Float64Array.from([20, 21, 22]) };
    const { frame, series } = forecastFrame({ history, outcome: trainedOutcome(), others: [{ label: 'GRU', outcome: other }] });
    expect(frame.x.length).toBe(6);
    expect(values(frame.series[7]!)).toEqual([null, null, null, 20, 21, 22]);
    expect(series[7]).toMatchObject({ label: 'GRU', dash: [2, 3] });
  });

  it('keeps only the most recent history, and opens on the tail', () => {
    const long = { time: Float64Array.from({ length: 1000 }, (_, k) => t0 + (k - 997) * DAY), values: new Float64Array(1000).fill(1), name: 'load' };
    const view = forecastFrame({ history: long, outcome: trainedOutcome(), others: [], maxHistory: 100 });
    expect(view.historyCut).toBe(900);
    expect(view.frame.x.length).toBe(102);
    // 48 points of history at least (4 horizons of 2 would be only 8).
    expect(view.initialRange).toEqual([view.frame.x[100 - 48], view.frame.x[101]]);
  });

  it('draws only the forecast when the run’s data is not open', () => {
    const view = forecastFrame({ history: null, outcome: trainedOutcome(), others: [] });
    expect(view.frame.x.length).toBe(2);
    expect(view.series[0]!.label).toBe('Actual');
  });
});
