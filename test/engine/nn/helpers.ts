// Shared by the engine tests: where the PyTorch reference cases live, a closeness check that
// reports the worst element, and small random batches.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { Rng } from '../../../engine/math/prng';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** ../shared/reference relative to the project root (CI has its own copy there). */
export const referenceDir = resolve(projectRoot, '../shared/reference');

export function referenceFiles(): string[] {
  return readdirSync(referenceDir).filter((f) => f.endsWith('.json')).sort().map((f) => join(referenceDir, f));
}

export function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * Expects |a − b| ≤ atol + rtol·|b| element-wise; on failure the message names the label,
 * the first bad index and the largest difference (as llm.c's check_tensor).
 */
export function checkClose(actual: ArrayLike<number>, expected: ArrayLike<number>, opts: { atol: number; rtol: number; label: string }): void {
  expect(actual.length, `${opts.label}: length`).toBe(expected.length);
  let maxDiff = 0, firstBad = -1;
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(actual[i] - expected[i]);
    if (!(d <= maxDiff)) maxDiff = Number.isNaN(d) ? Infinity : d;
    if (firstBad < 0 && !(d <= opts.atol + opts.rtol * Math.abs(expected[i]))) firstBad = i;
  }
  const msg = firstBad < 0 ? '' : `${opts.label}: maxdiff ${maxDiff}; first bad index ${firstBad}: ${actual[firstBad]} vs ${expected[firstBad]}`;
  expect(msg).toBe('');
}

export function randomArray(rng: Rng, n: number, scale = 1): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.uniform(-scale, scale);
  return a;
}
