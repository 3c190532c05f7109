// Adam with optional (L2, coupled) weight decay and global-norm gradient clipping, following
// torch.optim.Adam (https://pytorch.org/docs/stable/generated/torch.optim.Adam.html) and
// torch.nn.utils.clip_grad_norm_. Parameters, gradients and moments are flat float32 blocks
// in the same layout, so the update is one loop.

export interface AdamSettings {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  weightDecay: number;
}

/** Σ g² in float64 (NaN or Infinity when any gradient is non-finite). */
export function sumOfSquares(g: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < g.length; i++) s += g[i] * g[i];
  return s;
}

/**
 * Factor clip_grad_norm_ applies to the gradients for a global L2 norm `norm`:
 * maxNorm / (norm + 1e-6) when that is below 1, else 1.
 */
export function clipFactor(norm: number, maxNorm: number | undefined): number {
  if (maxNorm === undefined) return 1;
  const coef = maxNorm / (norm + 1e-6);
  return coef < 1 ? coef : 1;
}

/**
 * One Adam step (step = 1 for the first) with gradients g·gradScale:
 *   g ← g·gradScale + weightDecay·p
 *   m ← β1 m + (1 − β1) g;  v ← β2 v + (1 − β2) g²
 *   p ← p − lr/(1 − β1^step) · m / (√v / √(1 − β2^step) + ε)
 */
export function adamStep(p: Float32Array, g: ArrayLike<number>, m: Float32Array, v: Float32Array, step: number, s: AdamSettings, gradScale: number): void {
  const { beta1, beta2, epsilon, weightDecay } = s;
  const stepSize = s.learningRate / (1 - Math.pow(beta1, step));
  const bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
  for (let i = 0; i < p.length; i++) {
    const gi = g[i] * gradScale + weightDecay * p[i];
    const mi = (m[i] = beta1 * m[i] + (1 - beta1) * gi);
    const vi = (v[i] = beta2 * v[i] + (1 - beta2) * gi * gi);
    p[i] -= (stepSize * mi) / (Math.sqrt(vi) / bc2Sqrt + epsilon);
  }
}
