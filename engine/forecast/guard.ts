// The baseline guard of auto mode: the baselines are scored on the same validation windows as
// the trained ensemble; when one has the lower error there, the run forecasts with it
// (intervals from its own validation residuals) and says so. The ensemble's validation error
// is, if anything, optimistic (those windows chose its epochs and members) while a baseline
// fits nothing on them, so a baseline ahead there is a real signal.
import { BASELINE_KINDS, modelKind } from '../models/registry';
import type { FitOutcome } from '../models/types';
import { conformalWidths } from './conformal';
import { applyIntervals, type Combined } from './ensemble';

/** Baseline ids worth comparing with on data of this season, in report order. */
export function comparedBaselines(season: number): string[] {
  return BASELINE_KINDS.filter((k) => k.comparedWhen?.(season) ?? true).map((k) => k.id);
}

/**
 * The baseline whose validation MAE is strictly below the ensemble's (the lowest such), or
 * null when the ensemble is at least as good as every baseline.
 */
export function baselineAhead(combined: Combined, season: number): string | null {
  let best: string | null = null;
  let bestMae = combined.validationMae;
  for (const name of comparedBaselines(season)) {
    const mae = combined.baselineValidationMae[name];
    if (mae < bestMae) {
      best = name;
      bestMae = mae;
    }
  }
  return best;
}

/**
 * The combined forecast replaced by a baseline's (fitted on the same cut), with split-conformal
 * intervals from its errors on the validation windows (in data units: a baseline has no log
 * transform).
 */
export function baselineCombined(combined: Combined, baseline: FitOutcome): Combined {
  const { ends, actual, predicted } = baseline.validation;
  const h = baseline.future.length;
  const residuals = new Float64Array(ends.length * h);
  for (let i = 0; i < residuals.length; i++) residuals[i] = actual[i] - predicted[i];
  const calibration = { ...conformalWidths(residuals, ends.length, h), space: 'identity' as const };
  return {
    ...combined,
    future: applyIntervals(baseline.future, calibration),
    calibration,
    validationMae: combined.baselineValidationMae[baseline.kind],
    baseline: baseline.kind,
  };
}

/** The sentence a run adds when the guard chose a baseline over the model. */
export function guardSentence(name: string, networksMae: number, baselineMae: number): string {
  const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(2));
  return (
    `The forecast is the ${modelKind(name).title} forecast: on the validation windows it beat the model ` +
    `(MAE ${fmt(baselineMae)} vs ${fmt(networksMae)}), so auto mode uses it instead.`
  );
}
