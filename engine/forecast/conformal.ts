// Split conformal prediction intervals: the finite-sample quantile ⌈(n+1)(1−α)⌉/n of the
// absolute validation residuals, one per horizon step (kept non-decreasing along the horizon).
// With too few validation windows for that quantile to exist, residuals are pooled across steps
// after dividing each step by its mean absolute residual, and scaled back per step; with too few
// even pooled, a normal approximation from their spread. Widths are always finite.
import { normalQuantile } from '../models/stats/normal';

export interface ConformalWidths {
  /** Half-widths per horizon step, in the units the residuals were measured in. */
  q80: Float64Array;
  q95: Float64Array;
  /**
   * 'per-step', 'pooled' (too few windows for a per-step quantile), 'normal' (too few even
   * pooled: z × the residuals' spread), or 'model' (the model's own error tables, see ensemble.ts).
   */
  method: 'per-step' | 'pooled' | 'normal' | 'model';
  /** Validation windows the widths come from. */
  windows: number;
}

/** ⌈(n+1)(1−α)⌉-th smallest of `values` (sorted copy); Infinity when that exceeds n. */
export function conformalQuantile(values: ArrayLike<number>, alpha: number): number {
  const n = values.length;
  const rank = Math.ceil((n + 1) * (1 - alpha) - 1e-9);
  if (n === 0 || rank > n) return Infinity;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.max(rank, 1) - 1];
}

/** Fewest calibration points for which the finite-sample quantile at level 1−α is finite. */
export function minCalibrationSize(alpha: number): number {
  return Math.ceil((1 - alpha) / alpha - 1e-9);
}

/**
 * residuals (n, h) row-major absolute errors |actual − predicted| of n validation windows.
 * Rows with a NaN (a missing actual) are skipped per value.
 */
export function conformalWidths(residuals: Float64Array, windows: number, horizon: number): ConformalWidths {
  const perStep: number[][] = Array.from({ length: horizon }, () => []);
  for (let i = 0; i < windows; i++) {
    for (let k = 0; k < horizon; k++) {
      const r = residuals[i * horizon + k];
      if (!Number.isNaN(r)) perStep[k].push(Math.abs(r));
    }
  }
  const fewest = Math.min(...perStep.map((s) => s.length));
  const q80 = new Float64Array(horizon);
  const q95 = new Float64Array(horizon);
  if (fewest >= minCalibrationSize(0.05)) {
    for (let k = 0; k < horizon; k++) {
      q80[k] = conformalQuantile(perStep[k], 0.2);
      q95[k] = conformalQuantile(perStep[k], 0.05);
    }
    monotone(q80);
    monotone(q95);
    return { q80, q95, method: 'per-step', windows };
  }
  // Pooled, scale-normalised residuals: each step's typical error sets its width, the pooled
  // distribution of the normalised errors sets the multiplier.
  const scales = perStep.map((s) => (s.length ? s.reduce((a, b) => a + b, 0) / s.length : 0));
  const pooled: number[] = [];
  perStep.forEach((s, k) => {
    if (scales[k] > 0) for (const r of s) pooled.push(r / scales[k]);
  });
  const conformal = pooled.length >= minCalibrationSize(0.05);
  const [m80, m95] = conformal ? [conformalQuantile(pooled, 0.2), conformalQuantile(pooled, 0.05)] : normalMultipliers(pooled);
  // A step without any error (a constant series, or no residual at all) gets a zero width, not 0·∞.
  const stepScale = (k: number) => scales[k] > 0 ? scales[k] : k > 0 ? scales[k - 1] : 0;
  for (let k = 0; k < horizon; k++) {
    scales[k] = stepScale(k);
    q80[k] = scales[k] === 0 ? 0 : m80 * scales[k];
    q95[k] = scales[k] === 0 ? 0 : m95 * scales[k];
  }
  monotone(q80);
  monotone(q95);
  return { q80, q95, method: conformal ? 'pooled' : 'normal', windows };
}

/**
 * The 80% and 95% multipliers of normal errors with the spread of the normalised residuals
 * `pooled` (their root mean square), widened by √(1 + 1/n) for estimating it from n of them.
 */
function normalMultipliers(pooled: readonly number[]): [number, number] {
  const n = pooled.length;
  if (n === 0) return [0, 0];
  const rms = Math.sqrt(pooled.reduce((a, r) => a + r * r, 0) / n) * Math.sqrt(1 + 1 / n);
  return [normalQuantile(0.9) * rms, normalQuantile(0.975) * rms];
}

/**
 * Widths never shrink further ahead: a later step is at least as uncertain as an earlier one,
 * and a per-step quantile from a few dozen windows is noisy enough to dip below that.
 */
function monotone(q: Float64Array): void {
  for (let k = 1; k < q.length; k++) if (q[k] < q[k - 1]) q[k] = q[k - 1];
}
