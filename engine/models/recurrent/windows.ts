// Sliding windows for direct multi-output forecasting and the time split around them.
// A window "ending at e" has inputs at rows e−L+1..e and targets at rows e+1..e+h.
// F = feature channels per step (channel 0 is the scaled target), L = lookback, h = horizon.

/** Where windows and the training part lie in a series of n points (all indices inclusive). */
export interface SplitPlan {
  lookback: number;
  horizon: number;
  /** Window ends used for training: firstTrainEnd..lastTrainEnd. */
  firstTrainEnd: number;
  lastTrainEnd: number;
  /** Window ends used for validation (early stopping, model choice, interval calibration). */
  firstValEnd: number;
  lastValEnd: number;
  /** Points 0..fitLength−1 are the training part: scalers are fit on them only. */
  fitLength: number;
}

export interface SplitOptions {
  /** Number of validation windows; overrides the share (so candidates with different lookbacks share them). */
  validationWindows?: number;
  /** Share of all windows held out for validation (default 0.2). */
  validationShare?: number;
  /** Bounds on the number of validation windows. */
  minValidation?: number;
  maxValidation?: number;
  /** Keep at most this many training windows, the most recent ones. */
  maxTrainWindows?: number;
  /** Fewest training windows that still make sense to learn from. */
  minTrainWindows?: number;
}

/**
 * Training windows, then (after a gap of h−1 ends so no training target falls in the
 * validation tail) the validation windows, which end h points before the series does: the
 * last validation window's targets are the last h points.
 */
export function planSplit(n: number, lookback: number, horizon: number, options: SplitOptions = {}): SplitPlan {
  const minTrain = options.minTrainWindows ?? 8;
  const totalWindows = n - lookback - horizon + 1;
  const lastValEnd = n - horizon - 1;
  // Validation windows: a share of all windows, within bounds, leaving enough to train on.
  let nVal = options.validationWindows ?? validationWindowCount(totalWindows, options);
  const maxVal = totalWindows - (horizon - 1) - minTrain;
  nVal = Math.min(nVal, maxVal);
  if (nVal < 1) {
    const need = lookback + 2 * horizon + minTrain;
    throw new RangeError(
      `Too little data: ${n} points leave no room for training and validation windows with lookback ${lookback} ` +
        `and horizon ${horizon} (need at least ${need}). Use a shorter lookback or horizon, or more data.`,
    );
  }
  const firstValEnd = lastValEnd - nVal + 1;
  const lastTrainEnd = firstValEnd - horizon;
  let firstTrainEnd = lookback - 1;
  if (options.maxTrainWindows !== undefined) {
    firstTrainEnd = Math.max(firstTrainEnd, lastTrainEnd - options.maxTrainWindows + 1);
  }
  return { lookback, horizon, firstTrainEnd, lastTrainEnd, firstValEnd, lastValEnd, fitLength: firstValEnd + 1 };
}

/** Validation windows for a series with `totalWindows` windows: a share, within bounds. */
export function validationWindowCount(totalWindows: number, options: SplitOptions = {}): number {
  const nVal = Math.ceil((options.validationShare ?? 0.2) * totalWindows);
  return Math.min(Math.max(nVal, options.minValidation ?? 4), options.maxValidation ?? 512);
}

/**
 * Per-window anchoring of the target channel: the network predicts the targets minus an anchor
 * forecast, so its zero-initialised head starts from that simple forecast. 'none' (global
 * scaling only: anchor 0), 'last' (the window's last value: the network predicts changes,
 * which suits trending and random-walk series), 'mean' (the window's mean: suits noisy,
 * mean-reverting ones), 'season' (the value one season before each target, i.e. the seasonal
 * naive forecast; inputs are taken relative to the last value as with 'last'). 'season' needs
 * windows of at least one season (lookback ≥ m).
 */
export const NORMALISATIONS = ['none', 'last', 'mean', 'season'] as const;

export type Normalisation = (typeof NORMALISATIONS)[number];

/**
 * Fill batch buffers for the windows ending at `ends[from..from+B)`.
 * features (n, F) row-major, channel 0 = scaled target. x out (B, L, F); y out (B, h) or null
 * when the targets are unknown (forecasting past the data); anchors out (B, h): the anchor
 * forecast per target step (see Normalisation), subtracted from the targets; the window's level
 * (0, last value or mean) is subtracted from channel 0 of the inputs. m = season length.
 */
export function fillWindows(
  x: Float32Array,
  y: Float32Array | null,
  anchors: Float64Array,
  features: Float32Array,
  channels: number,
  ends: ArrayLike<number>,
  from: number,
  batch: number,
  lookback: number,
  horizon: number,
  normalisation: Normalisation,
  season: number,
): void {
  const F = channels;
  const m = Math.max(1, season);
  if (normalisation === 'season' && lookback < m) {
    throw new RangeError(`Seasonal anchoring needs a lookback of at least one season (${m}); got ${lookback}.`);
  }
  for (let b = 0; b < batch; b++) {
    const e = ends[from + b];
    const start = e - lookback + 1;
    let level = 0;
    if (normalisation === 'last' || normalisation === 'season') level = features[e * F];
    else if (normalisation === 'mean') {
      for (let j = 0; j < lookback; j++) level += features[(start + j) * F];
      level /= lookback;
    }
    const ab = b * horizon;
    for (let k = 1; k <= horizon; k++) {
      // Step k's seasonal anchor is row e + k − m·⌈k/m⌉: inside the window since lookback ≥ m.
      anchors[ab + k - 1] = normalisation === 'season' ? features[(e + k - m * Math.ceil(k / m)) * F] : level;
    }
    const xb = b * lookback * F;
    for (let j = 0; j < lookback; j++) {
      const src = (start + j) * F;
      const dst = xb + j * F;
      x[dst] = features[src] - level;
      for (let c = 1; c < F; c++) x[dst + c] = features[src + c];
    }
    if (y !== null) {
      for (let k = 0; k < horizon; k++) y[ab + k] = features[(e + 1 + k) * F] - anchors[ab + k];
    }
  }
}

/**
 * The head extras of the windows ending at `ends[from..from+B)`: the known covariates at each
 * window's forecast steps. known (N, Ck) row-major (buildKnownInputs), extras out (B, h·Ck)
 * with step k's channel c at k·Ck + c. A window ending at e reads rows e+1..e+h, which must
 * exist (N > e + h).
 */
export function fillHeadExtras(
  extras: Float32Array,
  known: Float32Array,
  knownChannels: number,
  ends: ArrayLike<number>,
  from: number,
  batch: number,
  horizon: number,
): void {
  const Ck = knownChannels;
  const E = horizon * Ck;
  const rows = known.length / Math.max(1, Ck);
  for (let b = 0; b < batch; b++) {
    const e = ends[from + b];
    if (e + horizon >= rows) {
      throw new RangeError(`Known covariates cover ${rows} rows; forecasting ${horizon} steps after row ${e + 1} needs ${e + horizon + 1}.`);
    }
    const src = (e + 1) * Ck;
    const dst = b * E;
    for (let i = 0; i < E; i++) extras[dst + i] = known[src + i];
  }
}

/** Consecutive integers first..last as an Int32Array (window ends). */
export function range(first: number, last: number): Int32Array {
  const out = new Int32Array(Math.max(0, last - first + 1));
  for (let i = 0; i < out.length; i++) out[i] = first + i;
  return out;
}
