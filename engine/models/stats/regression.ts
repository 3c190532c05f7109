// Least-squares fits the exponential-smoothing models start from: a straight line through a
// series (R's lsfit on 1..n), and a small linear model solved by Householder QR (R's lm).

export interface Line {
  intercept: number;
  slope: number;
}

/** Least-squares line y ≈ intercept + slope·x over the first n points. */
export function fitLine(x: ArrayLike<number>, y: ArrayLike<number>, n = y.length): Line {
  if (n < 1) throw new RangeError('fitLine needs at least one point.');
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    sxy += dx * (y[i] - my);
    sxx += dx * dx;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  return { intercept: my - slope * mx, slope };
}

/** Line through (start, y_0), (start + 1, y_1), …: x is start, start + 1, … . */
export function fitTrendLine(y: ArrayLike<number>, start: number, n = y.length): Line {
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = start + i;
  return fitLine(x, y, n);
}

/**
 * Coefficients b minimising ‖y − X·b‖ for X given by columns (each of length n = y.length),
 * by Householder QR. Throws when the columns are linearly dependent.
 */
export function leastSquares(columns: readonly Float64Array[], y: ArrayLike<number>): Float64Array {
  const n = y.length;
  const p = columns.length;
  if (n < p) throw new RangeError(`leastSquares: ${n} observations cannot fit ${p} coefficients.`);
  const a = columns.map((c) => Float64Array.from(c));
  const r = Float64Array.from(y);
  for (let k = 0; k < p; k++) {
    const col = a[k];
    let norm = 0;
    let scale = 0;
    for (let i = k; i < n; i++) {
      norm += col[i] * col[i];
      scale = Math.max(scale, Math.abs(columns[k][i]));
    }
    norm = Math.sqrt(norm);
    if (!(norm > 1e-12 * scale)) throw new RangeError(`leastSquares: column ${k + 1} depends on the others.`);
    const alpha = col[k] > 0 ? -norm : norm;
    // Householder vector v = col[k..] − alpha·e_k, stored in place of col[k..];
    // ‖v‖² = ‖col[k..]‖² − col[k]² + (col[k] − alpha)².
    const head = col[k];
    col[k] = head - alpha;
    const vv = norm * norm - head * head + col[k] * col[k];
    const reflect = (target: Float64Array): void => {
      let dot = 0;
      for (let i = k; i < n; i++) dot += col[i] * target[i];
      const f = (2 * dot) / vv;
      for (let i = k; i < n; i++) target[i] -= f * col[i];
    };
    for (let j = k + 1; j < p; j++) reflect(a[j]);
    reflect(r);
    // After reflection the diagonal of R is alpha; keep it for the back substitution.
    for (let i = k + 1; i < n; i++) col[i] = 0;
    col[k] = alpha;
  }
  const b = new Float64Array(p);
  for (let k = p - 1; k >= 0; k--) {
    let s = r[k];
    for (let j = k + 1; j < p; j++) s -= a[j][k] * b[j];
    b[k] = s / a[k][k];
  }
  return b;
}
