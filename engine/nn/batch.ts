// Checks of a batch against a network before any work: sizes, shapes and non-finite values,
// with errors that say which array, which row/step/feature, and what to do.

import { headExtras, type NetworkSpec } from './spec';

export function checkBatchShape(
  spec: NetworkSpec,
  x: ArrayLike<number>,
  y: ArrayLike<number> | null,
  batch: number,
  steps: number,
  where: string,
  extras: ArrayLike<number> | null = null,
): void {
  if (!Number.isInteger(batch) || batch < 1) throw new Error(`${where}: batch must be a positive integer, got ${batch}.`);
  if (!Number.isInteger(steps) || steps < 1) throw new Error(`${where}: steps must be a positive integer, got ${steps}.`);
  const D = spec.inputSize, K = spec.outputSize;
  if (x.length !== batch * steps * D) {
    throw new Error(`${where}: x has ${x.length} values; a batch of ${batch} windows × ${steps} steps × ${D} features needs ${batch * steps * D} (layout (batch, steps, features), row-major).`);
  }
  if (y !== null && y.length !== batch * K) {
    throw new Error(`${where}: y has ${y.length} values; ${batch} windows × ${K} outputs needs ${batch * K} (layout (batch, outputs)).`);
  }
  const E = headExtras(spec);
  if (E === 0 && extras !== null && extras.length > 0) {
    throw new Error(`${where}: head extras were given, but this network's head reads none (spec.headExtras is 0).`);
  }
  if (E > 0 && (extras === null || extras.length !== batch * E)) {
    throw new Error(
      `${where}: extras has ${extras === null ? 'no' : extras.length} values; ${batch} windows × ${E} head extras needs ${batch * E} (layout (batch, extras)).`,
    );
  }
}

/** Describes the first non-finite value of x (B, T, D), y (B, K) or extras (B, E), or returns null. */
export function findNonFinite(
  x: ArrayLike<number>,
  y: ArrayLike<number> | null,
  steps: number,
  D: number,
  K: number,
  extras: ArrayLike<number> | null = null,
  E = 0,
): string | null {
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) {
      const b = Math.floor(i / (steps * D)), t = Math.floor(i / D) % steps, d = i % D;
      return `x[window ${b}, step ${t}, feature ${d}] is ${x[i]}`;
    }
  }
  if (y) {
    for (let i = 0; i < y.length; i++) {
      if (!Number.isFinite(y[i])) return `y[window ${Math.floor(i / K)}, output ${i % K}] is ${y[i]}`;
    }
  }
  if (extras) {
    for (let i = 0; i < extras.length; i++) {
      if (!Number.isFinite(extras[i])) return `extras[window ${Math.floor(i / E)}, extra ${i % E}] is ${extras[i]}`;
    }
  }
  return null;
}
