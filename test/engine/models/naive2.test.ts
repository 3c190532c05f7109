// Naive2 (the M4 benchmark) against the M4 competition's R definition run on the fixture series
// (test/fixtures/r-forecast/naive2.json, made by make-fixtures.R).
import { describe, expect, it } from 'vitest';
import { naive2Forecast } from '../../../engine/models/naive/naive2';
import { expectRelativelyClose, fixture, series } from './fixtures';

const naive2 = fixture<{ id: string; mean: number[] }[]>('naive2.json');

describe("Naive2 matches the M4 competition's R definition", () => {
  it.each(naive2.map((r, i) => [r.id, r, series[i]] as const))('%s', (_id, r, s) => {
    expectRelativelyClose(naive2Forecast(s.y, s.m, s.h), r.mean, 1e-6, s.id);
  });

  it('is the last value when no season is found', () => {
    expect(Array.from(naive2Forecast([3, 1, 4, 1, 5], 1, 3))).toEqual([5, 5, 5]);
  });

  it('refuses missing values, saying which', () => {
    expect(() => naive2Forecast([3, 1, NaN], 1, 3)).toThrow(/value 3 of 3 is NaN/);
  });

  it('puts a clear season back on the last adjusted value, additively when values reach 0', () => {
    const wave = Array.from({ length: 24 }, (_, i) => [0, 5, 10, 5][i % 4] + 0.001 * i);
    const f = naive2Forecast(wave, 4, 4);
    expect(f[0]).toBeCloseTo(0, 1);
    expect(f[2]).toBeCloseTo(10, 1);
  });
});
