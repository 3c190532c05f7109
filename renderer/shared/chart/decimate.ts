// Display decimation for long series: per bucket (≈ one pixel column) keep each series' minimum
// and maximum in their time order, so a million points draw as a few thousand without losing a
// spike. Series share the x axis (uPlot's aligned data); NaN (missing) becomes null (a gap).

/** A chart's full-resolution data: x ascending, every series as long as x, NaN = no value. */
export interface Frame {
  x: Float64Array;
  series: Float64Array[];
}

export type Aligned = [number[], ...(number | null)[][]];

/** First index with x[i] >= value (x ascending). */
export function lowerBound(x: Float64Array, value: number): number {
  let lo = 0;
  let hi = x.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Indices [from, to) covering [min, max], plus one point each side so lines reach the edges. */
export function visibleIndices(x: Float64Array, min: number, max: number): [number, number] {
  const from = Math.max(0, lowerBound(x, min) - 1);
  const to = Math.min(x.length, lowerBound(x, max) + 2);
  return [from, Math.max(from, to)];
}

const orNull = (v: number): number | null => (v === v ? v : null);

/**
 * The points to draw for x in [min, max] with at most `buckets` columns: every point when
 * there are few, else two per bucket (each series' min and max, in the order they occur) at
 * the bucket's first and last x.
 */
export function decimate(frame: Frame, min: number, max: number, buckets: number): Aligned {
  const { x, series } = frame;
  const [from, to] = visibleIndices(x, min, max);
  const count = to - from;
  const k = series.length;
  if (count <= 2 * buckets) {
    const xs = new Array<number>(count);
    for (let i = 0; i < count; i++) xs[i] = x[from + i]!;
    const ys = series.map((s) => {
      const out = new Array<number | null>(count);
      for (let i = 0; i < count; i++) out[i] = orNull(s[from + i]!);
      return out;
    });
    return [xs, ...ys];
  }
  const n = Math.max(1, Math.floor(buckets));
  const xs = new Array<number>(2 * n);
  const ys = Array.from({ length: k }, () => new Array<number | null>(2 * n));
  for (let b = 0; b < n; b++) {
    const a = from + Math.floor((b * count) / n);
    const e = from + Math.floor(((b + 1) * count) / n); // exclusive, > a since count > 2n
    xs[2 * b] = x[a]!;
    xs[2 * b + 1] = x[e - 1]!;
    for (let j = 0; j < k; j++) {
      const s = series[j]!;
      let lo = Infinity;
      let hi = -Infinity;
      let loAt = -1;
      let hiAt = -1;
      for (let i = a; i < e; i++) {
        const v = s[i]!;
        if (v !== v) continue;
        if (v < lo) {
          lo = v;
          loAt = i;
        }
        if (v > hi) {
          hi = v;
          hiAt = i;
        }
      }
      const out = ys[j]!;
      if (loAt < 0) {
        out[2 * b] = null;
        out[2 * b + 1] = null;
      } else if (loAt <= hiAt) {
        out[2 * b] = lo;
        out[2 * b + 1] = hi;
      } else {
        out[2 * b] = hi;
        out[2 * b + 1] = lo;
      }
    }
  }
  return [xs, ...ys];
}
