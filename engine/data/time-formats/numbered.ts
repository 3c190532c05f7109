// Numbered indexes: plain period numbers in a time column (1, 2, 3, … as M3's "other" series
// and many exports have them, or any constant whole step), and files without a time column,
// whose rows are numbered 1, 2, 3, … in file order. Both are written back as whole numbers.
import type { TimeStyle } from '../types';
import { enoughShare } from './spec';
import type { StyleWriter, TimeFormatSpec } from './spec';

const INTEGER = /^[+-]?\d{1,16}$/;

/** The whole number in a cell (up to ±2^53), NaN otherwise. */
export function parsePeriodNumber(s: string, a: number, b: number): number {
  const text = s.slice(a, b).trim();
  if (!INTEGER.test(text)) return NaN;
  const v = Number(text);
  return Number.isSafeInteger(v) ? v : NaN;
}

/**
 * Sample values that look like an index: distinct whole numbers which, sorted, step by their
 * greatest common step and leave no more gaps than values (a column of counts or codes named
 * "t" or "index" does not).
 */
function looksLikeIndex(nums: number[]): boolean {
  if (nums.length < 3) return false;
  const sorted = Float64Array.from(nums).sort();
  let step = 0;
  for (let i = 1; i < sorted.length; i++) {
    const d = sorted[i] - sorted[i - 1];
    if (d === 0) return false;
    let a = step, b = d;
    while (b > 0) [a, b] = [b, a % b];
    step = a;
  }
  const grid = (sorted[sorted.length - 1] - sorted[0]) / step + 1;
  return grid - sorted.length <= sorted.length;
}

export const periodNumberFormat: TimeFormatSpec<'period-number'> = {
  kind: 'period-number',
  options: ['period-number'],
  example: 'period numbers 1, 2, 3',
  cells: ['1', '2', '3'],
  plainNumbers: 'period',
  detect(values, forced, column) {
    const nums: number[] = [];
    for (const c of values) {
      const v = parsePeriodNumber(c, 0, c.length);
      if (v === v) nums.push(v);
    }
    const share = nums.length / values.length;
    const chosen = forced === 'period-number' || column.periods === 'chosen';
    const enough = enoughShare(nums.length, values.length) || (forced === 'period-number' && share > 0);
    if (!enough || (!chosen && !looksLikeIndex(nums))) return null;
    return { format: { kind: 'period-number' }, share };
  },
  reader: () => ({ read: parsePeriodNumber }),
  style: () => ({ kind: 'period-number' }),
  numbered: true,
  note: (column) => ({ severity: 'info', code: 'period-numbers', column,
    message: `Column "${column}" numbers the periods (no calendar dates); forecasts continue its numbers.` }),
};

type Style<K extends TimeStyle['kind']> = Extract<TimeStyle, { kind: K }>;

export const numberedWriters: {
  'row-number': StyleWriter<Style<'row-number'>>;
  'period-number': StyleWriter<Style<'period-number'>>;
} = {
  'row-number': { format: (ms) => String(Math.round(ms)), describe: () => 'row numbers' },
  'period-number': { format: (ms) => String(Math.round(ms)), describe: () => 'period numbers' },
};
