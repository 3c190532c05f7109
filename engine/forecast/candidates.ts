// A candidate as the search sees it: one model configuration fitted as a few replicas (the same
// network from different seeds) whose forecasts are averaged, so model choice compares
// configurations rather than lucky initialisations.
import type { FitOutcome, TrainingReport, ValidationForecasts } from '../models/types';

export interface Candidate {
  kind: string;
  label: string;
  /** The configuration searched (the first replica's). */
  config: unknown;
  /** Every replica's fit, in replica order (each saved in the model file). */
  fits: FitOutcome[];
  /** The replicas' mean validation forecasts and their error. */
  validation: ValidationForecasts;
  validationMae: number;
  /** The replicas' mean forecast after the series. */
  future: Float64Array;
  /** The first replica's curves; the latest best epoch and every skipped step of all. */
  training: TrainingReport;
  seconds: number;
}

/** Element-wise mean of equally long arrays (summed in order: the same bits every time). */
export function meanOfArrays(arrays: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(arrays[0].length);
  for (const a of arrays) for (let i = 0; i < out.length; i++) out[i] += a[i] / arrays.length;
  return out;
}

/** The replicas of one configuration as one candidate. */
export function mergeReplicas(fits: FitOutcome[], config: unknown): Candidate {
  const first = fits[0];
  const predicted = fits.length === 1 ? first.validation.predicted : meanOfArrays(fits.map((f) => f.validation.predicted));
  const actual = first.validation.actual;
  let abs = 0;
  for (let i = 0; i < predicted.length; i++) abs += Math.abs(actual[i] - predicted[i]);
  return {
    kind: first.kind,
    label: first.label,
    config,
    fits,
    validation: { ends: first.validation.ends, actual, predicted },
    validationMae: fits.length === 1 ? first.validationMae : abs / predicted.length,
    future: fits.length === 1 ? first.future : meanOfArrays(fits.map((f) => f.future)),
    training: {
      ...first.training,
      bestEpoch: Math.max(...fits.map((f) => f.training.bestEpoch)),
      skippedSteps: fits.reduce((a, f) => a + f.training.skippedSteps, 0),
    },
    seconds: fits.reduce((a, f) => a + f.seconds, 0),
  };
}

/** Best first by validation MAE; ties broken by plan order so the choice is deterministic. */
export function rankByValidation<T extends { validationMae: number }>(results: readonly T[]): T[] {
  return results
    .map((r, i) => ({ r, i }))
    .sort((a, b) => a.r.validationMae - b.r.validationMae || a.i - b.i)
    .map((x) => x.r);
}
