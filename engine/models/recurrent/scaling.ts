// Transforms between data units and the network's units. Every scaler is fit on the training
// part only (the first `fitLength` points), so the validation tail and the hidden backtest
// never shape it.

/** Target: optional natural log (strictly positive series only), then standardisation. */
export interface TargetTransform {
  log: boolean;
  mean: number;
  std: number;
}

/** Covariate column: standardisation. */
export interface ColumnScaler {
  mean: number;
  std: number;
}

export function canUseLog(values: ArrayLike<number>, fitLength: number): boolean {
  for (let i = 0; i < fitLength; i++) if (!(values[i] > 0)) return false;
  return fitLength > 0;
}

export function fitTargetTransform(values: ArrayLike<number>, fitLength: number, log: boolean): TargetTransform {
  if (log && !canUseLog(values, fitLength)) {
    throw new RangeError('A log transform needs a strictly positive target in the training part.');
  }
  const { mean, std } = meanStd(values, fitLength, log);
  return { log, mean, std };
}

export function fitColumnScaler(values: ArrayLike<number>, fitLength: number): ColumnScaler {
  return meanStd(values, fitLength, false);
}

/** Data units → network units. */
export function forwardTarget(value: number, tr: TargetTransform): number {
  return ((tr.log ? Math.log(value) : value) - tr.mean) / tr.std;
}

/** Network units → data units. */
export function inverseTarget(scaled: number, tr: TargetTransform): number {
  const z = scaled * tr.std + tr.mean;
  return tr.log ? Math.exp(z) : z;
}

export function scaleColumn(value: number, sc: ColumnScaler): number {
  return (value - sc.mean) / sc.std;
}

function meanStd(values: ArrayLike<number>, n: number, log: boolean): ColumnScaler {
  if (n < 1) throw new RangeError('Cannot fit a scaler on an empty training part.');
  let sum = 0;
  for (let i = 0; i < n; i++) sum += log ? Math.log(values[i]) : values[i];
  const mean = sum / n;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    const d = (log ? Math.log(values[i]) : values[i]) - mean;
    sq += d * d;
  }
  const std = Math.sqrt(sq / n);
  // A constant column carries no information; dividing by ~0 would blow up the inputs.
  return { mean, std: std > 1e-12 * (Math.abs(mean) + 1) ? std : 1 };
}
