// fillTarget and checkEnoughData: interpolated values computed by hand.
import { describe, expect, it } from 'vitest';
import { checkEnoughData, fillTarget, MIN_LEARNING_POINTS } from '../../../engine/data';
import { dataErrorOf } from './helpers';

describe('fillTarget', () => {
  it('interpolates inside, trims the ends, counts both', () => {
    const r = fillTarget(Float64Array.from([NaN, NaN, 1, NaN, NaN, 4, 5, NaN, 9, NaN]), 'sales');
    // 1 → 4 over three steps: 2, 3; 5 → 9 over two steps: 7.
    expect(Array.from(r.values)).toEqual([1, 2, 3, 4, 5, 7, 9]);
    expect(r).toMatchObject({ start: 2, end: 9, interpolated: 3, trimmedStart: 2, trimmedEnd: 1 });
    expect(r.problems.map((p) => p.code)).toEqual(['interpolated', 'trimmed']);
    expect(r.problems[0]).toMatchObject({ column: 'sales', count: 3 });
  });

  it('leaves a complete series alone and does not modify its input', () => {
    const input = Float64Array.from([1, NaN, 3]);
    const r = fillTarget(Float64Array.from([1, 2, 3]));
    expect(Array.from(r.values)).toEqual([1, 2, 3]);
    expect(r.problems).toEqual([]);
    fillTarget(input);
    expect(input[1]).toBeNaN();
  });

  it('refuses a column without values', () => {
    const e = dataErrorOf(() => fillTarget(Float64Array.from([NaN, NaN]), 'ozone'));
    expect(e.code).toBe('no-values');
    expect(e.column).toBe('ozone');
  });
});

describe('checkEnoughData', () => {
  it(`needs lookback + horizon + ${MIN_LEARNING_POINTS}`, () => {
    expect(() => checkEnoughData(24 + 12 + MIN_LEARNING_POINTS, 24, 12)).not.toThrow();
    const e = dataErrorOf(() => checkEnoughData(50, 24, 12, 'sales'));
    expect(e.code).toBe('not-enough-data');
    expect(e.message).toContain('50 usable values');
    expect(e.message).toContain(`at least ${24 + 12 + MIN_LEARNING_POINTS}`);
  });
});
