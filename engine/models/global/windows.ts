// Windows of a series in model units for the global network, normalised by their last value.
// A window ending at e shows z[e−L+1..e] − z[e] (channel 0) with a mask (channel 1: 1 observed,
// 0 padding before the series starts), and its targets are z[e+1..e+K] − z[e].
//
// L = lookback, K = horizon (head outputs), C = 2 channels per step.

export const CHANNELS = 2;

/** Fills x (L, C) at xOffset and, when y is given, y (K) at yOffset; returns the level z[e]. */
export function fillWindow(
  x: Float32Array,
  xOffset: number,
  y: Float32Array | null,
  yOffset: number,
  z: ArrayLike<number>,
  end: number,
  lookback: number,
  horizon: number,
): number {
  const level = z[end];
  const start = end - lookback + 1;
  for (let j = 0; j < lookback; j++) {
    const t = start + j;
    const o = xOffset + j * CHANNELS;
    if (t < 0) {
      x[o] = 0;
      x[o + 1] = 0;
    } else {
      x[o] = z[t] - level;
      x[o + 1] = 1;
    }
  }
  if (y !== null) {
    for (let k = 0; k < horizon; k++) y[yOffset + k] = z[end + 1 + k] - level;
  }
  return level;
}

/** True when every value a window ending at `end` reads (history and, with targets, K after) is finite. */
export function windowIsFinite(z: ArrayLike<number>, end: number, lookback: number, horizon: number): boolean {
  const last = end + horizon;
  if (last >= z.length) return false;
  for (let t = Math.max(0, end - lookback + 1); t <= last; t++) if (!Number.isFinite(z[t])) return false;
  return true;
}
