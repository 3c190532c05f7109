// Automatic ETS (R's forecast::ets() with its defaults): every admissible member of the family
// is fitted by maximum likelihood and the one with the smallest AICc is kept.
//
// As R: multiplicative error or season only for strictly positive data; a season only when
// 1 < m ≤ 24 and there is more than one season of data; damped and undamped trends both tried;
// a series too short for that gets the simple exponential smoothing or Holt fit that fits best.

import { firstNonFinite, isConstant, minimum } from '../stats/summary';
import type { EtsModel } from './model';
import { optimiseSpec } from './optimise';
import type { FitCriterion } from './recursion';
import { fitShortSeries } from './shortSeries';
import { isRestricted, parseModelCode, type EtsModelCode, type EtsSpec, type ErrorType, type SeasonType, type TrendType } from './spec';

export interface EtsFitOptions {
  /** Error, trend and season; 'Z' = choose by AICc. Default "ZZZ". */
  model?: EtsModelCode;
  /** Damped trend: true, false, or undefined to try both. */
  damped?: boolean;
  /** Fit criterion: "lik" (default, R's ets) or "mse" (R's ses, inside thetaf). */
  criterion?: FitCriterion;
  /** Objective evaluations per model (R: 2000). */
  maxEvaluations?: number;
}

/** Longest season a seasonal ETS model takes (its state holds one value per season position). */
export const MAX_ETS_SEASON = 24;

/**
 * Fits ETS to y (finite values, at least 3) with season length `season` (1 = none).
 * Throws a RangeError naming the problem when the data or the requested model cannot work.
 */
export function fitEts(values: ArrayLike<number>, season: number, options: EtsFitOptions = {}): EtsModel {
  // One array type through the inner loops keeps them monomorphic.
  const y = Float64Array.from(values);
  const n = y.length;
  if (n < 3) throw new RangeError(`ETS needs at least 3 values to forecast from; got ${n}.`);
  const bad = firstNonFinite(y);
  if (bad >= 0) {
    throw new RangeError(`ETS needs finite values: value ${bad + 1} of ${n} is ${y[bad]}. Fill or trim missing values first.`);
  }
  if (!Number.isInteger(season) || season < 1) {
    throw new RangeError(`ETS season length must be a whole number ≥ 1; got ${season}.`);
  }
  const automatic = options.model === undefined;
  const code = parseModelCode(options.model ?? 'ZZZ');
  const criterion = options.criterion ?? 'lik';
  const maxEvaluations = options.maxEvaluations ?? 2000;

  if (automatic && isConstant(y)) {
    const constant = fitShortSeries(y, season, 'level', 'A', 0.99999);
    if (constant) return constant;
  }

  let seasonCode = code.season;
  if (n <= season) seasonCode = 'N';
  if (season === 1) {
    if (seasonCode === 'A' || seasonCode === 'M') {
      throw new RangeError(`ETS model ${options.model} has a season but the season length is 1; use a season of N or Z.`);
    }
    seasonCode = 'N';
  }
  if (season > MAX_ETS_SEASON) {
    if (seasonCode === 'A' || seasonCode === 'M') {
      throw new RangeError(
        `ETS handles seasons of up to ${MAX_ETS_SEASON} periods; this series has ${season}. Use season N or Z (the season is then left out).`,
      );
    }
    seasonCode = 'N';
  }
  const errorCode = code.error;
  const trendCode = code.trend;
  if (errorCode === 'A' && seasonCode === 'M') {
    throw new RangeError(`ETS model ${options.model} (additive error, multiplicative season) can have infinite forecast variance; use error M.`);
  }
  const positive = minimum(y) > 0;
  if (!positive && errorCode === 'M') {
    throw new RangeError(`ETS model ${options.model} has multiplicative errors, which need every value above 0; use error A or Z.`);
  }
  if (options.damped === true && trendCode === 'N') {
    throw new RangeError(`ETS model ${options.model} has no trend to damp; use trend A or Z, or leave damped unset.`);
  }

  // Too few values to estimate the initial states: the start-from-first-values fits instead.
  let required = 2;
  if (trendCode === 'A') required += 2;
  if (seasonCode === 'A' || seasonCode === 'M') required += season;
  if (options.damped === true) required += 1;
  if (n <= required + 4) return fitTooShort(y, season, trendCode, seasonCode);

  const errors: ErrorType[] = errorCode === 'Z' ? ['A', 'M'] : [errorCode];
  const trends: TrendType[] = trendCode === 'Z' ? ['N', 'A'] : [trendCode];
  const seasons: SeasonType[] = seasonCode === 'Z' ? ['N', 'A', 'M'] : [seasonCode];
  const dampings = options.damped === undefined ? [true, false] : [options.damped];

  let best: EtsModel | null = null;
  for (const error of errors) {
    for (const trend of trends) {
      for (const seasonType of seasons) {
        for (const damped of dampings) {
          if (trend === 'N' && damped) continue;
          const spec: EtsSpec = { error, trend, damped, season: seasonType };
          if (isRestricted(spec)) continue;
          if (!positive && error === 'M') continue;
          const fit = optimiseSpec(y, spec, season, { criterion, maxEvaluations });
          if (fit === null || fit.aicc === null || Number.isNaN(fit.aicc)) continue;
          if (best === null ? fit.aicc < Infinity : fit.aicc < best.aicc!) best = fit;
        }
      }
    }
  }
  if (best === null) {
    throw new RangeError(`No ETS model could be fitted to these ${n} values; try a simpler model such as "ANN".`);
  }
  return best;
}

/** R's choice for tiny series: the requested season, else trend, else the better of Holt and SES. */
function fitTooShort(y: Float64Array, season: number, trend: TrendType | 'Z', seasonType: SeasonType | 'Z'): EtsModel {
  if (seasonType === 'A' || seasonType === 'M') {
    const fit = fitShortSeries(y, season, 'seasonal', seasonType);
    if (fit) return fit;
  }
  if (trend === 'A') {
    const fit = fitShortSeries(y, season, 'trend');
    if (fit) return fit;
  }
  if (trend === 'N' && seasonType === 'N') {
    const fit = fitShortSeries(y, season, 'level');
    if (fit) return fit;
  }
  const holt = fitShortSeries(y, season, 'trend');
  const level = fitShortSeries(y, season, 'level');
  if (holt && level) return holt.sigma2 < level.sigma2 ? holt : level;
  const fit = holt ?? level;
  if (!fit) throw new RangeError(`No exponential smoothing model could be fitted to these ${y.length} values.`);
  return fit;
}
