// Small, hand-made run outcomes for the results components (numbers chosen to be checked by eye).
import type { RunOutcome, SeriesOutcome, TrainedRun } from '../../../electron/contract';

const f = (...v: number[]) => Float64Array.from(v);
const DAY = 86_400_000;
const t0 = Date.UTC(2024, 0, 1);

/** A trained run on 3 daily points of history: backtest over days 2–3, forecast of days 4–5. */
export function trainedOutcome(overrides: Partial<TrainedRun> = {}): SeriesOutcome {
  const run = {
    settings: { target: 'load', horizon: 2 },
    model: 'lstm uni 1×32 L=8',
    candidates: [],
    members: [],
    forecast: { time: f(t0 + 3 * DAY, t0 + 4 * DAY), mean: f(10, 11), lower80: f(9, 9.5), upper80: f(11, 12.5), lower95: f(8, 8.5), upper95: f(12, 13.5) },
    backtest: {
      origins: [
        {
          originRow: 1,
          time: f(t0 + DAY, t0 + 2 * DAY),
          actual: f(7, 9),
          forecast: { mean: f(7.5, 8.25), lower80: f(7, 7.5), upper80: f(8, 9), lower95: f(6, 6.5), upper95: f(9, 10) },
          baselines: {},
          metrics: {} as never,
          baselineMetrics: {},
          model: 'x',
        },
      ],
      metrics: { mae: 0.625, rmse: 0.6374, smape: 7.19, mase: 0.5, coverage80: 0.5, coverage95: 1 },
      baselines: {
        naive: { mae: 2, rmse: 2.2, smape: 20, mase: 1.6 },
        snaive: { mae: 1.25, rmse: 1.3, smape: 14, mase: 1 },
        drift: { mae: 0.5, rmse: 0.55, smape: 5.5, mase: 0.4 },
      },
    },
    validation: { model: 0.8, baselines: { naive: 2.1, snaive: 1.2, drift: 0.9 } },
    verdict: 'On the backtest the drift forecast beat the model.',
    warnings: [],
    seconds: 3,
    modelText: '{}',
    ...overrides,
  } as unknown as TrainedRun;
  return { kind: 'trained', run };
}

const MONTH0 = Date.UTC(2024, 0, 1);
const month = (k: number) => Date.UTC(2024, k, 1);

/**
 * A run over three stores (monthly): "north" and "south" forecast for March–April 2024, "north"
 * backtested (sMAPE 4, model beats naive), "south" without a backtest; "east" skipped.
 */
export function panelOutcome(): Extract<RunOutcome, { kind: 'panel' }> {
  const forecast = (...mean: number[]) => ({
    time: f(month(2), month(3)),
    mean: f(...mean),
    lower80: f(...mean.map((m) => m - 1)),
    upper80: f(...mean.map((m) => m + 1)),
    lower95: f(...mean.map((m) => m - 2)),
    upper95: f(...mean.map((m) => m + 2)),
  });
  const backtest = {
    origins: [{ originRow: 0, time: f(MONTH0, month(1)), actual: f(10, 12), forecast: forecast(10.5, 11.5) }],
    metrics: { mae: 0.5, rmse: 0.5, smape: 4, mase: 0.5, coverage80: 1, coverage95: 1 },
    baselines: { naive: { mae: 1, rmse: 1, smape: 9, mase: 1 } },
  };
  return {
    kind: 'panel',
    run: {
      settings: { target: 'sales', horizon: 2 },
      strategy: 'global',
      model: 'global network across 2 series',
      idColumns: ['store'],
      series: [
        { id: ['north'], label: 'north', points: 14, forecast: forecast(20, 21.5), backtest, model: 'global', verdict: 'The model beat the naive forecast.', warnings: [] },
        { id: ['south, inner'], label: 'south, inner', points: 3, forecast: forecast(5, 6), backtest: null, model: 'global', verdict: 'Too short for a backtest.', warnings: [] },
      ],
      skipped: [{ id: ['east'], label: 'east', reason: '1 value(s); a forecast needs at least 3.' }],
      aggregate: { series: 1, smape: 4, mase: 0.5, coverage80: 1, coverage95: 1, baselines: { naive: { smape: 9, mase: 1, beaten: 1 } } },
      verdict: 'The model beat the naive forecast on 1 of 1 series.',
      warnings: [],
      seconds: 2,
      modelText: '{}',
    } as unknown as Extract<RunOutcome, { kind: 'panel' }>['run'],
  };
}
