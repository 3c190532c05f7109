// The verdict: one or two plain sentences on how the model compares with the baselines,
// naming a baseline that beats it.
import { modelKind } from '../models/registry';
import type { BacktestReport } from './backtest';
import { comparedBaselines } from './guard';
import type { PointMetrics } from './metrics';

const title = (id: string) => modelKind(id).title;

const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(2));

/** Both numbers, with just enough digits that two different values never read the same ("1.031 vs 1.034"). */
function fmtApart(a: number, b: number): [string, string] {
  let fa = fmt(a);
  let fb = fmt(b);
  for (let digits = 3; fa === fb && a !== b && digits <= 8; digits++) {
    fa = a.toPrecision(digits);
    fb = b.toPrecision(digits);
  }
  return [fa, fb];
}

/** Plain words on how the model did against the baselines on the backtest. */
export function backtestVerdict(report: BacktestReport, season: number): string {
  const names = comparedBaselines(season).filter((n) => report.baselines[n] !== undefined);
  // Rank by MAE (MASE is MAE over one scale, and stays defined when that scale is 0).
  const useMase = Number.isFinite(report.metrics.mase) && names.every((n) => Number.isFinite(report.baselines[n].mase));
  const measure = useMase ? 'MASE' : 'MAE';
  const value = (m: PointMetrics) => (useMase ? m.mase : m.mae);
  return verdict('On the backtest', measure, value(report.metrics), report.metrics.mae,
    names.map((n) => ({ n, shown: value(report.baselines[n]), mae: report.baselines[n].mae })), season);
}

export function validationVerdict(validation: { model: number; baselines: Record<string, number> }, season: number): string {
  if (!Number.isFinite(validation.model)) {
    return 'The series is too short to hold back any part of it, so the forecast could not be checked against the baselines.';
  }
  const names = comparedBaselines(season).filter((n) => validation.baselines[n] !== undefined);
  return (
    verdict('On the validation windows', 'MAE', validation.model, validation.model,
      names.map((n) => ({ n, shown: validation.baselines[n], mae: validation.baselines[n] })), season) +
    ' Run a backtest for an out-of-sample check.'
  );
}

function verdict(
  where: string,
  measure: string,
  model: number,
  modelMae: number,
  baselines: { n: string; shown: number; mae: number }[],
  season: number,
): string {
  const ranked = [...baselines].sort((a, b) => a.mae - b.mae);
  const best = ranked[0];
  const reference = baselines.find((b) => b.n === (season > 1 ? 'snaive' : 'naive'))!;
  const tie = Math.abs(modelMae - best.mae) <= 1e-9 * Math.max(Math.abs(best.mae), 1e-300);
  if (tie) {
    return `${where} the model forecast exactly as well as the ${title(best.n)} forecast (${measure} ${fmt(model)}): it adds nothing over that simple forecast for this series.`;
  }
  if (modelMae > best.mae) {
    const vsReference =
      reference.n === best.n
        ? ''
        : modelMae < reference.mae
          ? ` It did beat ${title(reference.n)} (${fmt(reference.shown)}).`
          : ` It was also behind ${title(reference.n)} (${fmt(reference.shown)}).`;
    const [bestShown, modelShown] = fmtApart(best.shown, model);
    return (
      `${where} the ${title(best.n)} forecast beat the model (${measure} ${bestShown} vs ${modelShown}): ` +
      `for this series the simple forecast is the better choice.${vsReference}`
    );
  }
  const gain = (1 - modelMae / reference.mae) * 100;
  const bestGain = (1 - modelMae / best.mae) * 100;
  const bestNote = best.n === reference.n ? '' : `, and ${bestGain.toFixed(0)}% ahead of ${title(best.n)}, the best of them (${fmt(best.shown)})`;
  const [modelShown, referenceShown] = fmtApart(model, reference.shown);
  return (
    `${where} the model beat every baseline: ${measure} ${modelShown} vs ${referenceShown} for ` +
    `${title(reference.n)} (${gain.toFixed(0)}% lower error)${bestNote}.`
  );
}
