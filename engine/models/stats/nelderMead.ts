// Nelder–Mead simplex minimisation with the rules of R's optim() (Nash's nmmin, the routine
// R's forecast::ets() calls): same start simplex, moves, shrink and stopping test, so a fit
// follows the same path as R's. Bounds are the objective's job: return Infinity outside them.
//
// n = number of parameters; the simplex holds n + 1 vertices, each with its objective value.

/** Objective over a parameter vector (length n). May return Infinity or NaN: treated as huge. */
export type Objective = (x: Float64Array) => number;

export interface NelderMeadOptions {
  /** Stop once the best value is ≤ this. R's ets: −Infinity (never). */
  absTol?: number;
  /** Stop once the simplex's values span ≤ relTol·(|f(x0)| + relTol). R: sqrt(machine epsilon). */
  relTol?: number;
  /** Reflection, contraction and expansion coefficients (R: 1, 0.5, 2). */
  reflect?: number;
  contract?: number;
  expand?: number;
  /** Stop after this many objective evaluations (R's maxit; ets uses 2000). */
  maxEvaluations?: number;
}

export interface NelderMeadResult {
  x: Float64Array;
  value: number;
  evaluations: number;
  /** 0 converged, 1 evaluation limit reached, 10 the simplex stopped shrinking. */
  status: 0 | 1 | 10;
}

/** Stand-in for a non-finite objective value, as R's optim uses. */
const BIG = 1.0e35;

/**
 * Minimises `f` from `x0`. Throws when f(x0) is not finite (there is no direction to go).
 * The start simplex steps each coordinate by 10% of the largest |x0_i| (0.1 if all are 0).
 */
export function nelderMead(f: Objective, x0: ArrayLike<number>, options: NelderMeadOptions = {}): NelderMeadResult {
  const absTol = options.absTol ?? -Infinity;
  const relTol = options.relTol ?? Math.sqrt(Number.EPSILON);
  const reflect = options.reflect ?? 1;
  const contract = options.contract ?? 0.5;
  const expand = options.expand ?? 2;
  const maxEvaluations = options.maxEvaluations ?? 500;
  const n = x0.length;

  const trial = Float64Array.from(x0);
  let value = f(trial);
  if (!Number.isFinite(value)) {
    throw new RangeError('Nelder–Mead: the objective is not finite at the starting parameters.');
  }
  if (maxEvaluations <= 0) return { x: trial, value, evaluations: 0, status: 0 };

  // vertices[j] is vertex j (n values); values[j] its objective. centroid also holds the
  // reflected point between the reflection and expansion steps.
  const vertices: Float64Array[] = [];
  for (let j = 0; j <= n; j++) vertices.push(Float64Array.from(x0));
  const values = new Float64Array(n + 1);
  const centroid = new Float64Array(n);
  values[0] = value;
  let evaluations = 1;
  const tolerance = relTol * (Math.abs(value) + relTol);

  let step = 0;
  for (let i = 0; i < n; i++) step = Math.max(step, 0.1 * Math.abs(x0[i]));
  if (step === 0) step = 0.1;
  let size = 0;
  for (let j = 1; j <= n; j++) {
    // Grow the step until it changes the coordinate (it may be lost against a huge value).
    let tryStep = step;
    while (vertices[j][j - 1] === x0[j - 1]) {
      vertices[j][j - 1] = x0[j - 1] + tryStep;
      tryStep *= 10;
    }
    size += tryStep;
  }
  let oldSize = size;

  const evaluate = (x: Float64Array): number => {
    const v = f(x);
    evaluations++;
    return Number.isFinite(v) ? v : BIG;
  };

  let best = 0;
  let recompute = true;
  let status: 0 | 1 | 10 = 0;
  do {
    if (recompute) {
      for (let j = 0; j <= n; j++) if (j !== best) values[j] = evaluate(vertices[j]);
      recompute = false;
    }
    // Best (lowest) and worst (highest) vertex; ties keep the earlier choice, as R does.
    let low = values[best];
    let high = low;
    let worst = best;
    for (let j = 0; j <= n; j++) {
      if (j === best) continue;
      const v = values[j];
      if (v < low) {
        best = j;
        low = v;
      }
      if (v > high) {
        worst = j;
        high = v;
      }
    }
    if (high <= low + tolerance || low <= absTol) break;

    const w = vertices[worst];
    for (let i = 0; i < n; i++) {
      let sum = -w[i];
      for (let j = 0; j <= n; j++) sum += vertices[j][i];
      centroid[i] = sum / n;
    }
    for (let i = 0; i < n; i++) trial[i] = (1 + reflect) * centroid[i] - reflect * w[i];
    const reflected = evaluate(trial);
    if (reflected < low) {
      // Try going further; keep the reflected point in `centroid` meanwhile.
      for (let i = 0; i < n; i++) {
        const further = expand * trial[i] + (1 - expand) * centroid[i];
        centroid[i] = trial[i];
        trial[i] = further;
      }
      const expanded = evaluate(trial);
      if (expanded < reflected) {
        w.set(trial);
        values[worst] = expanded;
      } else {
        w.set(centroid);
        values[worst] = reflected;
      }
    } else {
      if (reflected < high) {
        w.set(trial);
        values[worst] = reflected;
      }
      for (let i = 0; i < n; i++) trial[i] = (1 - contract) * w[i] + contract * centroid[i];
      const contracted = evaluate(trial);
      if (contracted < values[worst]) {
        w.set(trial);
        values[worst] = contracted;
      } else if (reflected >= high) {
        // Nothing better on this line: shrink every vertex towards the best one.
        recompute = true;
        size = 0;
        const b = vertices[best];
        for (let j = 0; j <= n; j++) {
          if (j === best) continue;
          const v = vertices[j];
          for (let i = 0; i < n; i++) {
            v[i] = contract * (v[i] - b[i]) + b[i];
            size += Math.abs(v[i] - b[i]);
          }
        }
        if (size < oldSize) {
          oldSize = size;
        } else {
          status = 10;
          break;
        }
      }
    }
  } while (evaluations <= maxEvaluations);

  if (evaluations > maxEvaluations) status = 1;
  return { x: Float64Array.from(vertices[best]), value: values[best], evaluations, status };
}
