// Minimisation inside a box lower ≤ x ≤ upper by a limited-memory BFGS method for bound
// constraints, after R's optim(method = "L-BFGS-B") (Byrd, Lu, Nocedal & Zhu 1995): the same
// finite-difference gradient (steps of 1e-3, one-sided at a bound), generalised Cauchy point,
// subspace Newton step and stopping rules, with a backtracking line search in place of
// Moré–Thuente's, so a small fit lands in the basin R's does when the objective has several.
// Written for a handful of parameters: matrices are dense.
//
// n = number of parameters; up to `memory` (s, y) pairs form B = BFGS updates of θ·I.

import type { Objective } from './nelderMead';

export interface BoxMinimizeOptions {
  /** Stop when the relative reduction of f falls below factr·ε (R: 1e7). */
  factr?: number;
  /** Stop when the projected gradient's largest component is ≤ this (R: 0). */
  pgtol?: number;
  /** Finite-difference step (R's ndeps: 1e-3). */
  gradientStep?: number;
  /** Correction pairs kept (R: 5). */
  memory?: number;
  maxIterations?: number;
}

export interface BoxMinimizeResult {
  x: Float64Array;
  value: number;
  iterations: number;
}

/** Minimises f over the box from x0 (moved into the box first). Throws if f(x0) is not finite. */
export function boxMinimize(
  f: Objective,
  x0: ArrayLike<number>,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
  options: BoxMinimizeOptions = {},
): BoxMinimizeResult {
  const n = x0.length;
  const factr = options.factr ?? 1e7;
  const pgtol = options.pgtol ?? 0;
  const step = options.gradientStep ?? 1e-3;
  const memory = options.memory ?? 5;
  const maxIterations = options.maxIterations ?? 100;

  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = Math.min(upper[i], Math.max(lower[i], x0[i]));
  let value = f(x);
  if (!Number.isFinite(value)) throw new RangeError('Box minimisation: the objective is not finite at the start.');
  let g = gradient(f, x, lower, upper, step);

  const pairs: { s: Float64Array; y: Float64Array }[] = [];
  let theta = 1;
  let iterations = 0;
  while (iterations < maxIterations && projectedGradientNorm(x, g, lower, upper) > pgtol) {
    const b = bfgsMatrix(pairs, theta, n);
    const target = cauchyPoint(x, g, b, lower, upper);
    if (pairs.length > 0) subspaceStep(x, g, b, target, lower, upper);
    const d = new Float64Array(n);
    let slope = 0;
    for (let i = 0; i < n; i++) {
      d[i] = target[i] - x[i];
      slope += g[i] * d[i];
    }
    if (!(slope < 0)) {
      // Not a descent direction: forget the curvature pairs and start again from steepest descent.
      if (pairs.length === 0) break;
      pairs.length = 0;
      theta = 1;
      continue;
    }
    // Backtracking from the full step with the sufficient-decrease rule (ftol = 1e-3).
    let t = 1;
    const trial = new Float64Array(n);
    let trialValue = Infinity;
    let accepted = false;
    for (let attempt = 0; attempt < 30; attempt++) {
      for (let i = 0; i < n; i++) trial[i] = Math.min(upper[i], Math.max(lower[i], x[i] + t * d[i]));
      trialValue = f(trial);
      if (Number.isFinite(trialValue) && trialValue <= value + 1e-3 * t * slope) {
        accepted = true;
        break;
      }
      const excess = trialValue - value - slope * t;
      const quadratic = Number.isFinite(excess) && excess > 0 ? (-slope * t * t) / (2 * excess) : 0.5 * t;
      t = Math.min(0.5 * t, Math.max(0.1 * t, quadratic));
    }
    if (!accepted) break;
    const gNew = gradient(f, trial, lower, upper, step);
    iterations++;
    const reduction = (value - trialValue) / Math.max(Math.abs(value), Math.abs(trialValue), 1);
    const s = new Float64Array(n);
    const yv = new Float64Array(n);
    let sy = 0;
    let yy = 0;
    for (let i = 0; i < n; i++) {
      s[i] = trial[i] - x[i];
      yv[i] = gNew[i] - g[i];
      sy += s[i] * yv[i];
      yy += yv[i] * yv[i];
    }
    x.set(trial);
    value = trialValue;
    g = gNew;
    if (reduction <= factr * Number.EPSILON) break;
    if (sy > Number.EPSILON * yy) {
      pairs.push({ s, y: yv });
      if (pairs.length > memory) pairs.shift();
      theta = yy / sy;
    }
  }
  return { x, value, iterations };
}

/** Central differences, one-sided where a step would leave the box (as R's optim). */
function gradient(f: Objective, x: Float64Array, lower: ArrayLike<number>, upper: ArrayLike<number>, step: number): Float64Array {
  const n = x.length;
  const g = new Float64Array(n);
  const probe = Float64Array.from(x);
  for (let i = 0; i < n; i++) {
    const up = Math.min(upper[i], x[i] + step);
    const down = Math.max(lower[i], x[i] - step);
    probe[i] = up;
    const fUp = f(probe);
    probe[i] = down;
    const fDown = f(probe);
    probe[i] = x[i];
    g[i] = up > down ? (fUp - fDown) / (up - down) : 0;
  }
  return g;
}

/** Largest component of the gradient projected on the box. */
function projectedGradientNorm(x: Float64Array, g: Float64Array, lower: ArrayLike<number>, upper: ArrayLike<number>): number {
  let norm = 0;
  for (let i = 0; i < x.length; i++) {
    const gi = g[i] < 0 ? Math.max(x[i] - upper[i], g[i]) : Math.min(x[i] - lower[i], g[i]);
    norm = Math.max(norm, Math.abs(gi));
  }
  return norm;
}

/** Dense n×n BFGS matrix: θ·I updated by each (s, y) pair, oldest first. */
function bfgsMatrix(pairs: readonly { s: Float64Array; y: Float64Array }[], theta: number, n: number): Float64Array {
  const b = new Float64Array(n * n);
  for (let i = 0; i < n; i++) b[i * n + i] = theta;
  const bs = new Float64Array(n);
  for (const { s, y } of pairs) {
    let sbs = 0;
    let sy = 0;
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let j = 0; j < n; j++) v += b[i * n + j] * s[j];
      bs[i] = v;
      sbs += s[i] * v;
      sy += s[i] * y[i];
    }
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) b[i * n + j] += (y[i] * y[j]) / sy - (bs[i] * bs[j]) / sbs;
  }
  return b;
}

/**
 * The first minimiser of the quadratic model g·z + ½zᵀBz along the projected steepest-descent
 * path x(t) = P(x − t·g), walked breakpoint by breakpoint.
 */
function cauchyPoint(x: Float64Array, g: Float64Array, b: Float64Array, lower: ArrayLike<number>, upper: ArrayLike<number>): Float64Array {
  const n = x.length;
  const d = new Float64Array(n);
  const breaks: { t: number; i: number }[] = [];
  for (let i = 0; i < n; i++) {
    const t = g[i] < 0 ? (x[i] - upper[i]) / g[i] : g[i] > 0 ? (x[i] - lower[i]) / g[i] : Infinity;
    if (t > 0) d[i] = -g[i];
    if (t > 0 && t < Infinity) breaks.push({ t, i });
  }
  breaks.sort((a, c) => a.t - c.t);
  const xc = Float64Array.from(x);
  let tSum = 0;
  for (let k = 0; k <= breaks.length; k++) {
    // Model slope and curvature along d from the current point xc.
    let f1 = 0;
    let f2 = 0;
    for (let i = 0; i < n; i++) {
      if (d[i] === 0) continue;
      let bz = 0;
      let bd = 0;
      for (let j = 0; j < n; j++) {
        bz += b[i * n + j] * (xc[j] - x[j]);
        bd += b[i * n + j] * d[j];
      }
      f1 += d[i] * (g[i] + bz);
      f2 += d[i] * bd;
    }
    if (f1 >= 0) return xc;
    const dtm = f2 > 0 ? -f1 / f2 : Infinity;
    const next = k < breaks.length ? breaks[k].t : Infinity;
    if (dtm < next - tSum) {
      for (let i = 0; i < n; i++) xc[i] += dtm * d[i];
      return xc;
    }
    if (next === Infinity) return xc;
    for (let i = 0; i < n; i++) xc[i] += (next - tSum) * d[i];
    const hit = breaks[k].i;
    xc[hit] = d[hit] > 0 ? upper[hit] : lower[hit];
    d[hit] = 0;
    tSum = next;
  }
  return xc;
}

/**
 * Newton step of the quadratic model over the variables left free at the Cauchy point,
 * truncated so they stay in the box; moves `target` (the Cauchy point) in place.
 */
function subspaceStep(x: Float64Array, g: Float64Array, b: Float64Array, target: Float64Array, lower: ArrayLike<number>, upper: ArrayLike<number>): void {
  const n = x.length;
  const free: number[] = [];
  for (let i = 0; i < n; i++) if (target[i] > lower[i] && target[i] < upper[i]) free.push(i);
  const k = free.length;
  if (k === 0) return;
  // Reduced system B_FF·dF = −(g + B·(xc − x))_F, solved by Gaussian elimination.
  const a = new Float64Array(k * (k + 1));
  for (let r = 0; r < k; r++) {
    const i = free[r];
    let rhs = g[i];
    for (let j = 0; j < n; j++) rhs += b[i * n + j] * (target[j] - x[j]);
    for (let c = 0; c < k; c++) a[r * (k + 1) + c] = b[i * n + free[c]];
    a[r * (k + 1) + k] = -rhs;
  }
  const dF = solve(a, k);
  if (!dF) return;
  let alpha = 1;
  for (let r = 0; r < k; r++) {
    const i = free[r];
    if (dF[r] < 0) alpha = Math.min(alpha, (lower[i] - target[i]) / dF[r]);
    else if (dF[r] > 0) alpha = Math.min(alpha, (upper[i] - target[i]) / dF[r]);
  }
  for (let r = 0; r < k; r++) target[free[r]] += alpha * dF[r];
}

/** Solves the k×k system held row-wise with its right-hand side in column k; null if singular. */
function solve(a: Float64Array, k: number): Float64Array | null {
  const w = k + 1;
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++) if (Math.abs(a[r * w + col]) > Math.abs(a[pivot * w + col])) pivot = r;
    if (a[pivot * w + col] === 0) return null;
    if (pivot !== col) {
      for (let c = 0; c < w; c++) {
        const t = a[col * w + c];
        a[col * w + c] = a[pivot * w + c];
        a[pivot * w + c] = t;
      }
    }
    for (let r = col + 1; r < k; r++) {
      const factor = a[r * w + col] / a[col * w + col];
      for (let c = col; c < w; c++) a[r * w + c] -= factor * a[col * w + c];
    }
  }
  const out = new Float64Array(k);
  for (let r = k - 1; r >= 0; r--) {
    let s = a[r * w + k];
    for (let c = r + 1; c < k; c++) s -= a[r * w + c] * out[c];
    out[r] = s / a[r * w + r];
  }
  return out;
}
