// Losses on the head's predictions, as torch.nn.MSELoss and torch.nn.HuberLoss with
// reduction='mean' over all B·K values. Accumulates in float64.

export type LossKind = 'mse' | 'huber';

/**
 * Returns the mean loss of pred against target (n values each) and, when `dPred` is given,
 * writes d loss / d pred into it. Huber: ½d² for |d| ≤ δ, δ(|d| − ½δ) beyond.
 */
export function lossAndGradient(dPred: Float32Array | null, pred: ArrayLike<number>, target: ArrayLike<number>, n: number, kind: LossKind, delta = 1): number {
  let sum = 0;
  const scale = 1 / n;
  if (kind === 'mse') {
    for (let i = 0; i < n; i++) {
      const d = pred[i] - target[i];
      sum += d * d;
      if (dPred) dPred[i] = 2 * d * scale;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const d = pred[i] - target[i];
      const a = Math.abs(d);
      if (a <= delta) {
        sum += 0.5 * d * d;
        if (dPred) dPred[i] = d * scale;
      } else {
        sum += delta * (a - 0.5 * delta);
        if (dPred) dPred[i] = (d > 0 ? delta : -delta) * scale;
      }
    }
  }
  return sum * scale;
}
