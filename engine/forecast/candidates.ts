// A candidate configuration as the search sees it: trained with a few seeds whose forecasts
// are averaged, so model choice compares configurations rather than lucky initialisations.
import { deriveSeed } from './random';
import type { CandidateConfig, FitResult } from './train';

/**
 * One candidate configuration trained with SEEDS_PER_CANDIDATE seeds: its forecasts are the
 * mean over the seeds (less seed noise in model choice), its networks all kept.
 */
export interface Candidate extends FitResult {
  fits: FitResult[];
}

/** Networks per candidate configuration, each from its own seed, averaged. */
export const SEEDS_PER_CANDIDATE = 2;

export function seedsOf(config: CandidateConfig): CandidateConfig[] {
  return Array.from({ length: SEEDS_PER_CANDIDATE }, (_, j) => (j === 0 ? config : { ...config, seed: deriveSeed(config.seed, 1000 + j) }));
}

/** Mean of the seeds' validation predictions and forecasts, as one candidate. */
export function mergeSeeds(fits: FitResult[]): Candidate {
  const first = fits[0];
  if (fits.length === 1) return { ...first, fits };
  const mean = (arrays: Float64Array[]) => {
    const out = new Float64Array(arrays[0].length);
    for (const a of arrays) for (let i = 0; i < out.length; i++) out[i] += a[i] / arrays.length;
    return out;
  };
  const predicted = mean(fits.map((f) => f.validation.predicted));
  const actual = first.validation.actual;
  let abs = 0;
  for (let i = 0; i < predicted.length; i++) abs += Math.abs(actual[i] - predicted[i]);
  return {
    ...first,
    validation: { ends: first.validation.ends, actual, predicted },
    validationMae: abs / predicted.length,
    validationLoss: Math.min(...fits.map((f) => f.validationLoss)),
    future: mean(fits.map((f) => f.future)),
    bestEpoch: Math.max(...fits.map((f) => f.bestEpoch)),
    seconds: fits.reduce((a, f) => a + f.seconds, 0),
    skippedSteps: fits.reduce((a, f) => a + f.skippedSteps, 0),
    fits,
  };
}
