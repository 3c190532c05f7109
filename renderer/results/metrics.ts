// The metrics table's rows for one run: the model and the baselines, from the backtest when
// there was one (MAE, RMSE, sMAPE, MASE, coverage), else the validation MAE; a saved model shows
// the metrics recorded when it was trained; a run over many series, the means over its series
// (coverage pooled). Pure.
import type { RunOutcome } from '../../electron/contract';
import { BASELINE_IDS, modelKind } from '../../engine/models/registry';

const title = (id: string) => capitalised(modelKind(id).title);

export interface MetricRow {
  name: string;
  /** 'model', or the baseline's kind id. */
  kind: string;
  mae: number;
  rmse: number;
  smape: number;
  mase: number;
  /** Model only: share of hidden points inside the 80% / 95% intervals. */
  coverage80: number;
  coverage95: number;
}

export interface MetricTable {
  /** Where the numbers come from, for the caption. */
  basis: 'backtest' | 'validation' | 'recorded-backtest' | 'recorded-validation' | 'panel';
  rows: MetricRow[];
  /** The row with the lowest MAE (many series: the lowest mean MASE, as MAE is not comparable across series). */
  best: MetricRow['kind'] | null;
}

const NONE = Number.NaN;

function capitalised(text: string): string {
  return text[0]!.toUpperCase() + text.slice(1);
}

/** Many series: the model's and each baseline's mean sMAPE and MASE over the series with a backtest. */
function panelTable(outcome: Extract<RunOutcome, { kind: 'panel' }>): MetricTable {
  const a = outcome.run.aggregate;
  const n = (x: number | null | undefined) => x ?? NONE;
  const rows: MetricRow[] = [
    { name: 'Model', kind: 'model', mae: NONE, rmse: NONE, smape: n(a?.smape), mase: n(a?.mase), coverage80: n(a?.coverage80), coverage95: n(a?.coverage95) },
    ...BASELINE_IDS.filter((id) => a?.baselines[id] !== undefined).map((id): MetricRow => {
      const b = a!.baselines[id]!;
      return { name: title(id), kind: id, mae: NONE, rmse: NONE, smape: n(b.smape), mase: n(b.mase), coverage80: NONE, coverage95: NONE };
    }),
  ];
  let best: MetricRow | null = null;
  for (const row of rows) if (Number.isFinite(row.mase) && (best === null || row.mase < best.mase)) best = row;
  return { basis: 'panel', rows, best: best?.kind ?? null };
}

export function metricTable(outcome: RunOutcome): MetricTable {
  if (outcome.kind === 'panel') return panelTable(outcome);
  type Backtest = { mae: number; rmse: number; smape: number; mase: number; coverage80: number; coverage95: number; baselines: Record<string, { mae: number; rmse: number; smape: number; mase: number }> };
  let backtest: Backtest | null;
  let validation: { model: number; baselines: Record<string, number> };
  let recorded = false;
  if (outcome.kind === 'trained') {
    const run = outcome.run;
    backtest = run.backtest ? { ...run.backtest.metrics, baselines: run.backtest.baselines } : null;
    validation = run.validation;
  } else {
    recorded = true;
    const m = outcome.forecast.metrics;
    backtest = m.backtest;
    validation = { model: m.validationMae, baselines: m.baselineValidationMae };
  }

  let rows: MetricRow[];
  if (backtest !== null) {
    rows = [
      { name: 'Model', kind: 'model', mae: backtest.mae, rmse: backtest.rmse, smape: backtest.smape, mase: backtest.mase, coverage80: backtest.coverage80, coverage95: backtest.coverage95 },
      ...BASELINE_IDS.filter((n) => backtest.baselines[n] !== undefined).map((n): MetricRow => {
        const b = backtest.baselines[n]!;
        return { name: title(n), kind: n, mae: b.mae, rmse: b.rmse, smape: b.smape, mase: b.mase, coverage80: NONE, coverage95: NONE };
      }),
    ];
  } else {
    rows = [
      { name: 'Model', kind: 'model', mae: validation.model, rmse: NONE, smape: NONE, mase: NONE, coverage80: NONE, coverage95: NONE },
      ...BASELINE_IDS.filter((n) => validation.baselines[n] !== undefined).map(
        (n): MetricRow => ({ name: title(n), kind: n, mae: validation.baselines[n]!, rmse: NONE, smape: NONE, mase: NONE, coverage80: NONE, coverage95: NONE }),
      ),
    ];
  }
  let best: MetricRow | null = null;
  for (const row of rows) if (Number.isFinite(row.mae) && (best === null || row.mae < best.mae)) best = row;
  const basis = backtest !== null ? (recorded ? 'recorded-backtest' : 'backtest') : recorded ? 'recorded-validation' : 'validation';
  return { basis, rows, best: best?.kind ?? null };
}

/** The model's MAE and the comparison the runs list shows. */
export function headline(outcome: RunOutcome): MetricRow {
  return metricTable(outcome).rows[0]!;
}
