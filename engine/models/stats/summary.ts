// Small summaries of a series that several models share: mean, constancy, finiteness.

/**
 * Arithmetic mean with one refinement pass (the mean of the residuals is added back), as R's
 * mean() does, so long sums of similar values lose no digits. NaN for an empty input.
 */
export function mean(x: ArrayLike<number>, from = 0, to = x.length): number {
  const n = to - from;
  if (n <= 0) return NaN;
  let s = 0;
  for (let i = from; i < to; i++) s += x[i];
  s /= n;
  if (!Number.isFinite(s)) return s;
  let t = 0;
  for (let i = from; i < to; i++) t += x[i] - s;
  return s + t / n;
}

/**
 * True when every value equals the first within R's all.equal() tolerance (mean absolute
 * difference ≤ 1.5e-8 relative to the mean absolute value, or absolute when that is tiny), the
 * test R's ets() and thetaf() use to treat a series as constant.
 */
export function isConstant(x: ArrayLike<number>): boolean {
  const n = x.length;
  if (n === 0) return true;
  const tolerance = 1.5e-8;
  let diff = 0;
  let size = 0;
  for (let i = 0; i < n; i++) {
    diff += Math.abs(x[i] - x[0]);
    size += Math.abs(x[i]);
  }
  diff /= n;
  size /= n;
  if (Number.isFinite(size) && size > tolerance) diff /= size;
  return diff <= tolerance;
}

/** Index of the first value that is not a finite number, or −1 when all are finite. */
export function firstNonFinite(x: ArrayLike<number>): number {
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i])) return i;
  return -1;
}

/** Smallest value (Infinity for an empty input). */
export function minimum(x: ArrayLike<number>): number {
  let m = Infinity;
  for (let i = 0; i < x.length; i++) if (x[i] < m) m = x[i];
  return m;
}
