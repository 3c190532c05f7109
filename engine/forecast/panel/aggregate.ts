// The backtest over a panel: means of the per-series metrics, coverage pooled over every hidden
// value of every series, and on how many series the model beats each baseline; then the
// panel's verdict in a sentence or two.
import { modelKind } from '../../models/registry';
import type { BacktestReport } from '../backtest';
import { comparedBaselines } from '../guard';
import type { PanelAggregate } from './types';

/** Mean of the finite values, null when there are none. */
function meanOf(values: readonly number[]): number | null {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (Number.isFinite(v)) {
      sum += v;
      n++;
    }
  }
  return n ? sum / n : null;
}

/** The aggregate of the series' backtests (null entries: series without one); null when none has one. */
export function aggregateBacktests(reports: readonly (BacktestReport | null)[]): PanelAggregate | null {
  const done = reports.filter((r): r is BacktestReport => r !== null);
  if (done.length === 0) return null;
  const pooled = (level: 80 | 95): number | null => {
    let inside = 0;
    let n = 0;
    for (const r of done) {
      for (const o of r.origins) {
        const lo = level === 80 ? o.forecast.lower80 : o.forecast.lower95;
        const hi = level === 80 ? o.forecast.upper80 : o.forecast.upper95;
        o.actual.forEach((y, k) => {
          if (Number.isNaN(y)) return;
          n++;
          if (y >= lo[k] && y <= hi[k]) inside++;
        });
      }
    }
    return n ? inside / n : null;
  };
  const baselines: PanelAggregate['baselines'] = {};
  for (const name of Object.keys(done[0].baselines)) {
    let beaten = 0;
    for (const r of done) {
      const b = r.baselines[name];
      if (!b) continue;
      // MASE where both are defined; MAE (the same ranking on one series) where the scale is 0.
      const useMase = Number.isFinite(r.metrics.mase) && Number.isFinite(b.mase);
      if (useMase ? r.metrics.mase < b.mase : r.metrics.mae < b.mae) beaten++;
    }
    baselines[name] = {
      smape: meanOf(done.map((r) => r.baselines[name]?.smape ?? NaN)),
      mase: meanOf(done.map((r) => r.baselines[name]?.mase ?? NaN)),
      beaten,
    };
  }
  return {
    series: done.length,
    smape: meanOf(done.map((r) => r.metrics.smape)),
    mase: meanOf(done.map((r) => r.metrics.mase)),
    coverage80: pooled(80),
    coverage95: pooled(95),
    baselines,
  };
}

const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(2));

/** One or two sentences on the panel: the model's mean MASE beside the baselines', and on how many series it beats them. */
export function panelVerdict(aggregate: PanelAggregate | null, forecastSeries: number, season: number): string {
  if (aggregate === null) {
    return `${forecastSeries} series forecast without a backtest, so the forecasts could not be checked against the baselines; run a backtest for an out-of-sample check.`;
  }
  const n = aggregate.series;
  const names = comparedBaselines(season).filter((id) => aggregate.baselines[id]?.mase !== null && aggregate.baselines[id] !== undefined);
  if (aggregate.mase === null || names.length === 0) {
    return `On the backtest of ${n} series the mean sMAPE was ${aggregate.smape === null ? 'undefined' : fmt(aggregate.smape)}%.`;
  }
  const ranked = [...names].sort((a, b) => aggregate.baselines[a].mase! - aggregate.baselines[b].mase!);
  const best = ranked[0];
  const reference = names.includes(season > 1 ? 'snaive' : 'naive') ? (season > 1 ? 'snaive' : 'naive') : best;
  const title = (id: string) => modelKind(id).title;
  const bestMase = aggregate.baselines[best].mase!;
  const head = aggregate.mase < bestMase
    ? `On the backtest of ${n} series the model's mean MASE was ${fmt(aggregate.mase)}, below every baseline's (best: ${title(best)}, ${fmt(bestMase)}).`
    : `On the backtest of ${n} series the ${title(best)} forecast's mean MASE (${fmt(bestMase)}) was below the model's (${fmt(aggregate.mase)}): for this panel the simple forecast is the better choice.`;
  const beats = `The model beats ${title(reference)} on ${aggregate.baselines[reference].beaten} of ${n} series` +
    (best !== reference ? ` and ${title(best)} on ${aggregate.baselines[best].beaten}.` : '.');
  return `${head} ${beats}`;
}
