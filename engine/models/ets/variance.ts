// Forecast means and variances of ETS models in closed form (Hyndman et al. 2008, ch. 6, as
// R's forecast.ets computes them): class 1 = additive error, no multiplicative component;
// class 2 = multiplicative error, additive or no trend and season; class 3 = multiplicative
// error and multiplicative season. These cover every model fitEts can return.
//
// p = state length; state order [l, b?, s_0 … s_{m−1}]; F (p×p) the transition, G (p) the
// error loadings, H (p) the measurement row: ŷ_{t+1} = H·x_t, x_{t+1} = F·x_t + G·e.

import type { EtsModel } from './model';

export interface MeanAndVariance {
  mean: Float64Array;
  variance: Float64Array;
}

/** Means and forecast variances for steps 1..h from the final state `state`. */
export function forecastVariance(model: EtsModel, state: ArrayLike<number>, h: number): MeanAndVariance {
  const { error, season } = model.spec;
  if (error === 'M' && season === 'M') return multiplicativeSeasonal(model, state, h);
  const linear = linearClass(model, state, h);
  if (error === 'A') return { mean: linear.mean, variance: linear.variance };
  // Class 2: θ_1 = μ_1², θ_j = μ_j² + σ²·Σ_{i<j} c_i²·θ_{j−i}; var_j = (1 + σ²)·θ_j − μ_j².
  const sigma2 = model.sigma2;
  const { mean, c } = linear;
  const theta = new Float64Array(h);
  const variance = new Float64Array(h);
  for (let j = 0; j < h; j++) {
    let sum = 0;
    for (let i = 0; i < j; i++) sum += c[i] * c[i] * theta[j - 1 - i];
    theta[j] = mean[j] * mean[j] + sigma2 * sum;
    variance[j] = (1 + sigma2) * theta[j] - mean[j] * mean[j];
  }
  return { mean, variance };
}

/**
 * Class 1: μ_j = H·F^(j−1)·x, c_j = H·F^(j−1)·G, var_j = σ²·(1 + Σ_{i<j} c_i²).
 * Returns c_1 … c_{h−1} too (class 2 builds on them).
 */
function linearClass(model: EtsModel, state: ArrayLike<number>, h: number): { mean: Float64Array; variance: Float64Array; c: Float64Array } {
  const trend = model.spec.trend === 'A';
  const seasonal = model.spec.season !== 'N';
  const m = model.period;
  const p = state.length;
  const phi = model.phi;
  const seasonAt = trend ? 2 : 1;

  const g = new Float64Array(p);
  g[0] = model.alpha;
  if (trend) g[1] = model.beta;
  if (seasonal) g[seasonAt] = model.gamma;

  // row = H·F^(j−1), advanced by row ← row·F.
  const row = new Float64Array(p);
  const next = new Float64Array(p);
  row[0] = 1;
  if (trend) row[1] = phi;
  if (seasonal) row[p - 1] = 1;

  const mean = new Float64Array(h);
  const c = new Float64Array(Math.max(0, h - 1));
  const variance = new Float64Array(h);
  let sumC2 = 0;
  for (let j = 0; j < h; j++) {
    let mu = 0;
    let cj = 0;
    for (let i = 0; i < p; i++) {
      mu += row[i] * state[i];
      cj += row[i] * g[i];
    }
    mean[j] = mu;
    variance[j] = model.sigma2 * (1 + sumC2);
    if (j < h - 1) {
      c[j] = cj;
      sumC2 += cj * cj;
    }
    // (row·F)_0 = row_0; (row·F)_1 = φ·(row_0 + row_1); season: F maps s_{k−1} → s_k and s_{m−1} → s_0.
    next[0] = row[0];
    if (trend) next[1] = phi * (row[0] + row[1]);
    if (seasonal) {
      for (let k = 0; k < m - 1; k++) next[seasonAt + k] = row[seasonAt + k + 1];
      next[seasonAt + m - 1] = row[seasonAt];
    }
    row.set(next);
  }
  return { mean, variance, c };
}

/**
 * Class 3 (multiplicative error and season, trend none or additive): the state splits into
 * the level part M (k = 1 or 2 rows: l, b) times the seasonal row; its mean M_h and the
 * covariance V_h of vec(M_h) evolve by Kronecker-product recursions (Hyndman et al. 2008,
 * §6.4). The variance is approximate, as in R.
 */
function multiplicativeSeasonal(model: EtsModel, state: ArrayLike<number>, h: number): MeanAndVariance {
  const trend = model.spec.trend === 'A';
  const m = model.period;
  const k = trend ? 2 : 1;
  const sigma2 = model.sigma2;
  const { alpha, beta, gamma } = model;
  const phi = model.phi;

  // F1, G1 (k×k); F2, G2 (m×m); all row-major.
  const f1 = trend ? [1, 1, 0, phi] : [1];
  const g1 = trend ? [alpha, alpha, beta, beta] : [alpha];
  const f2 = new Float64Array(m * m);
  f2[m - 1] = 1;
  for (let i = 1; i < m; i++) f2[i * m + (i - 1)] = 1;
  const g2 = new Float64Array(m * m);
  g2[m - 1] = gamma;

  const big = k * m;
  const f21 = kronecker(f2, m, m, f1, k, k);
  const g21 = kronecker(g2, m, m, g1, k, k);
  const kMatrix = add(kronecker(g2, m, m, f1, k, k), kronecker(f2, m, m, g1, k, k));
  // H21 = H2 ⊗ H1 picks the entries of vec(M) in the last seasonal column.
  const h21 = new Float64Array(big);
  for (let i = 0; i < k; i++) h21[(m - 1) * k + i] = 1;

  // M = [l, b]ᵀ · [s_0 … s_{m−1}] (k×m).
  let mh = seasonalProduct(state, k, m);
  let vh = new Float64Array(big * big);

  const mean = new Float64Array(h);
  const variance = new Float64Array(h);
  const f21t = transpose(f21, big, big);
  const g21t = transpose(g21, big, big);
  const kt = transpose(kMatrix, big, big);
  for (let step = 0; step < h; step++) {
    const mu = productMean(mh, k, m);
    mean[step] = mu;
    variance[step] = (1 + sigma2) * quadratic(h21, vh, big) + sigma2 * mu * mu;

    // vec(M), column-major: index j·k + i holds M[i][j].
    const v = new Float64Array(big);
    for (let i = 0; i < k; i++) for (let j = 0; j < m; j++) v[j * k + i] = mh[i * m + j];
    const vv = outer(v, v);
    const fvf = multiply3(f21, vh, f21t, big);
    const fvg = multiply3(f21, vh, g21t, big);
    const gvf = multiply3(g21, vh, f21t, big);
    const kvk = multiply3(kMatrix, add(vh, vv), kt, big);
    const gvg = multiply3(g21, add(scale(vh, 3), scale(vv, 2)), g21t, big);
    const nextV = new Float64Array(big * big);
    for (let i = 0; i < big * big; i++) nextV[i] = fvf[i] + sigma2 * (fvg[i] + gvf[i] + kvk[i] + sigma2 * gvg[i]);
    vh = nextV;
    mh = advanceProduct(mh, model, k, m);
  }
  return { mean, variance };
}

/**
 * Point forecasts (the forecast means R reports) for steps 1..h from `state`: for class 3 the
 * mean of the level–season product, which after one season picks up a σ²·γ correction; for
 * the other classes the state-space forecast H·F^(j−1)·x.
 */
export function forecastMean(model: EtsModel, state: ArrayLike<number>, h: number): Float64Array {
  if (model.spec.error === 'M' && model.spec.season === 'M') {
    const k = model.spec.trend === 'A' ? 2 : 1;
    const m = model.period;
    const mean = new Float64Array(h);
    let mh = seasonalProduct(state, k, m);
    for (let step = 0; step < h; step++) {
      mean[step] = productMean(mh, k, m);
      mh = advanceProduct(mh, model, k, m);
    }
    return mean;
  }
  return linearClass(model, state, h).mean;
}

/** M = [l, b]ᵀ · [s_0 … s_{m−1}] (k×m, row-major). */
function seasonalProduct(state: ArrayLike<number>, k: number, m: number): Float64Array {
  const mh = new Float64Array(k * m);
  for (let i = 0; i < k; i++) for (let j = 0; j < m; j++) mh[i * m + j] = state[i] * state[k + j];
  return mh;
}

/** μ = H1·M·H2ᵀ: the sum of M's last column (level and trend times the season used next). */
function productMean(mh: Float64Array, k: number, m: number): number {
  let mu = 0;
  for (let i = 0; i < k; i++) mu += mh[i * m + (m - 1)];
  return mu;
}

/**
 * M ← F1·M·F2ᵀ + σ²·G1·M·G2ᵀ. F2ᵀ rotates the columns (column m−1 becomes column 0), F1 adds
 * the trend row to the level row and damps it; G2ᵀ keeps only γ·(column m−1), into column 0.
 */
function advanceProduct(mh: Float64Array, model: EtsModel, k: number, m: number): Float64Array {
  const { alpha, beta, gamma, phi, sigma2 } = model;
  const next = new Float64Array(k * m);
  for (let j = 0; j < m; j++) {
    const from = j === 0 ? m - 1 : j - 1;
    if (k === 2) {
      next[j] = mh[from] + mh[m + from];
      next[m + j] = phi * mh[m + from];
    } else {
      next[j] = mh[from];
    }
  }
  if (k === 2) {
    const sum = gamma * (mh[m - 1] + mh[2 * m - 1]);
    next[0] += alpha * sum * sigma2;
    next[m] += beta * sum * sigma2;
  } else {
    next[0] += alpha * gamma * mh[m - 1] * sigma2;
  }
  return next;
}

// ------------------------------------------------------------------ small dense matrices
// Row-major Float64Arrays; sizes are at most 48×48 (k·m with k ≤ 2, m ≤ 24).

/** A (r×inner) · B (inner×c). */
function multiply(a: ArrayLike<number>, r: number, inner: number, b: ArrayLike<number>, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) {
    for (let t = 0; t < inner; t++) {
      const x = a[i * inner + t];
      if (x === 0) continue;
      for (let j = 0; j < c; j++) out[i * c + j] += x * b[t * c + j];
    }
  }
  return out;
}

/** A·B·C for square n×n matrices. */
function multiply3(a: Float64Array, b: Float64Array, c: Float64Array, n: number): Float64Array {
  return multiply(multiply(a, n, n, b, n), n, n, c, n);
}

function transpose(a: Float64Array, r: number, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = a[i * c + j];
  return out;
}

function kronecker(a: ArrayLike<number>, ra: number, ca: number, b: ArrayLike<number>, rb: number, cb: number): Float64Array {
  const cols = ca * cb;
  const out = new Float64Array(ra * rb * cols);
  for (let i = 0; i < ra; i++)
    for (let j = 0; j < ca; j++) {
      const x = a[i * ca + j];
      if (x === 0) continue;
      for (let p = 0; p < rb; p++) for (let q = 0; q < cb; q++) out[(i * rb + p) * cols + j * cb + q] = x * b[p * cb + q];
    }
  return out;
}

function add(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] + b[i];
  return out;
}

function scale(a: Float64Array, s: number): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] * s;
  return out;
}

function outer(u: Float64Array, v: Float64Array): Float64Array {
  const out = new Float64Array(u.length * v.length);
  for (let i = 0; i < u.length; i++) for (let j = 0; j < v.length; j++) out[i * v.length + j] = u[i] * v[j];
  return out;
}

/** xᵀ·A·x for an n×n matrix A. */
function quadratic(x: Float64Array, a: Float64Array, n: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (x[i] === 0) continue;
    let row = 0;
    for (let j = 0; j < n; j++) row += a[i * n + j] * x[j];
    total += x[i] * row;
  }
  return total;
}
