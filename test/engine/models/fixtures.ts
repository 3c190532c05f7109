// Test helper: the R-made reference forecasts in test/fixtures/r-forecast (see make-fixtures.R
// there for how they were produced) and a relative-difference check that names the step.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';

const DIR = resolve(import.meta.dirname, '../../fixtures/r-forecast');

export interface FixtureSeries {
  id: string;
  source: 'm3-dev' | 'm1' | 'shared' | 'short';
  m: number;
  h: number;
  y: number[];
}

export interface RIntervals {
  mean: number[];
  lower80: number[];
  upper80: number[];
  lower95: number[];
  upper95: number[];
}

export interface REts extends RIntervals {
  id: string;
  method: string;
  par: { alpha: number; beta?: number; gamma?: number; phi?: number };
  initstate: number[];
  aicc: number | null;
  sigma2: number;
}

export interface REtsFixed extends REts {
  spec: string;
  damped: boolean;
}

export interface ROrigins {
  id: string;
  n_fit: number;
  method: string;
  h: number;
  origins: { t: number; mean: number[] }[];
}

export interface RTheta extends RIntervals {
  id: string;
  alpha: number;
  drift: number;
  sigma2: number;
}

export function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(resolve(DIR, name), 'utf8')) as T;
}

export const series = fixture<FixtureSeries[]>('series.json');

export function seriesById(id: string): FixtureSeries {
  const s = series.find((x) => x.id === id);
  if (!s) throw new Error(`No fixture series "${id}".`);
  return s;
}

/** Every |actual − expected| ≤ tolerance·|expected|; the message names the first bad step. */
export function expectRelativelyClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number, label: string): void {
  expect(actual.length, `${label}: length`).toBe(expected.length);
  let worst = 0;
  let at = -1;
  for (let k = 0; k < expected.length; k++) {
    const diff = Math.abs(actual[k] - expected[k]) / Math.max(Math.abs(expected[k]), 1e-12);
    if (!(diff <= worst)) {
      worst = diff;
      at = k;
    }
  }
  expect(worst, `${label}: step ${at + 1} is ${actual[at]}, R ${expected[at]}`).toBeLessThanOrEqual(tolerance);
}

/** Interval widths (upper − lower) within `tolerance` of R's, relative. */
export function expectWidthsClose(
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
  rLower: readonly number[],
  rUpper: readonly number[],
  tolerance: number,
  label: string,
): void {
  const widths = Array.from(lower, (lo, k) => upper[k] - lo);
  const rWidths = rLower.map((lo, k) => rUpper[k] - lo);
  expectRelativelyClose(widths, rWidths, tolerance, label);
}
