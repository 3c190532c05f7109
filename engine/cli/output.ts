// The metrics JSON the command line writes (model, backtest and baseline metrics); the forecast
// CSV's layout is engine/forecast/forecast-csv.ts, shared with the app's export.
import type { PointMetrics } from '../forecast/metrics';

export interface MetricsJson {
  model: string;
  backtest: { mae: number; rmse: number; smape: number; mase: number; coverage80: number; coverage95: number } | null;
  baselines: Record<string, PointMetrics> | null;
  seconds: number;
}

export function metricsJson(doc: MetricsJson): string {
  const pick = (m: PointMetrics) => ({ mae: m.mae, rmse: m.rmse, smape: m.smape, mase: m.mase });
  const out = {
    model: doc.model,
    backtest: doc.backtest && {
      mae: doc.backtest.mae,
      rmse: doc.backtest.rmse,
      smape: doc.backtest.smape,
      mase: doc.backtest.mase,
      coverage80: doc.backtest.coverage80,
      coverage95: doc.backtest.coverage95,
    },
    // Every baseline the run scored, by kind id, in the order it reports them.
    baselines: doc.baselines && Object.fromEntries(Object.entries(doc.baselines).map(([name, m]) => [name, pick(m)])),
    seconds: doc.seconds,
  };
  // JSON has no NaN: an undefined measure (e.g. no hidden value observed) becomes null.
  return JSON.stringify(out, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}
