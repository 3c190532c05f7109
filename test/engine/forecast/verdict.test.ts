// The verdict sentence: a baseline that beats the model is named plainly, with the numbers.
import { describe, expect, it } from 'vitest';
import { backtestVerdict, validationVerdict, type BacktestReport } from '../../../engine/forecast/pipeline';

const metrics = (mae: number, scale = 10) => ({ mae, rmse: mae, smape: mae, mase: mae / scale });
const report = (model: number, naive: number, snaive: number, drift: number): BacktestReport => ({
  origins: [],
  metrics: { ...metrics(model), coverage80: 0.8, coverage95: 0.95 },
  baselines: { naive: metrics(naive), snaive: metrics(snaive), drift: metrics(drift) },
});

describe('verdict', () => {
  it('credits the model when it beats every baseline, against seasonal naive', () => {
    expect(backtestVerdict(report(8, 12, 10, 11), 12)).toBe(
      'On the backtest the model beat every baseline: MASE 0.80 vs 1.00 for seasonal naive (20% lower error).',
    );
  });
  it('says how far ahead of the best baseline the model is when that is not seasonal naive (e.g. ETS)', () => {
    const withEts: BacktestReport = { ...report(8, 12, 10, 11), baselines: { ...report(8, 12, 10, 11).baselines, ets: metrics(8.7), theta: metrics(9) } };
    expect(backtestVerdict(withEts, 12)).toBe(
      'On the backtest the model beat every baseline: MASE 0.80 vs 1.00 for seasonal naive (20% lower error), and 8% ahead of ETS, the best of them (0.87).',
    );
    expect(backtestVerdict({ ...withEts, metrics: { ...metrics(9.5), coverage80: 0.8, coverage95: 0.95 } }, 12)).toBe(
      'On the backtest the ETS forecast beat the model (MASE 0.87 vs 0.95): for this series the simple forecast is the better choice. ' +
        'It did beat seasonal naive (1.00).',
    );
  });
  it('names the baseline that won and how the model stood against seasonal naive', () => {
    expect(backtestVerdict(report(9, 4, 10, 11), 12)).toBe(
      'On the backtest the naive (last value) forecast beat the model (MASE 0.40 vs 0.90): for this series the simple ' +
        'forecast is the better choice. It did beat seasonal naive (1.00).',
    );
    expect(backtestVerdict(report(12, 11, 10, 13), 12)).toMatch(/seasonal naive forecast beat the model \(MASE 1.00 vs 1.20\)/);
  });
  it('shows enough digits that a narrow win or loss never reads as equal numbers', () => {
    expect(backtestVerdict(report(10.31, 20, 10.28, 20), 12)).toMatch(/seasonal naive forecast beat the model \(MASE 1.028 vs 1.031\)/);
    expect(backtestVerdict(report(10.28, 20, 10.31, 20), 12)).toMatch(/MASE 1.028 vs 1.031 for seasonal naive/);
  });
  it('says so when the model only matches a baseline, and falls back to MAE when MASE is undefined', () => {
    const flat: BacktestReport = {
      origins: [],
      metrics: { mae: 0, rmse: 0, smape: 0, mase: NaN, coverage80: 1, coverage95: 1 },
      baselines: { naive: { mae: 0, rmse: 0, smape: 0, mase: NaN }, snaive: { mae: 0, rmse: 0, smape: 0, mase: NaN }, drift: { mae: 0, rmse: 0, smape: 0, mase: NaN } },
    };
    expect(backtestVerdict(flat, 7)).toMatch(/the model forecast exactly as well as the naive \(last value\) forecast \(MAE 0/);
  });
  it('leaves seasonal naive out for non-seasonal data and words validation-only results', () => {
    expect(validationVerdict({ model: 5, baselines: { naive: 6, snaive: 1, drift: 7 } }, 1)).toBe(
      'On the validation windows the model beat every baseline: MAE 5.00 vs 6.00 for naive (last value) (17% lower error). ' +
        'Run a backtest for an out-of-sample check.',
    );
  });
});
