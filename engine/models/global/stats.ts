// Small order statistics shared by training (interval tables) and forecasting (seed medians).

/** Quantile of sorted values at probability p (R's type 7, linear between order statistics). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Median of a small array (sorted in place). */
export function medianOf(values: Float64Array): number {
  values.sort();
  const n = values.length;
  return n % 2 ? values[(n - 1) >> 1] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}
