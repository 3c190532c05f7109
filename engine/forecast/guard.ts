// The baseline guard of auto mode: the simple forecasts (naive, seasonal naive, drift) are
// scored on the same validation windows as the trained ensemble; when one has the lower error
// there, the run forecasts with it (intervals from its own validation residuals) and says so.
// The ensemble's validation error is, if anything, optimistic (those windows chose its epochs
// and members) while a baseline fits nothing on them, so a baseline ahead there is a real signal.
import { BASELINE_LABELS, baselineForecast, type BaselineName } from './baselines';
import { conformalWidths } from './conformal';
import { applyIntervals, type Combined } from './ensemble';

/** Baselines the guard considers: seasonal naive only for seasonal data (else it is naive). */
export function guardBaselines(season: number): BaselineName[] {
  return season > 1 ? ['naive', 'snaive', 'drift'] : ['naive', 'drift'];
}

/**
 * The baseline whose validation MAE is strictly below the ensemble's (the lowest such), or
 * null when the ensemble is at least as good as every baseline.
 */
export function baselineAhead(combined: Combined, season: number): BaselineName | null {
  let best: BaselineName | null = null;
  let bestMae = combined.validationMae;
  for (const name of guardBaselines(season)) {
    const mae = combined.baselineValidationMae[name];
    if (mae < bestMae) {
      best = name;
      bestMae = mae;
    }
  }
  return best;
}

/**
 * The combined forecast replaced by baseline `name` forecasting from the end of `target` (the
 * cut's filled target), with split-conformal intervals from its errors on the validation
 * windows ending at `ends` (in data units: a baseline has no log transform).
 */
export function baselineCombined(combined: Combined, name: BaselineName, target: Float64Array, ends: Int32Array, season: number): Combined {
  const h = combined.future.mean.length;
  const residuals = new Float64Array(ends.length * h);
  ends.forEach((e, i) => {
    const predicted = baselineForecast(name, target.subarray(0, e + 1), h, season);
    for (let k = 0; k < h; k++) residuals[i * h + k] = target[e + 1 + k] - predicted[k];
  });
  const calibration = { ...conformalWidths(residuals, ends.length, h), space: 'identity' as const };
  return {
    ...combined,
    future: applyIntervals(baselineForecast(name, target, h, season), calibration),
    calibration,
    validationMae: combined.baselineValidationMae[name],
    baseline: name,
  };
}

/** The sentence a run adds when the guard chose a baseline over the networks. */
export function guardSentence(name: BaselineName, networksMae: number, baselineMae: number): string {
  const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(2));
  return (
    `The forecast is the ${BASELINE_LABELS[name]} forecast: on the validation windows it beat the trained networks ` +
    `(MAE ${fmt(baselineMae)} vs ${fmt(networksMae)}), so auto mode uses it instead.`
  );
}
