// Where the roots of a real polynomial lie relative to a circle, without finding them: the
// Schur–Cohn test. Used by the ETS admissibility check (the characteristic equation of a
// seasonal model), which runs at every objective evaluation, so it works in a caller's buffer.

/**
 * True when every root of c[0]·z^d + c[1]·z^(d−1) + … + c[d] (highest power first) has
 * modulus below `radius`. `work` needs at least 2·c.length entries and is overwritten.
 * Zero leading coefficients are dropped (the polynomial has lower degree).
 */
export function rootsInsideRadius(c: ArrayLike<number>, radius: number, work: Float64Array): boolean {
  let first = 0;
  while (first < c.length && c[first] === 0) first++;
  let d = c.length - 1 - first;
  if (d <= 0) return true;
  // p(radius·w) = Σ c_k radius^(d−k) w^(d−k): roots |z| < radius ⇔ roots |w| < 1. Stored lowest
  // power first: work[k] is the coefficient of w^k.
  let scale = 1;
  for (let k = 0; k <= d; k++) {
    work[k] = c[first + d - k] * scale;
    scale *= radius;
  }
  // Schur's reduction: p has all roots in the open unit disk iff |p_0| < |p_d| and
  // q(w) = (p(w) − (p_0/p_d)·p*(w)) / w does, where p* reverses the coefficients. The
  // coefficients alternate between the two halves of `work`.
  const half = c.length;
  let from = 0;
  let to = half;
  while (d > 0) {
    const lead = work[from + d];
    const tail = work[from];
    if (!(Math.abs(tail) < Math.abs(lead))) return false;
    const ratio = tail / lead;
    for (let k = 0; k < d; k++) work[to + k] = work[from + k + 1] - ratio * work[from + d - 1 - k];
    from = to;
    to = half - to;
    d--;
  }
  return true;
}
