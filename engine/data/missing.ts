// Missing values in the target: linear interpolation inside the series, trimmed at the ends
// (extrapolating would invent data), and the check that enough values remain to learn from.
import { DataError, plural } from './errors';
import type { Problem } from './types';

export interface FilledTarget {
  /** The trimmed range with inner gaps interpolated; no NaN. */
  values: Float64Array;
  /** Index of values[0] in the input, and one past the last kept index. */
  start: number;
  end: number;
  /** Inner missing values that were interpolated. */
  interpolated: number;
  /** Missing values dropped before the first and after the last known value. */
  trimmedStart: number;
  trimmedEnd: number;
  /** What was done, for the health panel (empty when nothing was missing). */
  problems: Problem[];
}

/**
 * Fills NaN inside `values` by straight lines between the known neighbours and cuts the
 * missing values at both ends. `column` names the target in messages.
 */
export function fillTarget(values: Float64Array, column = 'target'): FilledTarget {
  let start = 0;
  while (start < values.length && Number.isNaN(values[start])) start++;
  if (start === values.length) {
    throw new DataError('no-values', `Column "${column}" has no values at all; choose another target column.`, { column });
  }
  let end = values.length;
  while (Number.isNaN(values[end - 1])) end--;
  const out = values.slice(start, end);
  let interpolated = 0;
  let prev = 0; // index in `out` of the last known value
  for (let i = 1; i < out.length; i++) {
    if (Number.isNaN(out[i])) continue;
    const gap = i - prev;
    if (gap > 1) {
      const a = out[prev], b = out[i];
      for (let k = 1; k < gap; k++) out[prev + k] = a + ((b - a) * k) / gap;
      interpolated += gap - 1;
    }
    prev = i;
  }
  const trimmedStart = start, trimmedEnd = values.length - end;
  const problems: Problem[] = [];
  if (interpolated > 0) {
    problems.push({ severity: 'info', code: 'interpolated', column, count: interpolated,
      message: `${plural(interpolated, 'missing value')} inside "${column}" ${interpolated === 1 ? 'was' : 'were'} filled by linear interpolation.` });
  }
  if (trimmedStart + trimmedEnd > 0) {
    const parts: string[] = [];
    if (trimmedStart > 0) parts.push(`${plural(trimmedStart, 'step')} at the start`);
    if (trimmedEnd > 0) parts.push(`${plural(trimmedEnd, 'step')} at the end`);
    problems.push({ severity: 'info', code: 'trimmed', column, count: trimmedStart + trimmedEnd,
      message: `"${column}" has no values for ${parts.join(' and ')}; ${trimmedStart + trimmedEnd === 1 ? 'it was' : 'they were'} left out.` });
  }
  return { values: out, start, end, interpolated, trimmedStart, trimmedEnd, problems };
}

/**
 * Points needed beyond one window (lookback + horizon) so that a network has something to
 * learn from: with 20 more, the series yields 21 windows to split into training and validation.
 */
export const MIN_LEARNING_POINTS = 20;

/** Throws DataError 'not-enough-data' when `n` usable values cannot feed lookback + horizon + MIN_LEARNING_POINTS. */
export function checkEnoughData(n: number, lookback: number, horizon: number, column = 'target'): void {
  const need = lookback + horizon + MIN_LEARNING_POINTS;
  if (n >= need) return;
  throw new DataError('not-enough-data',
    `"${column}" has ${plural(n, 'usable value')}, but a lookback of ${lookback} and a horizon of ${horizon} need at least ${need} ` +
    `(lookback + horizon + ${MIN_LEARNING_POINTS} to learn from). Use a shorter lookback or horizon, or a longer series.`, { column });
}
